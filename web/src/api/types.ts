// The shapes the console reads from Kept's public API (SPEC §3 plus the console's endpoints).
// Only the fields the console uses are named; the server may send more.

export type Role = 'agent' | 'manager' | 'admin';

export interface Agent {
  id: string;
  name: string;
  email: string;
  role: Role;
}

export interface LoginResult {
  token: string;
  agent: Agent;
}

/** `GET /clock`: Kept's time; with `manual` it moves only when told to. */
export interface KeptClock {
  now: string;
  mode: 'system' | 'manual';
}

export type Queue = 'mine' | 'unassigned' | 'at_risk' | 'escalated' | 'breached' | 'recovery' | 'automatic';
export type CaseState = 'open' | 'pending' | 'resolved';

export interface CaseSummary {
  id: string;
  customer_id: string;
  customer_name: string | null;
  state: CaseState;
  owner_id: string | null;
  owner_name: string | null;
  subject: string | null;
  channels: string[];
  next_due_at: string | null;
  risk: { score: number };
  escalated: boolean;
  updated_at: string;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** A signal behind a risk score: a bare code, or a code with its explanation and weight. */
export type RiskSignal = string | { code: string; detail?: string; weight?: number };

export interface Risk {
  score: number;
  signals?: RiskSignal[];
}

export type CommitmentState = 'open' | 'kept' | 'breached' | 'waived' | 'dismissed';

export interface Commitment {
  id: string;
  kind: string;
  state: CommitmentState;
  due_at: string;
  owner_id: string | null;
  owner_role?: 'agent' | 'manager' | null;
  case_id: string | null;
  opened_by: string | null;
  fulfilled_by: string | null;
  /** A promise in words carries `source: 'promise'`, the words read, and its corrections or dismissal. */
  details?: PromiseDetails | Record<string, unknown>;
}

/** What a commitment opened from a promise keeps: the words read, and what agents changed since. */
export interface PromiseDetails {
  source: 'promise';
  vague?: boolean;
  author_id?: string | null;
  promise?: { kind: string; owner: string; phrase: string; due_at: string | null; vague: boolean; time_text?: string };
  corrections?: Array<{ at: string; by: string; due_at?: { from: string; to: string }; owner_id?: { from: string | null; to: string }; note?: string }>;
  dismissal?: { at: string; by: string; note: string };
}

/** A commitment a reply just opened, as the reply's answer lists it. */
export interface OpenedCommitment {
  id: string;
  kind: string;
  due_at: string;
  owner_role?: 'agent' | 'manager';
}

/** `POST /api/v1/commitments/{id}/correct`: a new time (ISO with offset), a new owner, or both. */
export interface PromiseCorrection {
  due_at?: string;
  owner_id?: string;
  note?: string;
}

export interface CaseDocument {
  id: string;
  kind: string;
  state: 'requested' | 'received' | 'accepted' | 'rejected';
  requested_at: string | null;
  received_at: string | null;
}

/** A file a customer sent with an email; `stored` is false when it was over the size cap (name and size only). */
export interface CaseAttachment {
  id: string;
  message_id: string;
  filename: string;
  content_type: string;
  size: number;
  stored: boolean;
  created_at: string;
}

export interface CaseDetail {
  id: string;
  customer_id: string;
  state: CaseState;
  owner_id: string | null;
  subject: string | null;
  channels: string[];
  commitments: Commitment[];
  risk: Risk;
  escalated: boolean;
  documents: CaseDocument[];
  attachments?: CaseAttachment[];
}

export type TimelineType =
  | 'event'
  | 'message_in'
  | 'message_out'
  | 'commitment_opened'
  | 'commitment_kept'
  | 'commitment_breached'
  | 'commitment_waived'
  | 'commitment_corrected'
  | 'commitment_dismissed'
  | 'document';

/**
 * One entry of a customer's timeline (the server's `TimelineItem`); the details after `at` and
 * `type` depend on the type.
 */
export interface TimelineItem {
  at: string;
  type: TimelineType;
  case_id?: string | null;
  /** `event`: the event's type, its order and the event's `data` (e.g. `{reason}`). */
  event_type?: string;
  order_number?: string | null;
  data?: Record<string, unknown> | null;
  /** `message_in` / `message_out`. */
  channel?: string;
  author_kind?: 'customer' | 'agent' | 'automatic' | 'external';
  subject?: string | null;
  body?: string;
  status?: string;
  noise?: string | null;
  /** `commitment_*` (and `document`). */
  kind?: string;
  due_at?: string;
  reason?: string | null;
  state?: string;
  /** `commitment_corrected` / `commitment_dismissed`: who, the earlier due time, and why. */
  by?: string;
  from_due_at?: string | null;
  note?: string | null;
}

export interface Finding {
  code: string;
  detail: string;
}

/** A promise read from a reply's words: who will do what by when (SPEC crack C11). */
export interface ReplyPromise {
  kind: string;
  owner?: 'author' | 'manager' | 'team';
  due_at: string | null;
  vague?: boolean;
  phrase?: string;
  time_text?: string;
  /** "You promised a call but no time: add one?" when the words give no time. */
  warning?: string | null;
}

/** What a reply says: free text, or a template with its variables. */
export type ReplyContent = { body: string } | { template: string; vars: Record<string, string> };

export type ReplyInput = ReplyContent & {
  author_id: string;
  channel?: string;
  override?: string[];
  note?: string;
};

export interface SentMessage {
  id: string;
  channel?: string;
  body?: string;
}

export type ReplyResult =
  | { status: 'sent'; message: SentMessage; promises: ReplyPromise[]; commitments_opened: OpenedCommitment[] }
  | { status: 'held'; findings: Finding[] };

export type PreviewInput = ReplyContent;

export interface Preview {
  rendered: string;
  findings: Finding[];
  promises: ReplyPromise[];
}

/** An amount in the currency's minor unit (cents), with the server's formatting of it. */
export interface Money {
  amount_minor: number;
  currency: string;
  formatted?: string;
}

export interface OrderStateChange {
  state: string;
  at: string;
  reason_code: string | null;
}

export interface Order {
  id: string;
  number: string;
  state: string;
  history: OrderStateChange[];
  total: Money | null;
}

export interface Customer {
  id: string;
  name: string | null;
  identities: Array<{ kind: string; value: string }>;
  orders: Order[];
  /** Spend per currency, in minor units: `{EUR: 12990}`. */
  value: { order_count: number; spend_minor: Record<string, number> };
}

/** What the merge search looks a customer up by. */
export type IdentityQuery = { email: string } | { phone: string } | { handle: string };

/** A customer found by an identity (`GET /customers?email=`): who they are, without orders. */
export interface CustomerMatch {
  id: string;
  name: string | null;
  identities: Array<{ kind: string; value: string }>;
  created_at?: string;
}

export interface NewAgent {
  name: string;
  email: string;
  role: Role;
  password?: string;
}

/** The created agent; without a password the server answers with a one-time link to set one. */
export interface CreatedAgent extends Agent {
  password_setup_url?: string;
}

export interface Dashboard {
  from?: string;
  to?: string;
  kept_vs_breached: Array<{ day: string; kept: number; breached: number }>;
  backlog: Array<{ day: string; open: number }>;
  first_response_minutes: Array<{ bucket: string; count: number }>;
  breaches_by_kind: Array<{ kind: string; count: number }>;
  /** Cases of the window still waiting for a first agent reply. */
  first_response_waiting?: number;
}

/** `GET /reports/surveys`: NPS by ISO week, CSAT, response rate and loop closure over a range. */
export interface SurveyReport {
  from: string;
  to: string;
  nps: {
    /** Promoters minus detractors, in points (−100…100); null without answers. */
    score: number | null;
    responses: number;
    weekly: Array<{ week_start: string; responses: number; promoters: number; passives: number; detractors: number; nps: number | null }>;
  };
  csat: { responses: number; satisfied_rate: number | null };
  response_rate: { invited: number; responded: number; rate: number | null };
  loop_closure: {
    opened: number;
    closed: number;
    rate: number | null;
    median_hours_to_close: number | null;
    outcomes: { recovered: number; not_recovered: number; unrecorded: number };
  };
}

/** One projected day of `GET /reports/forecast` (the same numbers `kept forecast` prints). */
export interface ForecastDay {
  date: string;
  arrivals: number;
  byChannel: Record<string, number>;
  capacity: number;
  peakBacklog: number;
  peakAtRisk: number;
  breaches: number;
  uplift: number;
  warning: boolean;
}

/** `GET /reports/forecast`: projected arrivals, backlog and breaches against the configured staffing. */
export interface Forecast {
  from: string;
  /** The zone the days' dates are read in (absent from servers before the console charted it: UTC). */
  zone?: string;
  /** Starts of the chart's 4-hour buckets; `series` holds `arrivals`, `capacity` and `backlog` for each. */
  labels: string[];
  series: Array<{ name: string; values: number[] }>;
  days: ForecastDay[];
  /** The first date whose first responses break; null when none does. */
  warningDay: string | null;
  /** Days from the first date of the forecast to the warning day (0 = today). */
  warningInDays: number | null;
  firstResponseHours: number;
  startingBacklog: number;
  history: { from: string; to: string; contacts: number };
}

export interface AgentLoad {
  agent_id: string;
  name: string;
  open_cases: number;
  at_risk: number;
}

export interface ConfigError {
  file?: string;
  line?: number;
  field?: string;
  message: string;
}

/** Each loaded section of kept.config.yaml by its name (`policies`, `calendars`…), plus its errors. */
export interface Settings {
  policies?: unknown;
  calendars?: unknown;
  reasons?: unknown;
  templates?: unknown;
  forecast?: unknown;
  surveys?: unknown;
  config_path?: string;
  errors: ConfigError[];
}

export interface TemplateVar {
  name: string;
  kind: string;
}

/** A promise a template makes, as `GET /api/v1/templates` reads it from the template's words. */
export interface TemplatePromise {
  kind: string;
  owner: string;
  vague: boolean;
  phrase: string;
  time_text?: string;
  field: string;
  line: number;
  /** The policy whose commitment already owes it; null: sending the template opens a promise commitment. */
  backed_by: { policy: string; commitment_kind: string } | null;
}

export interface Template {
  name: string;
  channel: string;
  description?: string;
  vars: TemplateVar[];
  promises?: TemplatePromise[];
}

/** Lists the API does not yet pin down may come bare or wrapped in `{items}`; both are read. */
export type ListOf<T> = T[] | { items: T[] };
