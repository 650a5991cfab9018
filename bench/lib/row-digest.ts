// A digest of every row a run leaves behind, independent of the random parts (ids, tokens), so that two
// versions of Kept can be compared on the same seeded stream: the same digest means the same rows.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../src/db/create-db.js';

/** Tables in the order their ids are given stable labels: a table's rows are sorted by content in which
 * every id an earlier table labelled already reads as its label. */
const labelOrder = [
  'identities',
  'customers',
  'customer_merges',
  'events',
  'orders',
  'order_states',
  'cases',
  'messages',
  'message_signals',
  'case_notes',
  'commitments',
  'timers',
  'actions',
  'outbox',
  'survey_invitations',
  'survey_responses',
  'survey_loops',
  'claims',
  'claim_documents',
  'claim_files',
  'agents',
  'inbound_mail',
];

const idPattern = /\b(?:cus|idn|ord|cas|msg|com|out|agt|tok|evt|mrg|tmr|doc|inm|frm|srv|act|prm|nte)_[0-9a-z]{25}\b/g;
/** Columns holding random page tokens; their values are labelled wherever they appear (links in bodies). */
const tokenColumns = new Set(['status_token', 'token']);
/**
 * Columns whose values change from run to run (secrets, real time, the claiming process) and say nothing about
 * the outcome. `search_vector` is derived from a message's text, which is compared with its tokens labelled; its
 * own lexemes hold the random page tokens of the links in Kept's messages, split differently by the text search
 * parser from one token to the next (a token with a `-` becomes several words): that, not a store, made runs
 * on the same stream leave "other rows in messages".
 */
const ignoredColumns = new Set(['token_hash', 'password_hash', 'received_at', 'claimed_by', 'search_vector']);

/**
 * Finds the page tokens in a row's text: every whole word of URL-safe characters as long as a token, looked up
 * in the set. One alternation of every token made the digest cost rows × tokens (minutes at 40,000 events).
 */
function tokenPatternOf(tokens: ReadonlySet<string>): RegExp | undefined {
  if (tokens.size === 0) return undefined;
  let shortest = Number.POSITIVE_INFINITY;
  let longest = 0;
  for (const token of tokens) {
    shortest = Math.min(shortest, token.length);
    longest = Math.max(longest, token.length);
  }
  // Kept's page tokens are base64url (shared/ids.ts, newPublicToken); another kind would need its own pattern.
  const odd = [...tokens].find((token) => !/^[A-Za-z0-9_-]+$/.test(token));
  if (odd !== undefined) throw new Error(`a page token that is not base64url: ${odd}`);
  return new RegExp(`(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{${shortest},${longest}}(?![A-Za-z0-9_-])`, 'g');
}

export interface RowDigest {
  counts: Record<string, number>;
  /** One hash per table, so a difference can be found. */
  tables: Record<string, string>;
  digest: string;
}

export async function digestRows(db: Db): Promise<RowDigest> {
  const rowsByTable = new Map<string, Record<string, unknown>[]>();
  for (const table of labelOrder) {
    const result = await sql<{ row: Record<string, unknown> }>`select to_jsonb(t) as row from ${sql.table(table)} t`.execute(db);
    rowsByTable.set(
      table,
      result.rows.map((entry) => entry.row),
    );
  }
  const labels = new Map<string, string>();
  const tokens = new Set<string>();
  for (const rows of rowsByTable.values()) {
    for (const row of rows) {
      for (const column of Object.keys(row)) {
        if (ignoredColumns.has(column)) delete row[column];
        else if (tokenColumns.has(column) && typeof row[column] === 'string') tokens.add(row[column]);
      }
    }
  }
  const tokenPattern = tokenPatternOf(tokens);
  const render = (text: string, mask: boolean): string => {
    const withIds = text.replace(idPattern, (id) => labels.get(id) ?? (mask ? '#id' : id));
    return tokenPattern ? withIds.replace(tokenPattern, (word) => (tokens.has(word) ? (labels.get(word) ?? (mask ? '#token' : word)) : word)) : withIds;
  };
  const counters = new Map<string, number>();
  const label = (value: string, prefix: string) => {
    if (labels.has(value)) return;
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    labels.set(value, `${prefix}#${n}`);
  };

  const counts: Record<string, number> = {};
  const tables: Record<string, string> = {};
  const hash = createHash('sha256');
  for (const [table, rows] of rowsByTable) {
    const texts = rows.map((row) => JSON.stringify(row));
    const ordered = texts.map((text) => ({ text, key: render(text, true) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const { text } of ordered) {
      for (const match of text.matchAll(idPattern)) label(match[0], match[0].slice(0, 3));
      if (tokenPattern) for (const match of text.matchAll(tokenPattern)) if (tokens.has(match[0])) label(match[0], 'token');
    }
    const final = texts.map((text) => render(text, false)).sort();
    const tableHash = createHash('sha256').update(final.join('\n')).digest('hex').slice(0, 16);
    counts[table] = rows.length;
    tables[table] = tableHash;
    hash.update(`${table}:${tableHash}\n`);
  }
  return { counts, tables, digest: hash.digest('hex').slice(0, 16) };
}
