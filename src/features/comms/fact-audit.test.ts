import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { auditMessage } from './fact-audit.js';
import { customerFactsSchema } from './facts.schemas.js';

const corpusSchema = z.object({
  facts: z.record(z.string(), customerFactsSchema),
  replies: z.array(
    z.object({
      facts: z.string(),
      expected: z.array(z.enum(['fact_mismatch', 'reason_conflict'])),
      text: z.string(),
      /**
       * The batch a reply was written in: the first 90 tuned the audit; `second`, `third` and `fourth` were each
       * written afterwards and measured before the audit was changed again (figures in docs/one-voice.md).
       */
      batch: z.enum(['second', 'third', 'fourth']).optional(),
    }),
  ),
});
const corpus = corpusSchema.parse(JSON.parse(readFileSync(new URL('./fixtures/agent-replies.json', import.meta.url), 'utf8')));

const ana = corpus.facts['ana'];
const ben = corpus.facts['ben'];

describe('auditMessage', () => {
  it('holds the trade-in email of crack C3: 7776 is the end of the order number, not an account', () => {
    const result = auditMessage({ text: 'Your account ending in 7776 is being credited.', facts: ben ?? {} });
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([
      {
        code: 'fact_mismatch',
        detail: '"Your account ending in 7776": the account on record ends in 3390; 7776 is the end of order number T-20417776',
      },
    ]);
  });

  it('lets a true statement about the internal number through', () => {
    const result = auditMessage({ text: '7776 is the end of our internal order number, not your card.', facts: ben ?? {} });
    expect(result).toMatchObject({ ok: true, findings: [] });
  });

  it('holds a reply that gives another reason than the recorded one (crack C2), naming both', () => {
    const result = auditMessage({
      text: 'Your order was cancelled due to inventory.',
      facts: ana ?? {},
    });
    expect(result.findings).toEqual([
      {
        code: 'reason_conflict',
        detail: 'states "inventory" (out_of_stock) but the recorded reason is payment_verification_failed ("We could not verify the payment details for this order.")',
      },
    ]);
  });

  it('names the claimed and the recorded amount, order, date and tracking number', () => {
    const facts = corpus.facts['carla'] ?? {};
    const details = (text: string) => auditMessage({ text, facts }).findings.map((finding) => finding.detail);
    expect(details('We refunded €50.00 for it.')).toEqual(['"€50.00": no amount of €50.00 on record (amounts: €45.99)']);
    expect(details('About order B-5512: sorry.')).toEqual(['"order B-5512": no such order for this customer (orders on record: B-5521)']);
    expect(details('It should now arrive by December 6.')).toEqual(['"December 6" as the eta date: the records say 2026-12-04']);
    expect(details('Your tracking number is B-5521.')).toEqual(['"tracking number is B-5521": B-5521 is the order number, not a tracking number; tracking numbers on record: 1Z999AA10123456784']);
  });
});

type Reply = (typeof corpus.replies)[number];

// Precision and recall over (reply, finding code) pairs.
function score(replies: Reply[]) {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  const misses: string[] = [];
  for (const reply of replies) {
    const facts = corpus.facts[reply.facts];
    if (!facts) throw new Error(`unknown fact set ${reply.facts}`);
    const found = new Set(auditMessage({ text: reply.text, facts }).findings.map((finding) => finding.code));
    const expected = new Set(reply.expected);
    for (const code of found) {
      if (expected.has(code)) truePositives += 1;
      else {
        falsePositives += 1;
        misses.push(`unexpected ${code}: ${reply.text}`);
      }
    }
    for (const code of expected) {
      if (!found.has(code)) {
        falseNegatives += 1;
        misses.push(`missed ${code}: ${reply.text}`);
      }
    }
  }
  return {
    replies: replies.length,
    truePositives,
    falsePositives,
    falseNegatives,
    misses,
    precision: truePositives / (truePositives + falsePositives),
    recall: truePositives / (truePositives + falseNegatives),
  };
}

describe('the agent-reply corpus', () => {
  it('has at least 80 hand-written replies, true and false', () => {
    expect(corpus.replies.length).toBeGreaterThanOrEqual(80);
    expect(corpus.replies.filter((reply) => reply.expected.length === 0).length).toBeGreaterThanOrEqual(30);
    expect(corpus.replies.filter((reply) => reply.expected.length > 0).length).toBeGreaterThanOrEqual(30);
  });

  it('is audited with precision and recall of at least 0.95, on all replies and on the later batch', () => {
    const all = score(corpus.replies);
    const later = score(corpus.replies.filter((reply) => reply.batch === 'second'));
    const third = score(corpus.replies.filter((reply) => reply.batch === 'third'));
    const fourth = score(corpus.replies.filter((reply) => reply.batch === 'fourth'));
    const batches = [
      ['all', all],
      ['second batch', later],
      ['third batch', third],
      ['fourth batch', fourth],
    ] as const;
    for (const [name, result] of batches) {
      console.log(
        `fact audit, ${name} (${result.replies} replies): precision ${result.precision.toFixed(3)}, recall ${result.recall.toFixed(3)} ` +
          `(${result.truePositives} true positives, ${result.falsePositives} false positives, ${result.falseNegatives} false negatives)` +
          result.misses.map((miss) => `\n  ${miss}`).join(''),
      );
    }
    expect(later.replies).toBeGreaterThanOrEqual(30);
    expect(all.precision).toBeGreaterThanOrEqual(0.95);
    expect(all.recall).toBeGreaterThanOrEqual(0.95);
  });
});
