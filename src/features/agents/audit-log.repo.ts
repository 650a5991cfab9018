// The only SQL for the audit log: who changed who may get in, and who acted for whom.
import type { Selectable } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import type { AuditLogTable } from '../../db/database.js';
import { newId } from '../../shared/ids.js';

export interface AuditEntry {
  id: string;
  at: Date;
  actorAgentId: string | null;
  actorTokenId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  detail: Record<string, unknown>;
}

function toAuditEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actorAgentId: row.actor_agent_id,
    actorTokenId: row.actor_token_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    detail: row.detail,
  };
}

export async function insertAuditEntry(q: Queryable, entry: Omit<AuditEntry, 'id'>): Promise<void> {
  await q
    .insertInto('audit_log')
    .values({
      id: newId('aud'),
      at: entry.at,
      actor_agent_id: entry.actorAgentId,
      actor_token_id: entry.actorTokenId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      detail: JSON.stringify(entry.detail),
    })
    .execute();
}

/** Newest first; `before` is the id of the last entry of the previous page. */
export async function listAuditEntries(q: Queryable, options: { limit: number; before?: { at: Date; id: string } | undefined }): Promise<AuditEntry[]> {
  let query = q.selectFrom('audit_log').selectAll();
  const before = options.before;
  if (before) query = query.where((eb) => eb.or([eb('at', '<', before.at), eb.and([eb('at', '=', before.at), eb('id', '<', before.id)])]));
  const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map(toAuditEntry);
}

export async function findAuditEntry(q: Queryable, id: string): Promise<AuditEntry | undefined> {
  const row = await q.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAuditEntry(row);
}
