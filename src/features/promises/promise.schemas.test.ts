import { describe, expect, it } from 'vitest';
import { detectPromises } from './detect-promises.js';
import { detectedPromiseJsonSchema, promiseCorrectionSchema, promiseDismissalSchema, toPromiseJson } from './promise.schemas.js';

const sentAt = new Date('2026-11-25T15:30:00Z');
const [vagueCall] = detectPromises({ text: "I'll call you back.", sentAt, timeZone: 'America/New_York', authorRole: 'agent' });

describe('the wire shapes of promises', () => {
  it('shows a promise on the wire in the shape its schema accepts', () => {
    if (!vagueCall) throw new Error('expected a promise');
    const json = toPromiseJson(vagueCall);
    expect(detectedPromiseJsonSchema.parse(json)).toEqual({ kind: 'callback', owner: 'author', due_at: null, vague: true, phrase: "I'll call you back." });
  });

  it('takes a correction of the time with its offset, of the owner, or both, with a note', () => {
    expect(promiseCorrectionSchema.parse({ due_at: '2026-11-26T16:00:00-05:00', note: ' the customer asked for Thursday ' })).toEqual({
      due_at: '2026-11-26T16:00:00-05:00',
      note: 'the customer asked for Thursday',
    });
    expect(promiseCorrectionSchema.parse({ owner_id: 'agt_1' })).toEqual({ owner_id: 'agt_1' });
  });

  it('refuses a correction that changes nothing or gives a time that is not one, naming the field', () => {
    expect(promiseCorrectionSchema.safeParse({ note: 'nothing' }).error?.issues[0]?.path).toEqual(['due_at']);
    expect(promiseCorrectionSchema.safeParse({ due_at: 'Friday' }).error?.issues[0]?.path).toEqual(['due_at']);
    expect(promiseCorrectionSchema.safeParse({ due_at: '2026-11-26T16:00:00' }).success).toBe(false);
  });

  it('refuses a dismissal without a note', () => {
    expect(promiseDismissalSchema.safeParse({ note: '  ' }).success).toBe(false);
    expect(promiseDismissalSchema.safeParse({}).error?.issues[0]?.path).toEqual(['note']);
  });
});
