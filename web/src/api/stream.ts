// Live updates: server-sent events at `GET /api/v1/stream?token=…&show=…` (what the page shows; lib/live-scope.ts).

export type LiveEvent = { type: 'case.updated'; case_id: string } | { type: 'commitment.updated'; id: string; case_id: string | null };

export interface StreamHandlers {
  onEvent(event: LiveEvent): void;
  onOpen(): void;
  /** The stream failed; `closed` when the browser gave up on it (it retries by itself otherwise). */
  onError(closed: boolean): void;
}

/**
 * `GET /api/v1/stream?token=&show=` — opens the event stream of what the page shows (EventSource cannot
 * send headers, so the token rides in the query). Returns a function that closes it.
 */
export function openStream(options: { token: string; show: string; handlers: StreamHandlers }): () => void {
  const { token, show, handlers } = options;
  const source = new EventSource(`/api/v1/stream?token=${encodeURIComponent(token)}&show=${encodeURIComponent(show)}`);
  source.addEventListener('open', () => handlers.onOpen());
  source.addEventListener('error', () => handlers.onError(source.readyState === EventSource.CLOSED));
  source.addEventListener('case.updated', (message) => {
    const data = parseData(message);
    if (typeof data['case_id'] === 'string') handlers.onEvent({ type: 'case.updated', case_id: data['case_id'] });
  });
  source.addEventListener('commitment.updated', (message) => {
    const data = parseData(message);
    const caseId = typeof data['case_id'] === 'string' ? data['case_id'] : null;
    if (typeof data['id'] === 'string') handlers.onEvent({ type: 'commitment.updated', id: data['id'], case_id: caseId });
  });
  return () => source.close();
}

function parseData(message: MessageEvent): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(String(message.data));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
