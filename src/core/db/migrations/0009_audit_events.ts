import type { Kysely } from 'kysely';

// Audit events (issue 13, GET /v1/events). event_id is a UUIDv7 (time-ordered, src/core/ids.ts),
// so ids made in one millisecond still sort in creation order. event_timestamp is ISO 8601 UTC
// text with milliseconds (`…T00:30:12.000Z`), which sorts lexicographically in time order on both
// databases. Reads are one account's time range (account_id, event_timestamp); the retention
// purge deletes by time across accounts (event_timestamp).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_events')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('event_timestamp', 'text', (c) => c.notNull())
    .addColumn('event_name', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('event_source', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_email', 'text')
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('subject_name', 'text')
    .addColumn('project_id', 'text')
    // JSON text of an object (names, ids and the client address; never a secret).
    .addColumn('additional_info', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_account_time_idx').on('audit_events').columns(['account_id', 'event_timestamp']).execute();
  await db.schema.createIndex('audit_events_time_idx').on('audit_events').columns(['event_timestamp']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_events').execute();
}
