// Prometheus metrics for commitments: how many are open, at risk, breached and kept, and how late timers fire.
import { Gauge, Histogram, type Registry } from 'prom-client';
import type { TimerKind } from './commitment.js';
import type { CommitmentKind } from './policy.schemas.js';

/** One row of the store's count: open, at-risk (open and past its at-risk time), breached or kept, per kind. */
export interface CommitmentCount {
  state: 'open' | 'at_risk' | 'breached' | 'kept';
  kind: CommitmentKind;
  count: number;
}

export interface CommitmentMetrics {
  /** Replaces every gauge value with these counts; kinds not listed drop to zero. */
  setCounts(counts: readonly CommitmentCount[]): void;
  /** Records how late a timer fired, measured from its fire time. */
  observeFireLag(options: { kind: TimerKind; lagMs: number }): void;
}

/**
 * Registers the commitment metrics on `registry`. With `readCounts` (the counts the store keeps), every
 * scrape reads fresh counts, so each Kept process reports the same totals; without it, call setCounts.
 */
export function createCommitmentMetrics(registry: Registry, options: { readCounts?: () => Promise<readonly CommitmentCount[]> } = {}): CommitmentMetrics {
  let pending: Promise<void> | undefined;
  // One scrape reads the four gauges one after another; they share one count query.
  const refresh = async (): Promise<void> => {
    const count = options.readCounts;
    if (!count) return;
    pending ??= count()
      .then((rows) => metrics.setCounts(rows))
      .finally(() => setTimeout(() => (pending = undefined), 250).unref());
    await pending;
  };
  const gauge = (name: string, help: string): Gauge<'kind'> => new Gauge({ name, help, labelNames: ['kind'], registers: [registry], collect: refresh });
  const gauges = {
    open: gauge('kept_commitments_open', 'Commitments open now (including those at risk).'),
    at_risk: gauge('kept_commitments_at_risk', 'Open commitments past their at-risk time.'),
    breached: gauge('kept_commitments_breached', 'Breached commitments not yet kept late or waived.'),
    kept: gauge('kept_commitments_kept', 'Commitments kept, on time or late.'),
  };
  const fireLag = new Histogram({
    name: 'kept_timer_fire_lag_seconds',
    help: 'How long after its fire time a commitment timer fired.',
    labelNames: ['timer_kind'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60],
    registers: [registry],
  });

  const metrics: CommitmentMetrics = {
    setCounts(counts) {
      for (const g of Object.values(gauges)) g.reset();
      for (const row of counts) gauges[row.state].inc({ kind: row.kind }, row.count);
    },
    observeFireLag({ kind, lagMs }) {
      fireLag.observe({ timer_kind: kind }, Math.max(0, lagMs) / 1_000);
    },
  };
  return metrics;
}
