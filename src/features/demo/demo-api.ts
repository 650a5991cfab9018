// A small client of Kept's public HTTP API: the only way the demo talks to the instance.
export interface ApiAnswer {
  status: number;
  /** Parsed JSON, or the text when the answer is not JSON. */
  body: unknown;
}

export interface DemoApi {
  readonly baseUrl: string;
  get(path: string): Promise<ApiAnswer>;
  post(path: string, body: unknown): Promise<ApiAnswer>;
  /** Posts a body as it is, with its content type (a raw email). */
  postRaw(path: string, body: string, contentType: string): Promise<ApiAnswer>;
}

/** A client for `baseUrl` that sends `token` as the bearer token; network failures throw, HTTP statuses do not. */
export function createDemoApi(options: { baseUrl: string; token: string | undefined }): DemoApi {
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  async function call(method: 'GET' | 'POST', path: string, body?: unknown, contentType = 'application/json'): Promise<ApiAnswer> {
    const response = await fetch(new URL(path, options.baseUrl), {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': contentType },
      ...(body === undefined ? {} : { body: typeof body === 'string' && contentType !== 'application/json' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    return { status: response.status, body: isJson && text ? (JSON.parse(text) as unknown) : text };
  }
  return { baseUrl: options.baseUrl, get: (path) => call('GET', path), post: (path, body) => call('POST', path, body), postRaw: (path, body, type) => call('POST', path, body, type) };
}
