// What the console's live stream carries, and how one event is written as server-sent events text.

export type LiveEvent = { type: 'case.updated'; data: { case_id: string } } | { type: 'commitment.updated'; data: { id: string; case_id: string | null } };

/** One server-sent event: its name and its JSON data, ended by a blank line (the SSE framing). */
export function formatSseEvent(event: LiveEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/** A comment line: keeps proxies from closing an idle stream, and is ignored by EventSource. */
export const sseHeartbeat = ': keep-alive\n\n';
