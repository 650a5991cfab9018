import { describe, expect, it } from 'vitest';
import { createHealthRegistry, type HealthPart } from './health.js';

/** A part whose next answers are given by the test: each question waits until the test answers it. */
function answeredByHand() {
  const waiting: ((part: HealthPart) => void)[] = [];
  let asked = 0;
  return {
    contributor: () => {
      asked += 1;
      return new Promise<HealthPart>((resolve) => waiting.push(resolve));
    },
    answer: (part: HealthPart) => waiting.shift()?.(part),
    asked: () => asked,
  };
}

const at = new Date('2026-12-06T12:00:00Z');

describe('health registry', () => {
  it('waits for a part that has never answered, and reports what it says', async () => {
    const health = createHealthRegistry({ answerWithinMs: 10, timeoutMs: 1_000 });
    const store = answeredByHand();
    health.add('store', store.contributor);
    const report = health.report(at);
    setTimeout(() => store.answer({ status: 'ok', read_ms: 3 }), 40);
    expect(await report).toEqual({ status: 'ok', ok: true, checked_at: at.toISOString(), parts: { store: { status: 'ok', read_ms: 3 } } });
  });

  it('reports a busy part by its recent answer and its age instead of waiting, and asks it only once meanwhile', async () => {
    const health = createHealthRegistry({ answerWithinMs: 10, timeoutMs: 1_000, reuseForMs: 5_000 });
    const store = answeredByHand();
    health.add('store', store.contributor);
    const first = health.report(at);
    store.answer({ status: 'ok', read_ms: 1 });
    await first;
    // The store is now busy: the next two reports do not wait for it.
    const busy = await health.report(at);
    const again = await health.report(at);
    expect(busy.parts['store']).toMatchObject({ status: 'ok', read_ms: 1 });
    expect(typeof busy.parts['store']?.['answered_ms_ago']).toBe('number');
    expect(again.status).toBe('ok');
    expect(store.asked()).toBe(2);
    // Its answer, when it comes, is the next report's.
    store.answer({ status: 'failing', error: 'disk full' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const after = health.report(at);
    store.answer({ status: 'failing', error: 'disk full' });
    expect((await after).parts['store']).toEqual({ status: 'failing', error: 'disk full' });
  });

  it('reports a part failing once it has not answered for longer than its last answer may stand in', async () => {
    const health = createHealthRegistry({ answerWithinMs: 5, timeoutMs: 30, reuseForMs: 20 });
    const store = answeredByHand();
    health.add('store', store.contributor);
    const first = health.report(at);
    store.answer({ status: 'ok' });
    await first;
    await new Promise((resolve) => setTimeout(resolve, 25));
    // The store hangs: its last answer is too old to stand in, so the report waits out the timeout.
    const hung = await health.report(at);
    expect(hung.status).toBe('failing');
    expect(hung.parts['store']).toEqual({ status: 'failing', error: 'no answer within 30 ms' });
  });

  it('turns a part that throws into a failing part naming the error', async () => {
    const health = createHealthRegistry();
    health.add('outbox', () => Promise.reject(new Error('relation "outbox" does not exist')));
    health.add('store', async () => ({ status: 'ok' }));
    const report = await health.report(at);
    expect(report).toMatchObject({ status: 'failing', ok: false, parts: { outbox: { status: 'failing', error: 'relation "outbox" does not exist' }, store: { status: 'ok' } } });
  });
});
