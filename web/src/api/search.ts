// `GET /api/v1/search?q=` — customers, orders, cases and messages, ranked, with what matched.
import { query, request } from './http';

export interface SearchHit {
  type: 'customer' | 'order' | 'case' | 'message';
  id: string;
  title: string;
  matched: { field: string; text: string; ranges: Array<[number, number]> };
  score: number;
  customer_id: string | null;
  case_id: string | null;
  order_number: string | null;
}

export function searchEverything(q: string): Promise<{ query: string; items: SearchHit[] }> {
  return request<{ query: string; items: SearchHit[] }>(`/search${query({ q })}`);
}
