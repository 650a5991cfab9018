// The audit's result: counts per kind of crack, the ids involved (capped) and an example of each.
import type { CrackKind } from '../history/history-event.js';
import { crackKinds } from '../history/history-event.js';
import type { AuditWindows } from './audit-options.js';
import type { AuditReading } from './audit-reading.js';

/** The first `cap` distinct ids, and how many cracks named one at all (an id named twice counts twice). */
export interface IdList {
  ids: string[];
  occurrences: number;
  truncated: boolean;
}

/** An event as the report shows it: enough to read the story, never the whole payload. */
export interface EventSummary {
  id: string;
  type: string;
  occurred_at: string;
  channel?: string;
  author?: string;
  text?: string;
  thread_ref?: string;
  order_id?: string;
  reason?: string;
  score?: number;
}

export interface CrackExample {
  customer: string;
  order?: string;
  case?: string;
  /** One sentence on what went wrong. */
  detail: string;
  events: EventSummary[];
}

export interface CrackTally {
  count: number;
  /** The events each crack hangs on (the silent change, the ignored contact or survey, the conflicting message). */
  events: IdList;
  customers: IdList;
  orders: IdList;
  /** Cases, by the history's thread_ref. */
  cases: IdList;
  example: CrackExample | null;
}

export interface AuditSummary {
  source: { format: 'jsonl' | 'csv'; bytes: number; lines: number };
  events: number;
  eventsByType: Record<string, number>;
  from: string | null;
  to: string | null;
  /** Events older than one already read; replayed at their own time. */
  outOfOrder: number;
  /** Events with no customer identity and no known order: checked for nothing. */
  unattributed: number;
  /** How the file was read: fields used, senders and reason codes that could not be placed. */
  reading: AuditReading;
  broken: { count: number; lines: Array<{ line: number; error: string }> };
  windows: AuditWindows;
  totalCracks: number;
  cracks: Record<CrackKind, CrackTally>;
  /** Windows still open when the history ends: neither kept nor broken yet. */
  stillOpen: Record<CrackKind, number>;
  perDay: Array<{ date: string; events: number; cracks: number }>;
  /** The most windows open at once and the most customers held: the audit's memory. */
  peakOpenWindows: number;
  peakCustomersHeld: number;
  durationMs: number;
}

export class IdCollector {
  private readonly seen = new Set<string>();
  private occurrences = 0;

  constructor(private readonly cap: number) {}

  add(id: string | undefined): void {
    if (id === undefined) return;
    this.occurrences++;
    if (this.seen.size < this.cap) this.seen.add(id);
  }

  toJSON(): IdList {
    return { ids: [...this.seen], occurrences: this.occurrences, truncated: this.occurrences > this.seen.size && this.seen.size >= this.cap };
  }
}

export interface CrackCollector {
  count: number;
  events: IdCollector;
  customers: IdCollector;
  orders: IdCollector;
  cases: IdCollector;
  example: CrackExample | null;
}

export function createCrackCollectors(cap: number): Record<CrackKind, CrackCollector> {
  const entries = crackKinds.map((kind) => [
    kind,
    { count: 0, events: new IdCollector(cap), customers: new IdCollector(cap), orders: new IdCollector(cap), cases: new IdCollector(cap), example: null },
  ]);
  return Object.fromEntries(entries) as Record<CrackKind, CrackCollector>;
}

export function zeroPerKind(): Record<CrackKind, number> {
  return Object.fromEntries(crackKinds.map((k) => [k, 0])) as Record<CrackKind, number>;
}

/** Human names of the kinds, for the terminal and the HTML report. */
export const crackTitles: Record<CrackKind, string> = {
  silent_state_change: 'Silent state change',
  unacknowledged_contact: 'Contact never acknowledged',
  unanswered_contact: 'Contact never answered',
  survey_not_followed_up: 'Survey never followed up',
  escalation_unanswered: 'Manager request never answered',
  no_progress: 'Many contacts, no progress',
  reason_conflict: 'Reasons that disagree',
};
