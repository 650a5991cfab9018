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
