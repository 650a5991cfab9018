// Small steps the commitment stories share: events in, agents with their own tokens, the clock, reads.
import type { TestKept } from '../helpers/test-app.js';

export interface CommitmentView {
  id: string;
  kind: string;
  state: string;
  due_at: string;
  owner_id: string | null;
  case_id: string | null;
  at_risk: boolean;
  kept_late: boolean;
  opened_by: string;
  fulfilled_by: string | null;
}

export async function ingest(kept: TestKept, ...events: Record<string, unknown>[]): Promise<void> {
  const reply = await kept.api('POST', '/api/v1/events', { events });
  if (reply.status !== 202) throw new Error(`ingest failed: ${reply.status} ${JSON.stringify(reply.body)}`);
}

export function contact(options: { id: string; email: string; at: string; channel?: string; text?: string; subject?: string; order?: string }): Record<string, unknown> {
  return {
    id: options.id,
    type: 'contact.received',
    occurred_at: options.at,
    customer: { email: options.email, name: 'Ana' },
    ...(options.order ? { order: { id: options.order } } : {}),
    data: { channel: options.channel ?? 'web_form', text: options.text ?? 'Where is my order?', ...(options.subject ? { subject: options.subject } : {}) },
  };
}

export interface TestAgent {
  id: string;
  /** Logs in now: sessions expire as the manual clock moves on by weeks. */
  token(): Promise<string>;
}

/** An agent (or manager) with a password, who logs in for a session token of their own. */
export async function createAgent(kept: TestKept, options: { name: string; role: 'agent' | 'manager' }): Promise<TestAgent> {
  const email = `${options.name.toLowerCase()}@kept.test`;
  const password = 'correct horse battery staple';
  const created = await kept.api('POST', '/api/v1/agents', { name: options.name, email, role: options.role, password });
  if (created.status !== 201) throw new Error(`agent not created: ${JSON.stringify(created.body)}`);
  return {
    id: created.body.id,
    async token() {
      const login = await kept.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      return login.json().token;
    },
  };
}

export async function advanceTo(kept: TestKept, to: string): Promise<void> {
  const reply = await kept.api('POST', '/api/v1/clock', { to });
  if (reply.status !== 200) throw new Error(`clock: ${reply.status} ${JSON.stringify(reply.body)}`);
}

export async function caseOf(kept: TestKept, email: string): Promise<any> {
  const customer = (await kept.api('GET', `/api/v1/customers?email=${encodeURIComponent(email)}`)).body.items[0];
  const cases = (await kept.api('GET', `/api/v1/cases?customer_id=${customer.id}`)).body.items;
  return (await kept.api('GET', `/api/v1/cases/${cases[0].id}`)).body;
}

export function byKind(commitments: CommitmentView[], kind: string): CommitmentView[] {
  return commitments.filter((c) => c.kind === kind);
}

/** The first commitment of a kind; fails the test when there is none. */
export function firstOf(commitments: CommitmentView[], kind: string): CommitmentView {
  const found = commitments.find((c) => c.kind === kind);
  if (!found) throw new Error(`no ${kind} commitment among ${commitments.map((c) => c.kind).join(', ')}`);
  return found;
}

/** The rows of the action log for a commitment, read from the store (the log has no API of its own). */
export async function actionsOf(kept: TestKept, commitmentId: string): Promise<{ action: string; result: Record<string, unknown> | null }[]> {
  return kept.store.db.selectFrom('actions').select(['action', 'result']).where('commitment_id', '=', commitmentId).orderBy('done_at').orderBy('idempotency_key').execute();
}
