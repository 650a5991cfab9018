// Scores detection against the hand-labelled agent sentences in fixtures/agent-sentences.json:
// precision and recall of the promises found, and how many timed ones got their due time to the minute.

import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { detectPromises } from './detect-promises.js';
import { commitmentKindFor, type DetectedPromise } from './promise.js';

const labelledSentence = z.object({
  id: z.number(),
  text: z.string(),
  sentAt: z.iso.datetime({ offset: true }),
  timeZone: z.string(),
  authorRole: z.enum(['agent', 'manager', 'template']),
  category: z.enum(['promise', 'past', 'conditional', 'negation', 'question', 'request', 'other']),
  expected: z.array(
    z.object({
      kind: z.enum(['callback', 'follow_up', 'refund', 'document', 'update', 'delivery']),
      owner: z.enum(['author', 'manager', 'team']),
      // Local wall time in the sentence's zone, `yyyy-MM-dd HH:mm`; null for a vague promise.
      due: z.string().nullable(),
    }),
  ),
});
type Labelled = z.infer<typeof labelledSentence>;
type Expected = Labelled['expected'][number];

const labelled = z
  .array(labelledSentence)
  .parse(JSON.parse(readFileSync(new URL('./fixtures/agent-sentences.json', import.meta.url), 'utf8')));

interface Tally {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  ownerRight: number;
  kindExact: number;
  timed: number;
  dueRight: number;
  vagueRight: number;
  vague: number;
  misses: string[];
}

function expectedDue(item: Labelled, e: Expected): Date | null {
  return e.due === null ? null : DateTime.fromFormat(e.due, 'yyyy-MM-dd HH:mm', { zone: item.timeZone }).toJSDate();
}

function score(): Tally {
  const t: Tally = { truePositives: 0, falsePositives: 0, falseNegatives: 0, ownerRight: 0, kindExact: 0, timed: 0, dueRight: 0, vagueRight: 0, vague: 0, misses: [] };
  for (const item of labelled) {
    const found: DetectedPromise[] = detectPromises({
      text: item.text,
      sentAt: new Date(item.sentAt),
      timeZone: item.timeZone,
      authorRole: item.authorRole,
    });
    const unmatched = [...found];
    for (const e of item.expected) {
      const due = expectedDue(item, e);
      if (due === null) t.vague += 1;
      else t.timed += 1;
      // A promise is found when a detected one would open the same kind of commitment.
      const at = unmatched.findIndex((p) => commitmentKindFor(p.kind) === commitmentKindFor(e.kind));
      const match = at >= 0 ? unmatched.splice(at, 1)[0] : undefined;
      if (!match) {
        t.falseNegatives += 1;
        t.misses.push(`#${item.id} missed ${e.kind}: ${item.text}`);
        continue;
      }
      t.truePositives += 1;
      if (match.owner === e.owner) t.ownerRight += 1;
      else t.misses.push(`#${item.id} owner ${match.owner} not ${e.owner}: ${item.text}`);
      if (match.kind === e.kind) t.kindExact += 1;
      if (due === null) {
        if (match.vague && match.dueAt === null) t.vagueRight += 1;
        else t.misses.push(`#${item.id} timed (${match.timeText ?? ''}) not vague: ${item.text}`);
      } else if (match.dueAt !== null && Math.abs(match.dueAt.getTime() - due.getTime()) < 60_000) {
        t.dueRight += 1;
      } else {
        const got = match.dueAt ? DateTime.fromJSDate(match.dueAt, { zone: item.timeZone }).toFormat('yyyy-MM-dd HH:mm') : 'vague';
        t.misses.push(`#${item.id} due ${got} not ${e.due ?? ''}: ${item.text}`);
      }
    }
    for (const p of unmatched) {
      t.falsePositives += 1;
      t.misses.push(`#${item.id} spurious ${p.kind}: ${item.text}`);
    }
  }
  return t;
}

describe('the labelled set of agent sentences', () => {
  const t = score();
  const precision = t.truePositives / (t.truePositives + t.falsePositives);
  const recall = t.truePositives / (t.truePositives + t.falseNegatives);
  const f1 = (2 * precision * recall) / (precision + recall);
  const dueAccuracy = t.dueRight / t.timed;
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  console.log(
    [
      `sentences ${labelled.length} (with promises ${labelled.filter((s) => s.expected.length > 0).length}, without ${labelled.filter((s) => s.expected.length === 0).length}); promises ${t.timed + t.vague} (timed ${t.timed}, vague ${t.vague})`,
      `detection: TP ${t.truePositives} FP ${t.falsePositives} FN ${t.falseNegatives}; precision ${pct(precision)} recall ${pct(recall)} F1 ${f1.toFixed(3)}`,
      `due time right to the minute: ${t.dueRight}/${t.timed} = ${pct(dueAccuracy)}; vague marked vague: ${t.vagueRight}/${t.vague}`,
      `owner right: ${t.ownerRight}/${t.truePositives}; exact kind right: ${t.kindExact}/${t.truePositives}`,
      ...t.misses,
    ].join('\n'),
  );

  it('holds at least 150 sentences, with every kind of non-promise', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(150);
    for (const category of ['past', 'conditional', 'negation', 'question', 'request'] as const) {
      expect(labelled.filter((s) => s.category === category).length).toBeGreaterThanOrEqual(8);
    }
  });

  it('detects promises with an F1 of at least 0.9', () => {
    expect(f1).toBeGreaterThanOrEqual(0.9);
  });

  it('gets the due time right to the minute for at least 90% of the timed promises', () => {
    expect(dueAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('names the right owner for at least 90% of the promises it finds', () => {
    expect(t.ownerRight / t.truePositives).toBeGreaterThanOrEqual(0.9);
  });
});
