// `GET /api/v1/search?q=` — customers, orders, cases and messages, ranked, with what matched.
import { query, request } from './http';
import type { operations } from './schema';

/** The answer of `search`, as the API document types it. */
export type SearchResult = operations['search']['responses'][200]['content']['application/json'];
export type SearchHit = SearchResult['items'][number];

export function searchEverything(q: string): Promise<SearchResult> {
  return request<SearchResult>(`/search${query({ q })}`);
}
