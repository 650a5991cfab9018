import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerText, findRepeatedReply, REPEATED_REPLY_THRESHOLD, replySimilarity, stripSalutations } from './repeated-reply.js';

interface ReplyPair {
  topic: string;
  kind: 'near_duplicate' | 'different_answer';
  a: string;
  b: string;
}

const pairs = JSON.parse(readFileSync(new URL('./fixtures/reply-pairs.json', import.meta.url), 'utf8')) as ReplyPair[];

describe('a reply that repeats an earlier one is caught', () => {
  const scored = pairs.map((pair) => ({ ...pair, similarity: replySimilarity({ a: pair.a, b: pair.b }) }));
  const near = scored.filter((pair) => pair.kind === 'near_duplicate').map((pair) => pair.similarity);
  const different = scored.filter((pair) => pair.kind === 'different_answer').map((pair) => pair.similarity);

  it('the fixture holds both kinds of pair on every topic', () => {
    expect(near.length).toBeGreaterThanOrEqual(10);
    expect(different.length).toBeGreaterThanOrEqual(10);
    const topics = (kind: ReplyPair['kind']) => new Set(pairs.filter((pair) => pair.kind === kind).map((pair) => pair.topic));
    expect(topics('different_answer')).toEqual(topics('near_duplicate'));
  });

  it('the threshold lies in the gap between near duplicates and different answers, with room on both sides', () => {
    const lowestNear = Math.min(...near);
    const highestDifferent = Math.max(...different);
    console.log(
      `repeated reply: ${near.length} near duplicates score ≥ ${lowestNear.toFixed(3)}, ` +
        `${different.length} different answers score ≤ ${highestDifferent.toFixed(3)}, ` +
        `midpoint ${((lowestNear + highestDifferent) / 2).toFixed(3)}, threshold ${REPEATED_REPLY_THRESHOLD}`,
    );
    expect(highestDifferent).toBeLessThan(REPEATED_REPLY_THRESHOLD - 0.1);
    expect(lowestNear).toBeGreaterThanOrEqual(REPEATED_REPLY_THRESHOLD + 0.1);
  });

  it('classifies every pair of the fixture as labelled', () => {
    for (const pair of pairs) {
      const check = findRepeatedReply({ body: pair.b, earlierReplies: [{ id: 'earlier', body: pair.a }] });
      expect({ text: pair.b.slice(0, 40), repeated: check.repeated }).toEqual({
        text: pair.b.slice(0, 40),
        repeated: pair.kind === 'near_duplicate',
      });
    }
  });

  it('names the earlier reply it repeats', () => {
    const check = findRepeatedReply({
      body: 'Hi Ana,\nYour refund was processed. Please allow 5 to 10 business days for it to appear on your statement.\nBest regards,\nLeo',
      earlierReplies: [
        { id: 'msg_1', body: 'Hello Ana, we have received your return and are checking the item now.' },
        { id: 'msg_2', body: 'Dear Ana,\nYour refund was processed. Please allow 5 to 10 business days for it to appear on your statement.\nThanks,\nMia' },
      ],
    });
    expect(check).toMatchObject({ repeated: true, matchedReplyId: 'msg_2' });
    expect(check.similarity).toBe(1);
  });

  it('a first reply repeats nothing', () => {
    expect(findRepeatedReply({ body: 'Your order has shipped.', earlierReplies: [] })).toEqual({ repeated: false, similarity: 0 });
  });

  it('sets the greeting and the sign-off aside', () => {
    expect(stripSalutations('Dear Ana,\nYour parcel left today.\nKind regards,\nTom\nKept Support')).toBe('Your parcel left today.');
  });

  it('sets aside the courtesy line an agent puts under every answer, but not an answer that mentions replying', () => {
    const close = 'If there is anything else I can help you with, just reply to this email.';
    expect(answerText(`Hi Ana,\nYour parcel left today. ${close}\nTom`)).toBe('Your parcel left today.');
    expect(answerText('If the refund has not arrived by Friday, reply to this email and we will chase the bank.')).toBe(
      'If the refund has not arrived by Friday, reply to this email and we will chase the bank.',
    );
    const a = `Your bank declined the payment, so please contact them to approve it. ${close}`;
    const b = `The payment went through after all and your order is being packed now. ${close}`;
    expect(findRepeatedReply({ body: b, earlierReplies: [{ id: 'msg_1', body: a }] }).repeated).toBe(false);
  });
});
