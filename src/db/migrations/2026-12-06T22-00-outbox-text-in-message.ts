// An outbound message's text was stored twice: in `messages` (the case's timeline) and in its outbox entry
// (the delivery queue), about 176 bytes an event (docs/performance.md). An entry whose text is its message's
// now keeps none of its own and says so; delivery, the outbox list and the checks read it from the message.
// Entries whose text differs from their message's, and those without one (a reply held before it became a
// message), keep theirs.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table outbox add column text_from_message boolean not null default false`.execute(db);
  await sql`
    update outbox set text_from_message = true, body = '', html = null
    from messages
    where messages.id = outbox.message_id and messages.body = outbox.body and messages.html is not distinct from outbox.html`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    update outbox set body = messages.body, html = messages.html
    from messages
    where outbox.text_from_message and messages.id = outbox.message_id`.execute(db);
  await sql`alter table outbox drop column text_from_message`.execute(db);
}
