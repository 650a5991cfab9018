// Find anything: customers by name, email, phone or handle; orders by number, tracking number or their last
// digits; cases by subject or number; messages by their words. One ranked list, each hit with what matched.
import type { Db } from '../../db/create-db.js';
import { caseToken } from '../cases/case.service.js';
import { findRanges, parseQuery, readHeadline, type SearchType } from './search.js';
import * as repo from './search.repo.js';

export interface SearchHit {
  type: SearchType;
  id: string;
  title: string;
  /** What matched: the field, its text, and the character ranges to mark. */
  matched: { field: string; text: string; ranges: Array<[number, number]> };
  score: number;
  customer_id: string | null;
  case_id: string | null;
  order_number: string | null;
}

// Identifiers first: a message that mentions an order ranks below the order itself.
const messageWeight = 0.8;
const typeOrder: SearchType[] = ['case', 'order', 'customer', 'message'];

export function createSearchService(deps: { db: Db }) {
  async function search(input: { q: string; limit: number }): Promise<{ query: string; items: SearchHit[] }> {
    const query = parseQuery(input.q);
    const { limit } = input;
    const [customers, orders, cases, messages] = await Promise.all([
      repo.searchCustomers(deps.db, query, limit),
      repo.searchOrders(deps.db, query, limit),
      repo.searchCases(deps.db, query, limit),
      repo.searchMessages(deps.db, query, limit),
    ]);
    const hits: SearchHit[] = [];
    const seenCustomers = new Set<string>();
    for (const row of customers) {
      if (seenCustomers.has(row.id)) continue;
      seenCustomers.add(row.id);
      const field = row.value ? (row.kind ?? 'identity') : 'name';
      const text = row.value ?? row.name ?? '';
      hits.push({
        type: 'customer',
        id: row.id,
        title: row.name ?? text,
        matched: { field, text, ranges: findRanges(text, field === 'phone' && query.digits ? query.digits : query.text) },
        score: row.score,
        customer_id: row.id,
        case_id: null,
        order_number: null,
      });
    }
    for (const row of orders) {
      const byNumber = findRanges(row.number, query.text).length > 0 || !row.tracking_number;
      const text = byNumber ? row.number : row.tracking_number!;
      hits.push({
        type: 'order',
        id: row.number,
        title: `Order ${row.number} (${row.state})`,
        matched: { field: byNumber ? 'number' : 'tracking_number', text, ranges: findRanges(text, query.text) },
        score: row.score,
        customer_id: row.customer_id,
        case_id: null,
        order_number: row.number,
      });
    }
    for (const row of cases) {
      const token = caseToken(row.number);
      const byNumber = query.caseNumber === row.number;
      const text = byNumber ? token : row.subject;
      hits.push({
        type: 'case',
        id: row.id,
        title: `${token} ${row.subject}`,
        matched: { field: byNumber ? 'number' : 'subject', text, ranges: byNumber ? [[0, token.length]] : findRanges(row.subject, query.text) },
        score: row.score,
        customer_id: row.customer_id,
        case_id: row.id,
        order_number: null,
      });
    }
    for (const row of messages) {
      const { text, ranges } = readHeadline(row.headline);
      hits.push({
        type: 'message',
        id: row.id,
        title: `${row.direction === 'in' ? 'Message from the customer' : 'Message to the customer'}, ${row.at.toISOString().slice(0, 10)}`,
        matched: { field: 'body', text, ranges },
        score: row.score * messageWeight,
        customer_id: row.customer_id,
        case_id: row.case_id,
        order_number: null,
      });
    }
    hits.sort((a, b) => b.score - a.score || typeOrder.indexOf(a.type) - typeOrder.indexOf(b.type) || a.id.localeCompare(b.id));
    return { query: query.text, items: hits.slice(0, limit) };
  }

  return { search };
}

export type SearchService = ReturnType<typeof createSearchService>;
