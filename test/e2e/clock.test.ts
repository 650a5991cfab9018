// The manual clock: time stands still until moved, and only forward.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKept, testStart, type TestKept } from '../helpers/test-app.js';

describe('the manual clock', () => {
  let kept: TestKept;
  beforeAll(async () => {
    kept = await createTestKept({ store: 'pglite' });
  });
  afterAll(async () => kept?.close());

  it('stands still, advances by seconds or to a time, and fires due timers in order before answering', async () => {
    const fired: string[] = [];
    const timers = [new Date(testStart.getTime() + 90_000), new Date(testStart.getTime() + 30_000)];
    kept.services.clock.registerTimerRunner(async ({ until, setTime }) => {
      for (const due of [...timers].sort((a, b) => a.getTime() - b.getTime())) {
        if (due > until || fired.includes(due.toISOString())) continue;
        setTime(due);
        fired.push(kept.clock.now().toISOString());
      }
    });
    expect((await kept.api('GET', '/api/v1/clock')).body).toEqual({ now: testStart.toISOString(), mode: 'manual' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await kept.api('GET', '/api/v1/clock')).body.now).toBe(testStart.toISOString());

    const advanced = await kept.api('POST', '/api/v1/clock', { advance_seconds: 60 });
    expect(advanced.body.now).toBe(new Date(testStart.getTime() + 60_000).toISOString());
    expect(fired).toEqual([new Date(testStart.getTime() + 30_000).toISOString()]);

    const moved = await kept.api('POST', '/api/v1/clock', { to: '2026-12-01T10:00:00Z' });
    expect(moved.body.now).toBe('2026-12-01T10:00:00.000Z');
    expect(fired).toEqual([new Date(testStart.getTime() + 30_000).toISOString(), new Date(testStart.getTime() + 90_000).toISOString()]);
  });

  it('refuses to move backwards', async () => {
    const reply = await kept.api('POST', '/api/v1/clock', { to: '2020-01-01T00:00:00Z' });
    expect(reply.status).toBe(400);
    expect(reply.body.field).toBe('to');
  });

  it('cannot be moved when the clock is the system clock', async () => {
    const real = await createTestKept({ store: 'pglite', env: { KEPT_CLOCK: 'system' } });
    try {
      const reply = await real.api('POST', '/api/v1/clock', { advance_seconds: 5 });
      expect(reply.status).toBe(409);
      expect(reply.body.detail).toContain('KEPT_CLOCK=manual');
    } finally {
      await real.close();
    }
  });
});
