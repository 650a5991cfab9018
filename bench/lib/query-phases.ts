// Attributes database time to the phases of ingest by the table each statement touches, so the analysis
// in docs/performance.md says where the time goes without guessing.
import type { LogEvent } from 'kysely';

export type IngestPhase =
  | 'event append'
  | 'event customer link'
  | 'customer resolution'
  | 'order projection'
  | 'case routing'
  | 'signals and risk'
  | 'commitment engine'
  | 'outbox: acknowledgements and delivery'
  | 'surveys'
  | 'assignment'
  | 'transactions'
  | 'other';

const phaseByTable: Record<string, IngestPhase> = {
  customers: 'customer resolution',
  identities: 'customer resolution',
  customer_merges: 'customer resolution',
  orders: 'order projection',
  order_states: 'order projection',
  cases: 'case routing',
  messages: 'case routing',
  message_signals: 'signals and risk',
  case_notes: 'signals and risk',
  commitments: 'commitment engine',
  timers: 'commitment engine',
  actions: 'commitment engine',
  outbox: 'outbox: acknowledgements and delivery',
  survey_invitations: 'surveys',
  survey_responses: 'surveys',
  survey_loops: 'surveys',
  agents: 'assignment',
};

/** The phase a SQL statement belongs to, from its verb and first table. */
export function phaseOfStatement(sql: string): IngestPhase {
  const text = sql.trim().toLowerCase();
  if (text.includes('pg_advisory_xact_lock')) return 'customer resolution';
  if (/^(begin|commit|rollback)\b/.test(text)) return 'transactions';
  // A case's risk is read with its history and signals in one statement that starts at `cases`.
  if (text.includes('message_signals')) return 'signals and risk';
  if (/^update "?cases"? set "?risk_score/.test(text)) return 'signals and risk';
  // Case assignment reads agents with the cases they own, and a customer's earlier case owner.
  if (text.includes('"owner_id" is not null')) return 'assignment';
  const table = /(?:from|into|update)\s+"?([a-z_]+)"?/.exec(text)?.[1] ?? '';
  if (table === 'events') return text.startsWith('insert') ? 'event append' : 'event customer link';
  return phaseByTable[table] ?? 'other';
}

export interface PhaseTotals {
  byPhase: Map<IngestPhase, { statements: number; millis: number }>;
  /** Statements are counted only while this is true: the timed span, not migrations or setup. */
  recording: boolean;
  record(event: LogEvent): void;
}

export function createPhaseTotals(): PhaseTotals {
  const byPhase = new Map<IngestPhase, { statements: number; millis: number }>();
  const totals: PhaseTotals = {
    byPhase,
    recording: false,
    record(event) {
      if (!totals.recording) return;
      const phase = phaseOfStatement(event.query.sql);
      const entry = byPhase.get(phase) ?? { statements: 0, millis: 0 };
      entry.statements += 1;
      entry.millis += event.queryDurationMillis;
      byPhase.set(phase, entry);
    },
  };
  return totals;
}
