// Reading a server-sent event stream in a test, as a console's EventSource would receive it.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

export interface SseReader {
  /** Reads until `text` has arrived (or `ms` have passed) and returns what came in this call. */
  readUntil(text: string, ms?: number): Promise<string>;
}

/**
 * A read that outlasts one call is kept for the next: a chunk it brings belongs to the stream, and
 * starting a second read beside it would hand that chunk to a read nobody awaits any more.
 */
export function sseReader(reader: ReadableStreamDefaultReader<Uint8Array>): SseReader {
  const decoder = new TextDecoder();
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  return {
    async readUntil(text, ms = 5000) {
      let seen = '';
      const deadline = Date.now() + ms;
      while (!seen.includes(text) && Date.now() < deadline) {
        pending ??= reader.read();
        const next = await Promise.race([pending, new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now()))]);
        if (!next) break;
        pending = undefined;
        if (next.done) break;
        seen += decoder.decode(next.value, { stream: true });
      }
      return seen;
    },
  };
}

/** Opens `GET /api/v1/stream` on a listening app (showing `show`, when given) and waits for the stream's first line. */
export async function openLiveStream(app: FastifyInstance, token: string, show?: string): Promise<SseReader> {
  const port = (app.server.address() as AddressInfo).port;
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/stream?token=${token}${show === undefined ? '' : `&show=${encodeURIComponent(show)}`}`);
  if (!response.ok) throw new Error(`stream refused: ${response.status} ${await response.text()}`);
  const stream = sseReader(response.body!.getReader());
  await stream.readUntil('retry:');
  return stream;
}
