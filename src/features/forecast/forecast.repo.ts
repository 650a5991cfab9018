// The SQL of the live forecast: inbound contacts per channel per hour, and the contacts still waiting.
import { sql } from 'kysely';
import type { Queryable } from '../../db/create-db.js';
import type { ArrivalCount } from './arrivals.js';

/**
 * Inbound messages per channel and hour from `since` up to `until`. Auto-replies and bounces (`noise`) are not
 * contacts and are left out.
 */
export async function countInboundPerHour(db: Queryable, range: { since: Date; until: Date }): Promise<ArrivalCount[]> {
  // Hours since the epoch: independent of the session's time zone (date_trunc is not).
  const hour = sql<number | string>`floor(extract(epoch from ${sql.ref('at')}) / 3600)`;
  const rows = await db
    .selectFrom('messages')
    .select([hour.as('hour'), 'channel', (eb) => eb.fn.countAll<number | string | bigint>().as('count')])
    .where('direction', '=', 'in')
    .where('noise', 'is', null)
    .where('at', '>=', range.since)
    .where('at', '<', range.until)
    .groupBy([hour, 'channel'])
    .execute();
  return rows.map(toArrivalCount);
}

function toArrivalCount(row: { hour: number | string; channel: string; count: number | string | bigint }): ArrivalCount {
  return { hour: new Date(Number(row.hour) * 3_600_000).toISOString(), channel: row.channel, count: Number(row.count) };
}

/** Open first-response commitments: the contacts waiting for a human answer now. */
export async function countWaitingContacts(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom('commitments')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
    .where('kind', '=', 'first_response')
    .where('state', 'in', ['open', 'breached'])
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}
