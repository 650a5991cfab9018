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

/** A contributor that does not answer within `timeoutMs` (a store that hangs) is reported failing. */
export function createHealthRegistry(options: { timeoutMs?: number } = {}): HealthRegistry {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const contributors = new Map<string, HealthContributor>();
  async function ask(contributor: HealthContributor): Promise<HealthPart> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<HealthPart>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'failing', error: `no answer within ${timeoutMs} ms` }), timeoutMs);
    });
    try {
      return await Promise.race([contributor().catch((error: unknown): HealthPart => ({ status: 'failing', error: error instanceof Error ? error.message : String(error) })), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
  return {
    add(name, contributor) {
      if (contributors.has(name)) throw new Error(`a health contributor named ${name} exists already`);
      contributors.set(name, contributor);
    },
    async report(at) {
      const entries = await Promise.all([...contributors].map(async ([name, contributor]) => [name, await ask(contributor)] as const));
      const status = overallStatus(entries.map(([, part]) => part));
      return { status, ok: status !== 'failing', checked_at: at.toISOString(), parts: Object.fromEntries(entries) };
    },
  };
}
