import type { Kysely } from 'kysely';

// Agent credentials are read on every refresh by their clients (Matillion's Terraform provider):
// the secret is kept sealed by the vault beside its hash, and a generation counter lets a
// SECRET_REFRESH end the tokens issued with the old secret. Existing rows keep a hash only
// (readable again after one SECRET_REFRESH) and start at generation 1.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_credentials').addColumn('secret_sealed', 'text').execute();
  await db.schema
    .alterTable('api_credentials')
    .addColumn('secret_generation', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_credentials').dropColumn('secret_generation').execute();
  await db.schema.alterTable('api_credentials').dropColumn('secret_sealed').execute();
}
