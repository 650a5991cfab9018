// PostgreSQL's LISTEN/NOTIFY for what several Kept processes on one database must tell each other (the live
// stream's changes). One dedicated connection listens, opened on the first `listen`, and comes back after the
// server drops it; sending goes through the pool like any statement.
import pg from 'pg';

export interface Notifications {
  /** Calls `onPayload` for each payload sent on `channel` by any process, this one included. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<void>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

export interface NotificationOptions {
  connectionString: string;
  pool: pg.Pool;
  /** The listening connection was lost; it is opened again after `retryMs`. */
  onConnectionError?: (error: Error) => void;
  retryMs?: number;
}

/** PostgreSQL allows 8,000 bytes a payload; a sender splits what it has to say below this. */
export const maxPayloadBytes = 7_900;

export function createNotifications(options: NotificationOptions): Notifications {
  const handlers = new Map<string, Array<(payload: string) => void>>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;

  function dispatch(message: pg.Notification): void {
    for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? '');
  }

  function reconnectLater(error: Error): void {
    if (closed) return;
    options.onConnectionError?.(error);
    retry = setTimeout(() => void connect().catch(reconnectLater), options.retryMs ?? 1_000);
    retry.unref();
  }

  function lost(error: Error, dropped: pg.Client): void {
    if (closed || client !== dropped) return;
    client = undefined;
    reconnectLater(error);
  }

  async function open(): Promise<void> {
    const next = new pg.Client({ connectionString: options.connectionString });
    next.on('notification', dispatch);
    next.on('error', (error) => lost(error, next));
    next.on('end', () => lost(new Error('the listening connection ended'), next));
    client = next;
    try {
      await next.connect();
      // Channels are identifiers: quoted, so a name is never read as SQL.
      for (const channel of handlers.keys()) await next.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      if (client === next) client = undefined;
      await next.end().catch(() => undefined);
      throw error;
    }
  }

  function connect(): Promise<void> {
    connecting ??= open().finally(() => (connecting = undefined));
    return connecting;
  }

  return {
    async listen(channel, onPayload) {
      const known = handlers.get(channel);
      handlers.set(channel, [...(known ?? []), onPayload]);
      // A connection that cannot be opened now is retried; the caller's start does not fail over it.
      if (!client) return connect().catch(reconnectLater);
      await connecting?.catch(() => undefined);
      const current = client;
      if (!known && current) await current.query(`listen ${pg.escapeIdentifier(channel)}`).catch((error: Error) => lost(error, current));
    },
    async notify(channel, payload) {
      await options.pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const last = client;
      client = undefined;
      await connecting?.catch(() => undefined);
      await last?.end().catch(() => undefined);
    },
  };
}
