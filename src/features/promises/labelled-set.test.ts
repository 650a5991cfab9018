// Scores detection against the hand-labelled agent sentences: precision and recall of the promises found,
// and how many timed ones got their due time to the minute. The held-out set was written after the rules
// were settled and is scored the same way, so the figures are not only those of the set the rules grew on.

import { describe, expect, it } from 'vitest';
import { figuresOf, loadLabelledSet, reportFigures, scoreLabelledSet } from './fixtures/score-labelled-set.js';

const sets = [
  { name: 'development set', file: 'agent-sentences.json' },
  { name: 'held-out set', file: 'held-out-sentences.json' },
] as const;

for (const { name, file } of sets) {
  describe(`the ${name} of agent sentences`, () => {
    const labelled = loadLabelledSet(file);
    const tally = scoreLabelledSet(labelled);
    const f = figuresOf(tally);
    console.log(reportFigures(name, labelled, tally));

    it('detects promises with an F1 of at least 0.9', () => {
      expect(f.f1).toBeGreaterThanOrEqual(0.9);
    });

    it('gets the due time right to the minute for at least 90% of the timed promises', () => {
      expect(f.dueAccuracy).toBeGreaterThanOrEqual(0.9);
    });

    it('names the right owner for at least 90% of the promises it finds', () => {
      expect(f.ownerAccuracy).toBeGreaterThanOrEqual(0.9);
    });
  });
}

describe('the labelled sentences together', () => {
  const all = sets.flatMap(({ file }) => loadLabelledSet(file));

  it('hold at least 150 sentences, with every kind of non-promise', () => {
    expect(all.length).toBeGreaterThanOrEqual(150);
    for (const category of ['past', 'conditional', 'negation', 'question', 'request'] as const) {
      expect(all.filter((s) => s.category === category).length).toBeGreaterThanOrEqual(8);
    }
  });
});
