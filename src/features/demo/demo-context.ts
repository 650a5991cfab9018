// What a story can do: send events and replies through the public API, move the clock, and say what Kept did.
import type { ApiAnswer, DemoApi } from './demo-api.js';
import { caseViewSchema, commitmentViewSchema, findingsSchema, outboxViewSchema, parseItems } from './demo-views.js';
import type { CaseView, CommitmentView, OutboxView } from './demo-views.js';

export interface Snapshot {
  cases: CaseView[];
  commitments: CommitmentView[];
  outbox: OutboxView[];
}

export interface DemoContext {
  api: DemoApi;
  /** True when the instance runs with KEPT_CLOCK=manual and the demo may move its time. */
  manualClock: boolean;
  /** Ids of the agent and the manager the demo created (null when the instance refused). */
  staff: { agent: string | null; manager: string | null };
  /** A unique address for this run, so the demo can be played again on the same instance. */
  email(name: string): string;
  /** A unique order number for this run ending in `suffix`. */
  order(suffix: string): string;
  /** A unique phone number for this run (the `n`th), so a second run never meets the first run's customer. */
  phone(n: number): string;
  /** A line of the story. */
  say(text: string): void;
  /** A line saying what Kept did. */
  saw(text: string): void;
  /** The story's conclusion: whether this instance closed the crack, and what showed it. */
  verdict(closed: boolean, text: string): void;
  /** The verdicts given so far, by crack. */
  readonly verdicts: Array<{ crack: string; closed: boolean }>;
  /** Set by the runner before each story. */
  crack: string;
  now(): Promise<Date>;
  /** Sends one event at the instance's current time (or `at`); returns the API's answer. */
  send(event: { type: string; customer?: Record<string, unknown>; order?: Record<string, unknown>; data?: Record<string, unknown>; at?: Date }): Promise<ApiAnswer>;
  findCustomer(query: { email?: string; phone?: string; handle?: string }): Promise<string | null>;
  snapshot(customerId: string | null): Promise<Snapshot>;
  /** Prints what is new or changed in `after` since `before` (everything when there is no before). */
  report(after: Snapshot, before?: Snapshot): void;
  /** Moves a manual clock `seconds` ahead; otherwise says when the timers will fire on their own. */
  advance(options: { seconds: number; why: string }): Promise<void>;
  /** Posts a reply as the demo's agent; prints whether it was sent or held and with which findings. */
  reply(caseId: string, body: Record<string, unknown>): Promise<{ status: number; findings: string[] }>;
}

const minutes = (seconds: number) =>
  seconds >= 3600 * 24 ? `${(seconds / 86400).toFixed(seconds % 86400 ? 1 : 0)} days` : seconds >= 3600 ? `${(seconds / 3600).toFixed(seconds % 3600 ? 1 : 0)} h` : `${Math.round(seconds / 60)} min`;

/** "an acknowledge commitment, due …", "a notify commitment (kept)": the kind with its article, then what stands out. */
function describeCommitment(c: CommitmentView): string {
  const article = /^[aeiou]/i.test(c.kind) ? 'an' : 'a';
  return `${article} ${c.kind} commitment${c.state === 'open' ? '' : ` (${c.state})`}${c.due_at ? `, due ${c.due_at}` : ''}${c.owner_id ? `, owner ${c.owner_id}` : ''}`;
}

function describeOutbox(o: OutboxView): string {
  const findings = o.audit?.findings?.map((f) => f.code) ?? [];
  return `message ${o.status} on ${o.channel ?? '?'} to ${o.to ?? '?'}${o.subject ? `: "${o.subject}"` : o.body ? `: "${o.body.slice(0, 70)}${o.body.length > 70 ? '…' : ''}"` : ''}${o.reason_code ? ` (reason ${o.reason_code})` : ''}${findings.length ? ` [${findings.join(', ')}]` : ''}`;
}

function describeCase(c: CaseView): string {
  const parts = [`case "${c.subject ?? c.id}"`, c.state ?? '', c.channels?.length ? `channels ${c.channels.join(' + ')}` : '', c.owner_id ? `owner ${c.owner_id}` : 'no owner yet'];
  if (c.escalated) parts.push('escalated');
  if (c.risk?.score) parts.push(`risk ${c.risk.score}${c.risk.signals?.length ? ` (${c.risk.signals.map((s) => s.code).join(', ')})` : ''}`);
  if (c.documents?.length) parts.push(`documents ${c.documents.map((d) => `${d.kind ?? '?'}: ${d.state ?? '?'}`).join(', ')}`);
  return parts.filter(Boolean).join(', ');
}

/** Builds the context for one run of the demo; `run` makes its customers and orders unique. */
export function createDemoContext(options: { api: DemoApi; run: string; manualClock: boolean; staff: DemoContext['staff']; write: (line: string) => void }): DemoContext {
  const { api, run, write } = options;
  let sequence = 0;
  // Order numbers a person can read in the output, unique per run.
  const orderPrefix = String(parseInt(run.slice(-6), 36) % 100_000).padStart(5, '0');
  const ctx: DemoContext = {
    api,
    manualClock: options.manualClock,
    staff: options.staff,
    email: (name) => `${name}.${run}@example.com`,
    order: (suffix) => `D${orderPrefix}${suffix ? `-${suffix}` : ''}`,
    phone: (n) => `+1555${String((parseInt(run.slice(-6), 36) * 10 + n) % 10_000_000).padStart(7, '0')}`,
    say: (text) => write(`  ${text}`),
    saw: (text) => write(`    → Kept: ${text}`),
    verdicts: [],
    crack: '',
    verdict(closed, text) {
      ctx.verdicts.push({ crack: ctx.crack, closed });
      write(closed ? `  ✓ Closed: ${text}` : `  ✗ Still open on this instance: ${text}`);
    },
    async now() {
      const answer = await api.get('/api/v1/clock');
      const now = (answer.body as { now?: unknown } | undefined)?.now;
      return typeof now === 'string' ? new Date(now) : new Date();
    },
    async send(event) {
      const at = event.at ?? (await ctx.now());
      const answer = await api.post('/api/v1/events', {
        id: `demo-${run}-${++sequence}`,
        type: event.type,
        occurred_at: at.toISOString(),
        ...(event.customer ? { customer: event.customer } : {}),
        ...(event.order ? { order: event.order } : {}),
        data: event.data ?? {},
      });
      if (answer.status !== 202) ctx.saw(`refused the ${event.type} event (${answer.status}): ${JSON.stringify(answer.body).slice(0, 200)}`);
      return answer;
    },
    async findCustomer(query) {
      const search = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'));
      const answer = await api.get(`/api/v1/customers?${search}`);
      const items = (answer.body as { items?: Array<{ id?: unknown }> } | undefined)?.items ?? [];
      const id = items[0]?.id;
      return typeof id === 'string' ? id : null;
    },
    async snapshot(customerId) {
      if (!customerId) return { cases: [], commitments: [], outbox: [] };
      const q = `customer_id=${encodeURIComponent(customerId)}`;
      const [caseList, commitments, outbox] = await Promise.all([api.get(`/api/v1/cases?${q}`), api.get(`/api/v1/commitments?${q}`), api.get(`/api/v1/outbox?${q}`)]);
      const ids = parseItems(caseViewSchema, caseList.body).map((c) => c.id);
      const cases = (await Promise.all(ids.map((id) => api.get(`/api/v1/cases/${id}`)))).flatMap((a) => {
        const parsed = caseViewSchema.safeParse(a.body);
        return parsed.success ? [parsed.data] : [];
      });
      // Commitments a feature opened on a case without naming the customer are found through the case.
      const byCase = await Promise.all(ids.map((id) => api.get(`/api/v1/commitments?case_id=${encodeURIComponent(id)}`)));
      const all = new Map<string, CommitmentView>();
      for (const c of [commitments.body, ...byCase.map((a) => a.body)].flatMap((body) => parseItems(commitmentViewSchema, body))) all.set(c.id, c);
      return { cases, commitments: [...all.values()], outbox: parseItems(outboxViewSchema, outbox.body) };
    },
    report(after, before) {
      let told = 0;
      const say = (text: string) => {
        told++;
        ctx.saw(text);
      };
      for (const c of after.cases) {
        const was = before?.cases.find((b) => b.id === c.id);
        if (!was) say(`opened ${describeCase(c)}`);
        else if (describeCase(was) !== describeCase(c)) say(`updated ${describeCase(c)}`);
      }
      for (const c of after.commitments) {
        const was = before?.commitments.find((b) => b.id === c.id);
        if (!was) say(`opened ${describeCommitment(c)}`);
        else if (was.state !== c.state) say(`the ${c.kind} commitment is now ${c.state}`);
      }
      for (const o of after.outbox) {
        const was = before?.outbox.find((b) => b.id === o.id);
        if (!was) say(describeOutbox(o));
        else if (was.status !== o.status) say(`message to ${o.to ?? '?'} is now ${o.status}`);
      }
      if (told === 0) ctx.saw(before ? (options.manualClock ? 'nothing changed' : 'nothing changed yet') : 'did nothing visible here (no case, commitment or message for this customer)');
    },
    async advance({ seconds, why }) {
      if (!options.manualClock) {
        const due = new Date((await ctx.now()).getTime() + seconds * 1000);
        ctx.say(`⏱  In ${minutes(seconds)} (at ${due.toISOString()}) ${why}. The clock of this instance is real: watch the console then.`);
        return;
      }
      const answer = await api.post('/api/v1/clock', { advance_seconds: seconds });
      const now = (answer.body as { now?: unknown } | undefined)?.now;
      ctx.say(answer.status === 200 ? `⏱  The clock moves ${minutes(seconds)} ahead, to ${String(now)}: ${why}.` : `⏱  The clock could not be moved (${answer.status}).`);
    },
    async reply(caseId, body) {
      const answer = await api.post(`/api/v1/cases/${caseId}/replies`, { ...(options.staff.agent ? { author_id: options.staff.agent } : {}), ...body });
      const parsed = findingsSchema.safeParse(answer.body);
      const findings = parsed.success ? parsed.data.findings.map((f) => f.code) : [];
      if (answer.status === 201) ctx.saw('sent the reply');
      else if (answer.status === 422 && parsed.success) ctx.saw(`held the reply, nothing was sent: ${parsed.data.findings.map((f) => `${f.code}${f.detail ? ` (${f.detail})` : ''}`).join('; ')}`);
      else ctx.saw(`answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 200)}`);
      return { status: answer.status, findings };
    },
  };
  return ctx;
}
