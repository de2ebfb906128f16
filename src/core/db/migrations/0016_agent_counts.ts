import { sql, type Kysely } from 'kysely';

// Per-account agent counts for the agents list total, as account_counts is for projects (see
// src/resources/agents/counts.ts): every FULL_SAAS project has a hosted agent, so an account has
// about as many agents as projects, and a count(*) per list request grew with them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agent_counts')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('agents', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('agent_counts_pk', ['account_id', 'slot'])
    .execute();
  // Backfill: the existing counts go into slot 0.
  await sql`insert into agent_counts (account_id, slot, agents)
            select a.id, 0, (select count(*) from agents g where g.account_id = a.id) from accounts a`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agent_counts').execute();
}
