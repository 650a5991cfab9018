// The audit's engine: replays events on their own clock, opens a window for every promise an event implies,
// closes it when a message keeps it, and reports a crack when its deadline passes first. Only open windows,
// customers active within the idle horizon and their orders are held, so memory does not grow with the file.
import type { CrackKind, HistoryEvent } from '../history/history-event.js';
import { customerVisibleOrderEvents, historyEventSchema } from '../history/history-event.js';
import { MinHeap } from '../history/min-heap.js';
import { createReasonMatcher } from '../comms/reason-matching.js';
import { createAuthorReader } from './audit-authors.js';
import type { AuditOptions, ResolvedAuditOptions } from './audit-options.js';
import { createReadingCollector } from './audit-reading.js';
import { createReorderBuffer } from './audit-reorder.js';
import { resolveAuditOptions } from './audit-options.js';
import type { AuditSummary, CrackCollector, EventSummary } from './audit-summary.js';
import { createCrackCollectors, zeroPerKind } from './audit-summary.js';
import type { CustomerState, OpenWindow, WindowKind } from './audit-state.js';
import { channelFields, createCustomerIndex, describeBrokenWindow, firstText, summarize, text, threadFields } from './audit-state.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

const progressPrefixes = ['order.', 'refund.', 'tradein.'];

export interface AuditReplay {
  /** Replays one parsed JSON value read at `line`; a value that is not an event is counted as broken. */
  accept(value: unknown, line: number): void;
  /** Records a line that could not be read at all. */
  reject(line: number, error: string): void;
  /** Ends the replay: returns the summary. */
  finish(source: AuditSummary['source'], durationMs: number): AuditSummary;
}

/** A replay with the given checks and windows; feed it events in time order with `accept`. */
export function createAuditReplay(input: AuditOptions = {}): AuditReplay {
  const o: ResolvedAuditOptions = resolveAuditOptions(input);
  const w = o.windows;
  const cracks = createCrackCollectors(o.idCap);
  const stillOpen = zeroPerKind();
  const byType = new Map<string, number>();
  const perDay = new Map<string, { events: number; cracks: number }>();
  const index = createCustomerIndex();
  const deadlines = new MinHeap<OpenWindow>((a, b) => a.deadline < b.deadline);
  const broken: AuditSummary['broken'] = { count: 0, lines: [] };
  const matcher = createReasonMatcher(o.reasons);
  const knownReasons = new Set(o.reasons.map((reason) => reason.code));
  const authors = createAuthorReader(o.agents);
  const reading = createReadingCollector();
  let clock = Number.NEGATIVE_INFINITY;
  let first: string | null = null;
  let last: string | null = null;
  let firstAt = 0;
  let lastAt = 0;
  let events = 0;
  let outOfOrder = 0;
  let unattributed = 0;
  let openWindows = 0;
  let peakOpenWindows = 0;
  let nextSweep = Number.NEGATIVE_INFINITY;
  let collectingExamples = true;
  const recentCap = 8;

  const day = (iso: string) => {
    const key = iso.slice(0, 10);
    let d = perDay.get(key);
    if (!d) perDay.set(key, (d = { events: 0, cracks: 0 }));
    return d;
  };
  const deadlineAfter = (at: number, minutes: number, business: boolean): number => (business && o.calendar ? o.calendar.addBusinessMinutes(new Date(at), minutes).getTime() : at + minutes * MIN);

  const report = (kind: CrackKind, c: { customer: CustomerState; orderId?: string | undefined; thread?: string | undefined; event: EventSummary; detail: string; events: EventSummary[] }): void => {
    const t: CrackCollector = cracks[kind];
    t.count++;
    t.events.add(c.event.id);
    t.customers.add(c.customer.label);
    t.orders.add(c.orderId);
    t.cases.add(c.thread);
    day(c.event.occurred_at).cracks++;
    if (!t.example) {
      const byId = new Map([...c.customer.recent, ...c.events].map((e) => [e.id, e]));
      const story = [...byId.values()].sort((a, b) => (a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : 0)).slice(-10);
      t.example = { customer: c.customer.label, detail: c.detail, events: story };
      if (Object.values(cracks).every((k) => k.example)) {
        collectingExamples = false;
        for (const k of index.all()) k.recent = [];
      }
      if (c.orderId) t.example.order = c.orderId;
      if (c.thread) t.example.case = c.thread;
    }
  };

  const open = (kind: WindowKind, customer: CustomerState, event: EventSummary, deadline: number, extra: { thread?: string | undefined; orderId?: string | undefined }): void => {
    const win: OpenWindow = { kind, deadline, customer, event, closed: false, unknownReply: false, thread: extra.thread, orderId: extra.orderId };
    customer.open.push(win);
    deadlines.push(win);
    openWindows++;
    if (openWindows > peakOpenWindows) peakOpenWindows = openWindows;
  };

  const expire = (until: number): void => {
    for (let top = deadlines.peek(); top && top.deadline < until; top = deadlines.peek()) {
      deadlines.pop();
      if (top.closed) continue;
      close(top);
      // Only a sender the audit could not place answered: neither kept nor broken, and said so.
      if (top.unknownReply) {
        reading.undecided(top.event);
        continue;
      }
      report(top.kind, { customer: top.customer, orderId: top.orderId, thread: top.thread, event: top.event, detail: describeBrokenWindow(top, w), events: [top.event] });
    }
  };

  function close(win: OpenWindow): void {
    win.closed = true;
    openWindows--;
    const list = win.customer.open;
    const i = list.indexOf(win);
    if (i >= 0) list.splice(i, 1);
  }

  const onOrderEvent = (event: HistoryEvent, customer: CustomerState, summary: () => EventSummary, at: number): void => {
    customer.streak = undefined;
    if (!event.order) return;
    const order = index.orderFor(event.order.id, customer);
    const reason = text(event.data?.['reason']);
    if (reason && !knownReasons.has(reason)) reading.unknownReason(reason, summary);
    else if (reason) {
      order.recorded = { code: reason, event: summary() };
      order.stated = undefined;
    }
    if (customerVisibleOrderEvents.has(event.type)) open('silent_state_change', customer, summary(), at + w.notifyMinutes * MIN, { orderId: event.order.id });
  };

  /** Which fields gave a message's or contact's channel and thread, for the reading report. */
  const fieldLabel = (field: string | undefined): string => (field === undefined ? '(none)' : `data.${field}`);
  const labels = new Map<string | undefined, string>([...channelFields, ...threadFields, undefined].map((field) => [field, fieldLabel(field)]));
  const noteFields = (data: Readonly<Record<string, unknown>>): string | undefined => {
    reading.field('channelFields', labels.get(firstText(data, channelFields)?.field) ?? '(none)');
    const thread = firstText(data, threadFields);
    reading.field('threadFields', labels.get(thread?.field) ?? '(none)');
    return thread?.value;
  };

  const onContact = (event: HistoryEvent, customer: CustomerState, s: EventSummary, at: number): void => {
    const thread = noteFields(event.data ?? {});
    open('unacknowledged_contact', customer, s, at + w.acknowledgeMinutes * MIN, { thread });
    open('unanswered_contact', customer, s, deadlineAfter(at, w.firstResponseMinutes, true), { thread });
    if (o.detectManagerRequest(text(event.data?.['text']) ?? '')) open('escalation_unanswered', customer, s, deadlineAfter(at, w.escalationMinutes, true), { thread });
    let streak = customer.streak;
    if (!streak || at - streak.firstAt > o.noProgress.withinDays * DAY) customer.streak = streak = { firstAt: at, events: [], reported: false };
    if (streak.events.length < o.noProgress.contacts) streak.events.push(s);
    if (!streak.reported && streak.events.length >= o.noProgress.contacts) {
      streak.reported = true;
      report('no_progress', {
        customer,
        thread,
        event: s,
        events: streak.events,
        detail: `${o.noProgress.contacts} contacts within ${o.noProgress.withinDays} days with no change to any order in between.`,
      });
    }
  };

  const onMessage = (event: HistoryEvent, customer: CustomerState, s: () => EventSummary): void => {
    const data = event.data ?? {};
    const author = authors.read(data);
    reading.field('authorFields', author.via);
    reading.author(author.kind, author.manager);
    if (author.kind === 'unknown') reading.unknownAuthor(author.via === 'no author' ? 'no author' : author.label, s);
    const human = author.kind === 'person';
    const thread = noteFields(data);
    const body = `${text(data['subject']) ?? ''}\n${text(data['text']) ?? ''}`;
    const aboutOrder = (id: string) => event.order?.id === id || body.includes(id);
    for (let i = customer.open.length - 1; i >= 0; i--) {
      const win = customer.open[i] as OpenWindow;
      const sameThread = win.thread === undefined || win.thread === thread;
      const needsPerson = win.kind === 'unanswered_contact' || win.kind === 'escalation_unanswered' || win.kind === 'survey_not_followed_up';
      const kept =
        (win.kind === 'unacknowledged_contact' && sameThread) ||
        (win.kind === 'unanswered_contact' && human && sameThread) ||
        (win.kind === 'escalation_unanswered' && human && sameThread && author.manager) ||
        (win.kind === 'survey_not_followed_up' && human) ||
        (win.kind === 'silent_state_change' && win.orderId !== undefined && aboutOrder(win.orderId));
      if (kept) close(win);
      else if (needsPerson && author.kind === 'unknown' && (sameThread || win.kind === 'survey_not_followed_up')) win.unknownReply = true;
    }
    const code = matcher.statedReasons(body)[0];
    if (!code) return;
    const mentioned = new Set(customer.orders.filter(aboutOrder));
    if (event.order) mentioned.add(event.order.id);
    for (const id of mentioned) {
      const order = index.orderFor(id, customer);
      const before = order.stated ?? order.recorded;
      const summary = s();
      if (before && before.code !== code) {
        report('reason_conflict', {
          customer,
          orderId: id,
          thread,
          event: summary,
          events: [before.event, summary],
          detail: `Order ${id}: this message states "${code}" after "${before.code}" was ${order.stated ? 'stated' : 'recorded'}.`,
        });
      }
      order.stated = { code, event: summary };
    }
  };

  let released = Number.NEGATIVE_INFINITY;
  let newestRead = Number.NEGATIVE_INFINITY;
  const buffer = createReorderBuffer({ horizonMs: o.reorderHours * 60 * MIN, release: (event, at) => replay(event, at) });

  const accept = (value: unknown, line: number): void => {
    const parsed = historyEventSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      reject(line, issue ? `${issue.path.join('.') || 'event'}: ${issue.message}` : 'not an event');
      return;
    }
    const at = Date.parse(parsed.data.occurred_at);
    if (at < newestRead) outOfOrder++;
    else newestRead = at;
    // Later than the horizon: its moment has been replayed already, so it is replayed now and counted.
    if (at < released) {
      reading.late();
      replay(parsed.data, at);
    } else buffer.push(parsed.data, at);
  };

  function replay(event: HistoryEvent, at: number): void {
    if (at > released) released = at;
    if (at >= clock) {
      clock = at;
      expire(at);
      if (at >= nextSweep) {
        if (nextSweep !== Number.NEGATIVE_INFINITY) index.evictIdle(clock - o.idleEvictDays * DAY);
        nextSweep = at + DAY;
      }
    }
    events++;
    byType.set(event.type, (byType.get(event.type) ?? 0) + 1);
    if (first === null || at < firstAt) [first, firstAt] = [event.occurred_at, at];
    if (last === null || at > lastAt) [last, lastAt] = [event.occurred_at, at];
    day(event.occurred_at).events++;
    const customer = index.resolve(event);
    if (!customer) {
      unattributed++;
      return;
    }
    customer.lastSeen = Math.max(customer.lastSeen, at);
    let cached: EventSummary | undefined;
    const summary = () => (cached ??= summarize(event));
    if (collectingExamples) {
      customer.recent.push(summary());
      if (customer.recent.length > recentCap) customer.recent.shift();
    }
    const type = event.type;
    if (type === 'message.sent') onMessage(event, customer, summary);
    else if (type === 'contact.received') onContact(event, customer, summary(), at);
    else if (type === 'survey.responded') {
      const data = event.data ?? {};
      const score = Number(data['score']);
      const requested = data['contact_requested'] === true;
      if (requested || (Number.isFinite(score) && score <= o.detractorMaxScore)) {
        open('survey_not_followed_up', customer, summary(), deadlineAfter(at, w.followUpMinutes, true), {});
      }
    } else if (progressPrefixes.some((p) => type.startsWith(p))) onOrderEvent(event, customer, summary, at);
  }

  function reject(line: number, error: string): void {
    broken.count++;
    if (broken.lines.length < o.brokenLineCap) broken.lines.push({ line, error });
  }

  const finish = (source: AuditSummary['source'], durationMs: number): AuditSummary => {
    buffer.drain();
    for (let win = deadlines.pop(); win; win = deadlines.pop()) if (!win.closed) stillOpen[win.kind]++;
    const tallies = Object.fromEntries(
      Object.entries(cracks).map(([kind, t]) => [
        kind,
        { count: t.count, events: t.events.toJSON(), customers: t.customers.toJSON(), orders: t.orders.toJSON(), cases: t.cases.toJSON(), example: t.example },
      ]),
    ) as AuditSummary['cracks'];
    return {
      source,
      events,
      eventsByType: Object.fromEntries([...byType].sort((a, b) => b[1] - a[1])),
      from: first,
      to: last,
      outOfOrder,
      unattributed,
      reading: reading.result(),
      broken,
      windows: w,
      totalCracks: Object.values(cracks).reduce((n, t) => n + t.count, 0),
      cracks: tallies,
      stillOpen,
      perDay: [...perDay].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([date, d]) => ({ date, ...d })),
      peakOpenWindows,
      peakCustomersHeld: index.peak(),
      durationMs,
    };
  };

  return { accept, reject, finish };
}
