import type { Kysely } from 'kysely';

// A user's token generation, as api_credentials.secret_generation for clients: raised in the
// transaction that changes the user's password (or deactivates the user), and carried in every
// token the password grant issues, so tokens obtained with the old password are refused at once
// instead of living until they expire. Existing users start at 1, the generation of tokens
// issued before this migration (tokens without the claim count as 1).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('token_generation', 'integer', (c) => c.notNull().defaultTo(1)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('token_generation').execute();
}
