// The health report on /metrics, for Prometheus and the Grafana dashboard in docs/: each part's status, and the
// figures to alert on (scheduler lag, outbox backlog and failures, quarantined mail, the store's free space).
import { Gauge, type Registry } from 'prom-client';
import type { Clock } from '../../shared/clock.js';
import type { HealthRegistry, HealthReport } from '../../shared/health.js';

const statusValue = { ok: 0, degraded: 1, failing: 2 } as const;

/** A figure of one part: `[part, field, metric name, help]`. */
const figures: [string, string, string, string][] = [
  ['scheduler', 'lag_seconds', 'kept_scheduler_lag_seconds', 'How far behind its fire time the oldest unfired timer is.'],
  ['scheduler', 'overdue_timers', 'kept_scheduler_overdue_timers', 'Timers past their fire time that have not fired.'],
  ['outbox', 'queued', 'kept_outbox_queued', 'Messages waiting in the outbox to be delivered.'],
  ['outbox', 'oldest_queued_seconds', 'kept_outbox_oldest_queued_seconds', 'Age of the oldest message waiting in the outbox.'],
  ['outbox', 'failed_last_24h', 'kept_outbox_failed_last_24h', 'Messages that failed for good in the last 24 hours.'],
  ['mail', 'pending', 'kept_mail_pending', 'Inbound mail stored and waiting for the intake worker.'],
  ['mail', 'quarantined', 'kept_mail_quarantined', 'Inbound mail quarantined for a person to look at.'],
  ['store', 'free_bytes', 'kept_store_free_bytes', 'Free bytes in the embedded store\u2019s file system.'],
];

export function registerHealthMetrics(registry: Registry, deps: { health: HealthRegistry; clock: Clock }): void {
  let pending: Promise<HealthReport> | undefined;
  // One scrape reads every gauge; they share one report.
  const report = () => {
    pending ??= deps.health.report(deps.clock.now()).finally(() => setTimeout(() => (pending = undefined), 250).unref());
    return pending;
  };
  new Gauge({
    name: 'kept_health_status',
    help: 'Each health part: 0 ok, 1 degraded, 2 failing (GET /api/v1/health).',
    labelNames: ['part'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [part, value] of Object.entries((await report()).parts)) this.set({ part }, statusValue[value.status]);
    },
  });
  for (const [part, field, name, help] of figures) {
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.reset();
        const value = (await report()).parts[part]?.[field];
        if (typeof value === 'number') this.set(value);
      },
    });
  }
}
