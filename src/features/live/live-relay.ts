// Carries the live stream's changes between Kept processes on one PostgreSQL, so a console sees what any of
// them did (a reply sent through another process, a breach fired by a timer process). Changes are gathered
// for a moment and sent together: an ingest batch touches hundreds of cases at once.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { maxPayloadBytes, type Notifications } from '../../db/notifications.js';
import type { LiveEvent } from './live-event.js';

export const liveChannel = 'kept_live';

const liveEventSchema: z.ZodType<LiveEvent> = z.union([
  z.object({ type: z.literal('case.updated'), data: z.object({ case_id: z.string() }) }),
  z.object({ type: z.literal('commitment.updated'), data: z.object({ id: z.string(), case_id: z.string().nullable() }) }),
]);
const payloadSchema = z.object({ origin: z.string(), events: z.array(liveEventSchema) });

export interface LiveRelay {
  /** Tells the other processes; this one has broadcast the event itself. */
  publish(event: LiveEvent): void;
  stop(): void;
}

export interface LiveRelayOptions {
  notifications: Notifications;
  /** Broadcasts another process's change to this process's consoles. */
  onRemote: (event: LiveEvent) => void;
  onError: (error: Error, what: string) => void;
  gatherMs?: number;
}

/**
 * Splits events, each already written as JSON, into payloads under PostgreSQL's size limit, each
 * `{"origin":…,"events":[…]}`.
 */
export function packLiveEvents(origin: string, events: Iterable<string>): string[] {
  const head = `{"origin":${JSON.stringify(origin)},"events":[`;
  const payloads: string[] = [];
  let parts: string[] = [];
  let bytes = Buffer.byteLength(head) + 2;
  for (const part of events) {
    const size = Buffer.byteLength(part) + 1;
    if (parts.length > 0 && bytes + size > maxPayloadBytes) {
      payloads.push(`${head}${parts.join(',')}]}`);
      parts = [];
      bytes = Buffer.byteLength(head) + 2;
    }
    parts.push(part);
    bytes += size;
  }
  if (parts.length > 0) payloads.push(`${head}${parts.join(',')}]}`);
  return payloads;
}

export async function startLiveRelay(options: LiveRelayOptions): Promise<LiveRelay> {
  const origin = randomUUID();
  // Each change as the JSON it is sent as: the same change twice in one moment says nothing more.
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  await options.notifications.listen(liveChannel, (payload) => {
    const parsed = payloadSchema.safeParse(safeJson(payload));
    if (!parsed.success) return options.onError(new Error(parsed.error.issues[0]?.message ?? 'not a live payload'), 'a live change from another process was not understood');
    if (parsed.data.origin === origin) return;
    for (const event of parsed.data.events) options.onRemote(event);
  });

  function flush(): void {
    timer = undefined;
    const events = pending;
    pending = new Set();
    for (const payload of packLiveEvents(origin, events)) {
      options.notifications.notify(liveChannel, payload).catch((error: Error) => options.onError(error, 'a live change could not be sent to the other processes'));
    }
  }

  return {
    publish(event) {
      if (stopped) return;
      pending.add(JSON.stringify(event));
      timer ??= setTimeout(flush, options.gatherMs ?? 50);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
