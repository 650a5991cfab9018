import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LabelledMessage } from './detector-evaluation.js';
import { NEGATIVE_SENTIMENT, scoreSentiment, sentimentTrend } from './sentiment.js';

describe('sentiment per message and its trend', () => {
  it('reads an angry message as negative and a thankful one as positive', () => {
    expect(scoreSentiment('This is terrible, the worst service I have ever had.')).toBeLessThan(-0.3);
    expect(scoreSentiment('Thank you so much, great service!')).toBeGreaterThan(0.3);
    expect(scoreSentiment('')).toBe(0);
  });

  it('stays within [-1, 1]', () => {
    for (const text of ['Awful awful awful horrible disgusting terrible!!!', 'Wonderful brilliant amazing perfect!!!']) {
      const score = scoreSentiment(text);
      expect(Math.abs(score)).toBeLessThanOrEqual(1);
    }
  });

  it('sees a customer growing angrier across messages', () => {
    const scores = ['Hi, could you tell me when my order ships? Thanks!', 'Still no news about my order.', 'This is annoying, nobody answers.', 'This is terrible. Worst shop ever, I am furious.'].map(
      scoreSentiment,
    );
    const trend = sentimentTrend(scores);
    expect(trend.direction).toBe('falling');
    expect(trend.slope).toBeLessThan(-0.1);
    expect(trend.recent).toBeLessThan(0);
  });

  it('calls a flat or short history steady', () => {
    expect(sentimentTrend([0.1, 0.1, 0.1])).toMatchObject({ slope: 0, direction: 'steady' });
    expect(sentimentTrend([-0.5])).toEqual({ slope: 0, direction: 'steady', recent: -0.5 });
    expect(sentimentTrend([-0.6, 0, 0.6]).direction).toBe('rising');
  });

  it('agrees with the labels of the evaluation set on which messages read negative', () => {
    const examples = JSON.parse(readFileSync(new URL('./fixtures/labelled-messages.json', import.meta.url), 'utf8')) as LabelledMessage[];
    const measure = (slice: LabelledMessage[]) => {
      let truePositives = 0;
      let flagged = 0;
      let actual = 0;
      for (const example of slice) {
        const negative = scoreSentiment(example.text) <= NEGATIVE_SENTIMENT;
        if (negative) flagged++;
        if (example.negative) actual++;
        if (negative && example.negative) truePositives++;
      }
      return { size: slice.length, precision: truePositives / flagged, recall: truePositives / actual };
    };
    // Churn and manager requests are often said calmly ("please cancel my account"); they have their own
    // signals, so sentiment is held to account on the messages whose tone alone carries the complaint.
    const toneOnly = measure(examples.filter((example) => !example.churnIntent && !example.managerRequest));
    const all = measure(examples);
    const show = (m: typeof all) => `n=${m.size} precision ${m.precision.toFixed(3)}, recall ${m.recall.toFixed(3)}`;
    console.log(`negative sentiment (score ≤ ${NEGATIVE_SENTIMENT}): tone-only messages ${show(toneOnly)}; all messages ${show(all)}`);
    expect(toneOnly.precision).toBeGreaterThanOrEqual(0.65);
    expect(toneOnly.recall).toBeGreaterThanOrEqual(0.75);
  });
});
