// Attributes database time to the phases of ingest by the table each statement touches, so the analysis
// in docs/performance.md says where the time goes without guessing.
import type { LogEvent } from 'kysely';

export type IngestPhase = 'event append' | 'event customer link' | 'customer resolution' | 'order projection' | 'case routing' | 'other';

/** The phase a SQL statement belongs to, from its verb and first table. */
export function phaseOfStatement(sql: string): IngestPhase {
  const text = sql.toLowerCase();
  if (text.includes('pg_advisory_xact_lock')) return 'customer resolution';
  const table = /(?:from|into|update)\s+"?([a-z_]+)"?/.exec(text)?.[1] ?? '';
  if (table === 'events') return text.startsWith('insert') ? 'event append' : 'event customer link';
  if (table === 'customers' || table === 'identities' || table === 'customer_merges') return 'customer resolution';
  if (table === 'orders' || table === 'order_states') return 'order projection';
  if (table === 'cases' || table === 'messages') return 'case routing';
  return 'other';
}

export interface PhaseTotals {
  byPhase: Map<IngestPhase, { statements: number; millis: number }>;
  record(event: LogEvent): void;
}

export function createPhaseTotals(): PhaseTotals {
  const byPhase = new Map<IngestPhase, { statements: number; millis: number }>();
  return {
    byPhase,
    record(event) {
      const phase = phaseOfStatement(event.query.sql);
      const entry = byPhase.get(phase) ?? { statements: 0, millis: 0 };
      entry.statements += 1;
      entry.millis += event.queryDurationMillis;
      byPhase.set(phase, entry);
    },
  };
}
