// How the audit read a history, shown before its findings so a wrong mapping is seen at once: the event
// types, which fields gave authors, channels and threads, the senders it could not place and the reason
// codes its catalog does not know.
import type { EventSummary } from './audit-summary.js';

export interface ReadingExample {
  readonly value: string;
  readonly count: number;
  readonly event: EventSummary;
}

export interface AuditReading {
  /** Per field reading, how many messages' authors were read through it (`data.author.role`, `no author`…). */
  authorFields: Record<string, number>;
  /** Per kind of author, how many messages: person, automated, unknown. */
  authors: { person: number; automated: number; unknown: number; managers: number };
  /** Senders that were neither a person nor automatic, most frequent first, with an event each. */
  unknownAuthors: ReadingExample[];
  /** Which field gave the channel of messages and contacts, and how many had none. */
  channelFields: Record<string, number>;
  /** Which field gave the thread of messages and contacts, and how many had none. */
  threadFields: Record<string, number>;
  /** Reason codes on order events that the reason catalog does not know. */
  unknownReasons: ReadingExample[];
  /** Windows that needed a human answer and got only messages of unknown authors: neither kept nor broken. */
  undecided: { count: number; examples: EventSummary[] };
  /** Events more than the reorder horizon out of time order: replayed when read, not at their own time. */
  lateEvents: number;
}

const exampleCap = 10;
const distinctCap = 1000;

export interface ReadingCollector {
  field(group: 'authorFields' | 'channelFields' | 'threadFields', name: string): void;
  author(kind: 'person' | 'automated' | 'unknown', manager: boolean): void;
  unknownAuthor(value: string, event: () => EventSummary): void;
  unknownReason(code: string, event: () => EventSummary): void;
  undecided(event: EventSummary): void;
  late(): void;
  result(): AuditReading;
}

function examples(): { add(value: string, event: () => EventSummary): void; list(): ReadingExample[] } {
  const seen = new Map<string, { count: number; event: EventSummary }>();
  let overflow = 0;
  return {
    add(value, event) {
      const entry = seen.get(value);
      if (entry) entry.count++;
      else if (seen.size < distinctCap) seen.set(value, { count: 1, event: event() });
      else overflow++;
    },
    list: () => {
      const list = [...seen].map(([value, e]) => ({ value, count: e.count, event: e.event })).sort((a, b) => b.count - a.count);
      return overflow > 0 ? [...list.slice(0, exampleCap), { value: `(${overflow} more of other values)`, count: overflow, event: list[0]!.event }] : list.slice(0, exampleCap);
    },
  };
}

export function createReadingCollector(): ReadingCollector {
  const reading: Omit<AuditReading, 'unknownAuthors' | 'unknownReasons'> = {
    authorFields: {},
    authors: { person: 0, automated: 0, unknown: 0, managers: 0 },
    channelFields: {},
    threadFields: {},
    undecided: { count: 0, examples: [] },
    lateEvents: 0,
  };
  const unknownAuthors = examples();
  const unknownReasons = examples();
  return {
    field(group, name) {
      reading[group][name] = (reading[group][name] ?? 0) + 1;
    },
    author(kind, manager) {
      reading.authors[kind]++;
      if (manager) reading.authors.managers++;
    },
    unknownAuthor: (value, event) => unknownAuthors.add(value, event),
    unknownReason: (code, event) => unknownReasons.add(code, event),
    undecided(event) {
      reading.undecided.count++;
      if (reading.undecided.examples.length < exampleCap) reading.undecided.examples.push(event);
    },
    late() {
      reading.lateEvents++;
    },
    result: () => ({ ...reading, unknownAuthors: unknownAuthors.list(), unknownReasons: unknownReasons.list() }),
  };
}

const n = (v: number): string => v.toLocaleString('en-US');
const tally = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([field, count]) => `${field} ${n(count)}`)
    .join(', ') || '–';

/** The reading as text: what the terminal prints before the findings. */
export function formatAuditReading(options: { reading: AuditReading; eventsByType: Record<string, number>; broken: number; outOfOrder: number }): string {
  const { reading, eventsByType } = options;
  const a = reading.authors;
  const lines = [
    'How the file was read',
    `  event types: ${tally(eventsByType)}`,
    `  authors of messages sent: ${n(a.person)} person (${n(a.managers)} managers), ${n(a.automated)} automated, ${n(a.unknown)} unknown — read from ${tally(reading.authorFields)}`,
    `  channels from: ${tally(reading.channelFields)}`,
    `  threads from: ${tally(reading.threadFields)}`,
    `  lines not interpreted: ${n(options.broken)}; events out of time order: ${n(options.outOfOrder)}${reading.lateEvents ? ` (${n(reading.lateEvents)} beyond the reorder horizon, replayed when read)` : ''}`,
  ];
  if (reading.unknownAuthors.length > 0) {
    lines.push('', `Senders that are neither a person nor automatic (${n(a.unknown)} messages; pass --agents or a mapping to place them):`);
    for (const e of reading.unknownAuthors) lines.push(`  ${e.value}: ${n(e.count)} (e.g. event ${e.event.id})`);
  }
  if (reading.undecided.count > 0) {
    lines.push(
      '',
      `${n(reading.undecided.count)} contacts, surveys or manager requests were answered only by such senders: neither kept nor broken (e.g. ${reading.undecided.examples
        .map((e) => e.id)
        .slice(0, 3)
        .join(', ')}).`,
    );
  }
  if (reading.unknownReasons.length > 0) {
    lines.push('', 'Reason codes the catalog does not know (their orders are not checked for reason conflicts):');
    for (const e of reading.unknownReasons) lines.push(`  ${e.value}: ${n(e.count)} (e.g. event ${e.event.id})`);
  }
  return lines.join('\n');
}
