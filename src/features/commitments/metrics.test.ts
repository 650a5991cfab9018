import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createCommitmentMetrics, type CommitmentCount } from './metrics.js';

describe('commitment metrics', () => {
  it('report fresh counts from the store on every scrape', async () => {
    const registry = new Registry();
    let rows: CommitmentCount[] = [
      { state: 'open', kind: 'notify', count: 3 },
      { state: 'at_risk', kind: 'notify', count: 1 },
      { state: 'breached', kind: 'first_response', count: 2 },
    ];
    let queries = 0;
    createCommitmentMetrics(registry, {
      readCounts: async () => {
        queries += 1;
        return rows;
      },
    });
    const first = await registry.metrics();
    expect(first).toContain('kept_commitments_open{kind="notify"} 3');
    expect(first).toContain('kept_commitments_at_risk{kind="notify"} 1');
    expect(first).toContain('kept_commitments_breached{kind="first_response"} 2');
    expect(queries).toBe(1);

    rows = [{ state: 'kept', kind: 'notify', count: 4 }];
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await registry.metrics();
    expect(second).toContain('kept_commitments_kept{kind="notify"} 4');
    expect(second).not.toContain('kept_commitments_open{kind="notify"}');
  });

  it('puts fire lag into histogram buckets by timer kind', async () => {
    const registry = new Registry();
    const metrics = createCommitmentMetrics(registry);
    metrics.observeFireLag({ kind: 'breach', lagMs: 3 });
    metrics.observeFireLag({ kind: 'breach', lagMs: 700 });
    metrics.observeFireLag({ kind: 'at_risk', lagMs: 20 });
    const text = await registry.metrics();
    expect(text).toContain('kept_timer_fire_lag_seconds_bucket{le="0.005",timer_kind="breach"} 1');
    expect(text).toContain('kept_timer_fire_lag_seconds_bucket{le="1",timer_kind="breach"} 2');
    expect(text).toContain('kept_timer_fire_lag_seconds_count{timer_kind="at_risk"} 1');
  });
});
