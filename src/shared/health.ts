// The health registry: each part of Kept that a monitor should watch adds a contributor (the store, the
// scheduler, the outbox, inbound mail, shop connectors…), and GET /api/v1/health reports them all, so a
// monitor can tell "up" (the process answers) from "working" (it stores, fires timers, delivers).

export type HealthStatus = 'ok' | 'degraded' | 'failing';

/** One part's report: its status and the figures a monitor reads (snake_case, numbers in seconds or bytes). */
export interface HealthPart {
  status: HealthStatus;
  [detail: string]: unknown;
}

export type HealthContributor = () => Promise<HealthPart>;

export interface HealthReport {
  status: HealthStatus;
  /** False only when a part is failing; kept for monitors that read `ok`. */
  ok: boolean;
  checked_at: string;
  parts: Record<string, HealthPart>;
}

export interface HealthRegistry {
  /** Adds a part under `name` (unique); its contributor should answer quickly and never write. */
  add(name: string, contributor: HealthContributor): void;
  report(at: Date): Promise<HealthReport>;
}

const rank: Record<HealthStatus, number> = { ok: 0, degraded: 1, failing: 2 };

/** The worst of the parts' statuses. */
export function overallStatus(parts: readonly HealthPart[]): HealthStatus {
  return parts.reduce<HealthStatus>((worst, part) => (rank[part.status] > rank[worst] ? part.status : worst), 'ok');
}

/** A part as the registry holds it: its last answer (on the monotonic clock) and the question in flight. */
interface Part {
  contributor: HealthContributor;
  last?: { part: HealthPart; at: number };
  inFlight?: Promise<HealthPart> | undefined;
}

export interface HealthRegistryOptions {
  /** A part with no recent answer that does not answer within this is reported failing (a store that hangs). */
  timeoutMs?: number;
  /**
   * How long a report waits for a part that answered recently. The embedded store has one connection, so a
   * part that reads it waits behind the transaction in progress (an ingest batch writing a long message); a
   * monitor must not read that as a slow Kept. Past this, the part's last answer is reported with its age.
   */
  answerWithinMs?: number;
  /** How old a last answer may be and still stand in; an older one is waited for up to `timeoutMs`. */
  reuseForMs?: number;
}

/**
 * Parts are asked at once; each part has at most one question in flight, so a slow store is never asked twice
 * over. A part that answered within `reuseForMs` and is slow now is reported by its last answer, marked with
 * `answered_ms_ago`; one that has not answered for longer is waited for, and failing past `timeoutMs`.
 */
export function createHealthRegistry(options: HealthRegistryOptions = {}): HealthRegistry {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const answerWithinMs = options.answerWithinMs ?? 50;
  const reuseForMs = options.reuseForMs ?? 10_000;
  const parts = new Map<string, Part>();

  function question(entry: Part): Promise<HealthPart> {
    entry.inFlight ??= entry
      .contributor()
      .catch((error: unknown): HealthPart => ({ status: 'failing', error: error instanceof Error ? error.message : String(error) }))
      .then((part) => {
        entry.last = { part, at: performance.now() };
        entry.inFlight = undefined;
        return part;
      });
    return entry.inFlight;
  }

  async function ask(entry: Part): Promise<HealthPart> {
    const answer = question(entry);
    const last = entry.last;
    const recent = last && performance.now() - last.at <= reuseForMs ? last : undefined;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<HealthPart>((resolve) => {
      timer = recent
        ? setTimeout(() => resolve({ ...recent.part, answered_ms_ago: Math.round(performance.now() - recent.at) }), answerWithinMs)
        : setTimeout(() => resolve({ status: 'failing', error: `no answer within ${timeoutMs} ms` }), timeoutMs);
    });
    try {
      return await Promise.race([answer, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    add(name, contributor) {
      if (parts.has(name)) throw new Error(`a health contributor named ${name} exists already`);
      parts.set(name, { contributor });
    },
    async report(at) {
      const entries = await Promise.all([...parts].map(async ([name, entry]) => [name, await ask(entry)] as const));
      const status = overallStatus(entries.map(([, part]) => part));
      return { status, ok: status !== 'failing', checked_at: at.toISOString(), parts: Object.fromEntries(entries) };
    },
  };
}
