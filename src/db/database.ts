// The tables as Kysely sees them. Timestamps come back as Date from both drivers; bigint as string (pg) or
// number/bigint (PGlite), so repos convert with Number() in their row→domain functions.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type BigIntColumn = ColumnType<string | number | bigint, number | bigint, number | bigint>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;

export interface AgentsTable {
  id: string;
  name: string;
  email: string;
  role: 'agent' | 'manager' | 'admin';
  password_hash: string | null;
  skills: Json<string[]>;
  capacity: Generated<number>;
  out_of_office: Generated<boolean>;
  last_assigned_at: Timestamp | null;
  created_at: Timestamp;
  /** Set by an admin: the agent cannot log in and their tokens no longer work. */
  disabled_at: Timestamp | null;
  /** Set by an admin: the agent is gone from lists; the row stays because messages and cases name it. */
  deleted_at: Timestamp | null;
}

export interface AuditLogTable {
  id: string;
  at: Timestamp;
  /** Who did it: an agent, or a token that belongs to no agent (KEPT_ADMIN_TOKEN, an API token); both null for Kept itself. */
  actor_agent_id: string | null;
  actor_token_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  detail: Json<Record<string, unknown>>;
}

export interface ApiTokensTable {
  id: string;
  token_hash: string;
  kind: 'admin_bootstrap' | 'api' | 'session' | 'password_setup';
  role: 'agent' | 'manager' | 'admin';
  agent_id: string | null;
  label: string | null;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface CustomersTable {
  id: string;
  name: string | null;
  merged_into: string | null;
  time_zone: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type IdentityKind = 'email' | 'phone' | 'handle' | 'external_id';

export interface IdentitiesTable {
  id: string;
  customer_id: string;
  kind: IdentityKind;
  value: string;
  created_at: Timestamp;
}

export interface CustomerMergesTable {
  id: string;
  survivor_id: string;
  merged_id: string;
  cause: string;
  event_id: string | null;
  merged_at: Timestamp;
}

export interface EventsTable {
  seq: Generated<BigIntColumn>;
  id: string;
  type: string;
  occurred_at: Timestamp;
  received_at: Timestamp;
  /** True when the event came without occurred_at and took the time Kept received it. */
  occurred_at_stamped: Generated<boolean>;
  customer_id: string | null;
  order_number: string | null;
  body: Json<Record<string, unknown>>;
}

export interface OrdersTable {
  id: string;
  number: string;
  customer_id: string | null;
  state: string;
  reason_code: string | null;
  items: Json<unknown[]>;
  total_minor: BigIntColumn | null;
  currency: string | null;
  payment_method: string | null;
  card_last4: string | null;
  ship_to: Json<Record<string, unknown>> | null;
  is_gift: Generated<boolean>;
  recipient_email: string | null;
  gift_contact_consent: Generated<boolean>;
  promised_by: Timestamp | null;
  carrier: string | null;
  tracking_number: string | null;
  facts: Json<Record<string, unknown>>;
  status_token: string;
  placed_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface OrderStatesTable {
  id: string;
  order_id: string;
  state: string;
  reason_code: string | null;
  event_id: string;
  at: Timestamp;
}

export type CaseState = 'open' | 'pending' | 'resolved';

export interface CasesTable {
  id: string;
  number: Generated<number>;
  customer_id: string;
  state: CaseState;
  owner_id: string | null;
  subject: string;
  channels: Json<string[]>;
  order_number: string | null;
  kind: Generated<string>;
  queue: string | null;
  escalated: Generated<boolean>;
  flagged: Generated<boolean>;
  risk_score: Generated<number>;
  risk_signals: Json<RiskSignal[]>;
  status_token: string;
  last_channel: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  resolved_at: Timestamp | null;
}

export interface RiskSignal {
  code: string;
  detail: string;
  weight: number;
}

export type MessageDirection = 'in' | 'out';
export type AuthorKind = 'customer' | 'agent' | 'automatic' | 'external';

export interface MessagesTable {
  id: string;
  case_id: string | null;
  customer_id: string | null;
  direction: MessageDirection;
  channel: string;
  author_kind: AuthorKind;
  author_id: string | null;
  subject: string | null;
  body: string;
  html: string | null;
  thread_ref: string | null;
  external_id: string | null;
  event_id: string | null;
  order_numbers: Json<string[]>;
  /** For inbound mail that is an auto-reply or a bounce: stored, but opens nothing. */
  noise: string | null;
  status: string;
  at: Timestamp;
}

export type OutboxStatus = 'queued' | 'sent' | 'held' | 'failed' | 'cancelled';

export interface AuditFinding {
  code: string;
  detail: string;
}

/** A promise an outbound message made, as its outbox entry keeps it, with the commitment that owes it. */
export interface OutboxPromise {
  kind: string;
  owner: string;
  due_at: string | null;
  vague: boolean;
  phrase: string;
  time_text?: string;
  /**
   * The commitment that owes it: one this message opened (`opened`), or for Kept's own messages one a policy
   * already owed; null when nothing does (a message sent outside a case).
   */
  commitment: { id: string; kind: string; due_at: string; opened: boolean } | null;
}

export interface OutboxTable {
  id: string;
  idempotency_key: string;
  case_id: string | null;
  customer_id: string | null;
  message_id: string | null;
  order_number: string | null;
  origin: string;
  channel: string;
  to: string;
  subject: string | null;
  /** Empty when `text_from_message`: the text is then the message's (`message_id`). */
  body: string;
  html: string | null;
  text_from_message: Generated<boolean>;
  reason_code: string | null;
  status: OutboxStatus;
  audit: Json<{ ok: boolean; findings: AuditFinding[] }>;
  override: Json<{ by: string; codes: string[]; note: string; at: string }> | null;
  author_id: string | null;
  /** The promises the message made and the commitments that owe them (`OutboxPromise`); empty for none. */
  promises: ColumnType<OutboxPromise[], string | undefined, string>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp | null;
  last_error: string | null;
  transport: string | null;
  external_id: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export type CommitmentState = 'open' | 'kept' | 'breached' | 'waived' | 'dismissed';

export interface CommitmentsTable {
  id: string;
  kind: string;
  state: CommitmentState;
  due_at: Timestamp;
  owner_id: string | null;
  owner_role: string | null;
  case_id: string | null;
  customer_id: string | null;
  order_number: string | null;
  policy_id: string | null;
  opened_by: string;
  fulfilled_by: string | null;
  at_risk: Generated<boolean>;
  paused_at: Timestamp | null;
  details: Json<Record<string, unknown>>;
  opened_at: Timestamp;
  closed_at: Timestamp | null;
  breached_at: Timestamp | null;
  waived_by: string | null;
  waived_reason: string | null;
  /** Unique: the engine's open key, so replaying what opened a commitment opens nothing twice. */
  open_key: string | null;
  calendar_name: string | null;
  reason_code: string | null;
  kept_late: Generated<boolean>;
  at_risk_at: Timestamp | null;
}

/** The ledger behind /metrics: each statement that changes commitments appends its net change per count. */
export interface CommitmentCountsTable {
  kind: string;
  state: CommitmentState;
  at_risk: boolean;
  n: ColumnType<number, number, number>;
}

export interface TimersTable {
  id: string;
  commitment_id: string;
  kind: string;
  fire_at: Timestamp;
  fired_at: Timestamp | null;
  claimed_by: string | null;
  claimed_until: Timestamp | null;
  /** The commitment's due time when the timer was set: a timer for an older due time is stale. */
  due_at: Timestamp | null;
}

export interface ActionsTable {
  idempotency_key: string;
  commitment_id: string | null;
  action: string;
  result: Json<Record<string, unknown>> | null;
  done_at: Timestamp;
}

export interface InboundMailTable {
  id: string;
  raw: Uint8Array;
  envelope: Json<Record<string, unknown>>;
  source: string;
  state: 'pending' | 'processed' | 'quarantined';
  error: string | null;
  attempts: Generated<number>;
  received_at: Timestamp;
  processed_at: Timestamp | null;
  dedup_key: string | null;
}

export interface ImapCursorsTable {
  mailbox: string;
  uid_validity: string;
  last_uid: number;
  updated_at: Timestamp;
}

/** What was read from one customer message (signals feature). */
export interface MessageSignalsTable {
  message_id: string;
  case_id: string;
  sentiment: number;
  /** The sentence that asked for a manager, or null. */
  manager_request: string | null;
  /** The sentence that said the customer may leave, or null. */
  churn_intent: string | null;
  /** True when the message was longer than analysis reads: the signals come from its start. */
  analysis_truncated: Generated<boolean>;
  at: Timestamp;
}

/** A note on a case that is not a message to the customer (a hand-over, an automatic escalation). */
export interface CaseNotesTable {
  id: string;
  case_id: string;
  kind: string;
  author_id: string | null;
  body: string;
  at: Timestamp;
}

export interface Database {
  agents: AgentsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  customers: CustomersTable;
  identities: IdentitiesTable;
  customer_merges: CustomerMergesTable;
  events: EventsTable;
  orders: OrdersTable;
  order_states: OrderStatesTable;
  cases: CasesTable;
  messages: MessagesTable;
  outbox: OutboxTable;
  commitments: CommitmentsTable;
  commitment_counts: CommitmentCountsTable;
  timers: TimersTable;
  actions: ActionsTable;
  inbound_mail: InboundMailTable;
  message_signals: MessageSignalsTable;
  case_notes: CaseNotesTable;
  imap_cursors: ImapCursorsTable;
}
