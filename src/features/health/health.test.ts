// GET /api/v1/health tells "up" from "working": the store, the scheduler's lag, the outbox and inbound mail,
// and any part a feature adds (shop connectors), with 503 when a part is failing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKept, testStart, type TestKept } from '../../../test/helpers/test-app.js';
import { storeKinds } from '../../../test/helpers/stores.js';

describe.each(storeKinds)('health on %s', (storeKind) => {
  let kept: TestKept;
  beforeAll(async () => {
    kept = await createTestKept({ store: storeKind });
  });
  afterAll(async () => kept?.close());

  it('reports every part with its figures, without a token', async () => {
    const reply = await kept.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(reply.statusCode).toBe(200);
    const report = reply.json();
    expect(report).toMatchObject({ status: 'ok', ok: true, checked_at: testStart.toISOString() });
    expect(Object.keys(report.parts)).toEqual(['store', 'scheduler', 'outbox', 'mail', 'connectors']);
    expect(report.parts.store).toMatchObject({ status: 'ok', dialect: storeKind, writable: true });
    expect(report.parts.scheduler).toEqual({ status: 'ok', lag_seconds: 0, overdue_timers: 0 });
    expect(report.parts.outbox).toEqual({ status: 'ok', queued: 0, oldest_queued_seconds: 0, failed_last_24h: 0 });
    expect(report.parts.mail).toEqual({ status: 'ok', pending: 0, quarantined: 0 });
    expect(report.parts.connectors.status).toBe('ok');
    expect(report.parts.connectors.shopify).toEqual({ configured: false, deliveries: 0, failures: 0, last_delivery_at: null, last_status: null });
  });

  it('puts the same figures on /metrics for Prometheus', async () => {
    const metrics = await kept.api('GET', '/metrics');
    expect(metrics.status).toBe(200);
    const lines = String(metrics.body).split('\n');
    for (const line of [
      'kept_health_status{part="store"} 0',
      'kept_health_status{part="outbox"} 0',
      'kept_scheduler_lag_seconds 0',
      'kept_outbox_queued 0',
      'kept_outbox_failed_last_24h 0',
      'kept_mail_quarantined 0',
    ])
      expect(lines).toContain(line);
  });

  it('shows a scheduler that stopped firing as lag', async () => {
    await kept.api('POST', '/api/v1/events', {
      id: 'health-1',
      type: 'order.cancelled',
      customer: { email: 'health@example.com' },
      order: { id: 'H-1' },
      data: { reason: 'payment_verification_failed' },
    });
    const timers = await kept.store.db.selectFrom('timers').select('id').execute();
    // The cancellation's notify commitment: its at-risk warning and its deadline.
    expect(timers.length).toBe(2);
    // As if no process had fired them: their fire time ten minutes behind the clock.
    await kept.store.db
      .updateTable('timers')
      .set({ fire_at: new Date(testStart.getTime() - 600_000) })
      .execute();
    const report = (await kept.app.inject({ method: 'GET', url: '/api/v1/health' })).json();
    expect(report.status).toBe('degraded');
    expect(report.parts.scheduler).toEqual({ status: 'degraded', lag_seconds: 600, overdue_timers: timers.length });
  });

  it('takes parts added by other features, and answers 503 when one fails or hangs', async () => {
    kept.health.add('marketplace', async () => ({ status: 'ok', last_delivery_at: testStart.toISOString() }));
    expect((await kept.app.inject({ method: 'GET', url: '/api/v1/health' })).json().parts.marketplace).toEqual({ status: 'ok', last_delivery_at: testStart.toISOString() });
    kept.health.add('stuck', () => new Promise(() => {}));
    const reply = await kept.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(reply.statusCode).toBe(503);
    expect(reply.json()).toMatchObject({ status: 'failing', ok: false, parts: { stuck: { status: 'failing', error: 'no answer within 2000 ms' } } });
  });
});
