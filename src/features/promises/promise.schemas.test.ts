import { describe, expect, it } from 'vitest';
import { detectPromises } from './detect-promises.js';
import { applyPromiseCorrection, detectedPromiseJsonSchema, promiseCorrectionSchema, toPromiseJson } from './promise.schemas.js';

const sentAt = new Date('2026-11-25T15:30:00Z');
const [vagueCall] = detectPromises({ text: "I'll call you back.", sentAt, timeZone: 'America/New_York', authorRole: 'agent' });

describe('correcting a detected promise', () => {
  it('shows a promise on the wire in the shape its schema accepts', () => {
    if (!vagueCall) throw new Error('expected a promise');
    const json = toPromiseJson(vagueCall);
    expect(detectedPromiseJsonSchema.parse(json)).toEqual({ kind: 'callback', owner: 'author', due_at: null, vague: true, phrase: "I'll call you back." });
  });

  it('gives a vague promise the time the agent adds, and a new owner', () => {
    if (!vagueCall) throw new Error('expected a promise');
    const correction = promiseCorrectionSchema.parse({ action: 'correct', due_at: '2026-11-26T16:00:00-05:00', owner: 'manager' });
    const result = applyPromiseCorrection({ promise: vagueCall, correction });
    expect(result).toMatchObject({ dismissed: false, promise: { owner: 'manager', vague: false, dueAt: new Date('2026-11-26T21:00:00Z') } });
  });

  it('keeps only the note when the agent dismisses a promise', () => {
    if (!vagueCall) throw new Error('expected a promise');
    const correction = promiseCorrectionSchema.parse({ action: 'dismiss', note: ' quoting the policy, not promising ' });
    expect(applyPromiseCorrection({ promise: vagueCall, correction })).toEqual({ dismissed: true, note: 'quoting the policy, not promising' });
  });

  it('refuses a correction that changes nothing, and a dismissal without a note', () => {
    expect(promiseCorrectionSchema.safeParse({ action: 'correct' }).success).toBe(false);
    expect(promiseCorrectionSchema.safeParse({ action: 'dismiss', note: '  ' }).success).toBe(false);
  });
});
