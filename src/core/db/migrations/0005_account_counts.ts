import { sql, type Kysely } from 'kysely';

// Per-account row counts for list totals, so `total` is not a count(*) over the whole account.
// Several slots per account (see src/store/counts.ts): concurrent creates in one account update
// different rows instead of queueing on one; the total is the sum over the account's slots.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account_counts')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('projects', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('account_counts_pk', ['account_id', 'slot'])
    .execute();
  // Backfill: the existing counts go into slot 0.
  await sql`insert into account_counts (account_id, slot, projects)
            select a.id, 0, (select count(*) from projects p where p.account_id = a.id) from accounts a`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_counts').execute();
}
