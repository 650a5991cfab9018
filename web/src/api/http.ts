// The one place that talks HTTP: adds the bearer token, parses JSON and problem details.
import { readToken } from './token';

/** An error answer from the API, carrying its status and its problem `detail`. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: unknown;

  constructor(status: number, message: string, body: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

/** Called when the API says the session is no longer valid (401), so the app can go to login. */
let onUnauthorized: () => void = () => {};

export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  /** Statuses that are expected outcomes, returned rather than thrown (a held reply's 422). */
  accept?: number[];
}

export interface RawResponse {
  status: number;
  body: unknown;
}

async function send(path: string, options: RequestOptions): Promise<RawResponse> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = readToken();
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/api/v1${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const body: unknown = text ? safeParse(text) : null;
  if (response.ok || options.accept?.includes(response.status)) return { status: response.status, body };
  if (response.status === 401) onUnauthorized();
  throw new ApiError(response.status, problemDetail(body) ?? `${response.status} ${response.statusText}`, body);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function problemDetail(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const detail = record['detail'] ?? record['title'] ?? record['message'];
  return typeof detail === 'string' ? detail : undefined;
}

/** Sends a request and returns its JSON body typed as the endpoint's documented shape. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const raw = await send(path, options);
  return raw.body as T;
}

/** Sends a request whose non-2xx statuses listed in `accept` are outcomes, not errors. */
export function requestRaw(path: string, options: RequestOptions): Promise<RawResponse> {
  return send(path, options);
}

/** Builds a query string from the defined, non-empty parameters. */
export function query(params: Record<string, string | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}
