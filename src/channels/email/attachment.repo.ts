// The only SQL for attachments of inbound mail: written with their message, listed in the case JSON, read
// whole for download or for a claim's document.
import { sql, type ColumnType, type Expression, type Generated, type Selectable } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import { columnsOf, jsonArrayOf, timestampOf } from '../../db/json-view.js';
import { newId } from '../../shared/ids.js';

export interface AttachmentsTable {
  id: string;
  message_id: string;
  case_id: string;
  filename: string;
  content_type: string;
  size_bytes: ColumnType<string | number, number, number>;
  content: Uint8Array | null;
  inline: Generated<boolean>;
  content_id: string | null;
  checksum: string | null;
  created_at: ColumnType<Date, Date | string, Date | string>;
}

type AttachmentTables = { attachments: AttachmentsTable };
const tables = (q: Queryable) => q.withTables<AttachmentTables>();

export interface AttachmentRecord {
  id: string;
  messageId: string;
  caseId: string;
  filename: string;
  contentType: string;
  size: number;
  /** Null when the file was over the size cap: only its name and size were kept. */
  content: Uint8Array | null;
  inline: boolean;
  createdAt: Date;
}

function toAttachmentRecord(row: Selectable<AttachmentsTable>): AttachmentRecord {
  return {
    id: row.id,
    messageId: row.message_id,
    caseId: row.case_id,
    filename: row.filename,
    contentType: row.content_type,
    size: Number(row.size_bytes),
    content: row.content ? new Uint8Array(row.content) : null,
    inline: row.inline,
    createdAt: row.created_at,
  };
}

export interface NewAttachment {
  filename: string;
  contentType: string;
  size: number;
  content: Uint8Array | null;
  inline: boolean;
  contentId: string | null;
  checksum: string | null;
}

export async function insertAttachments(q: Queryable, input: { messageId: string; caseId: string; attachments: readonly NewAttachment[]; at: Date }): Promise<string[]> {
  if (input.attachments.length === 0) return [];
  const rows = input.attachments.map((a) => ({
    id: newId('att'),
    message_id: input.messageId,
    case_id: input.caseId,
    filename: a.filename,
    content_type: a.contentType,
    size_bytes: a.size,
    content: a.content,
    inline: a.inline,
    content_id: a.contentId,
    checksum: a.checksum,
    created_at: input.at,
  }));
  await tables(q).insertInto('attachments').values(rows).execute();
  return rows.map((row) => row.id);
}

export async function findAttachment(q: Queryable, id: string): Promise<AttachmentRecord | undefined> {
  const row = await tables(q).selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAttachmentRecord(row);
}

/**
 * The case's attachments as JSON (`{id, message_id, filename, content_type, size, stored, at}`), oldest first:
 * a subquery for the case read. `stored` is false for a file over the cap, whose bytes were not kept.
 */
export function selectAttachmentViewsOfCase(q: Queryable, caseId: Expression<string>) {
  return jsonArrayOf({
    rows: tables(q).selectFrom('attachments').selectAll().where('case_id', '=', caseId),
    alias: 'a',
    columns: columnsOf('a', [
      'id',
      'message_id',
      'filename',
      'content_type',
      ['size', sql`${sql.ref('a.size_bytes')}::float8`],
      ['stored', sql`${sql.ref('a.content')} is not null`],
      timestampOf('a', 'created_at'),
    ]),
    orderBy: ['created_at', 'id'],
  });
}
