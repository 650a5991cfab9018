// `GET /api/v1/search?q=` — customers, orders, cases and messages, ranked, with what matched.
import { query, request } from './http';
import type { Answer } from './types';

/** The answer of `search`, as the API document types it. */
export type SearchResult = Answer<'search'>;
export type SearchHit = SearchResult['items'][number];

export function searchEverything(q: string): Promise<SearchResult> {
  return request<SearchResult>(`/search${query({ q })}`);
}
