import type { Kysely } from 'kysely';

// SCIM (issue 13): the long-lived bearer secrets identity providers are configured with. Only a
// keyed hash of the secret is kept (HMAC-SHA256 under the deployment's pepper, as for client
// secrets); revoking deletes the row, so the next request with it is refused on every node.
// SCIM users are the `users` rows (0007) and SCIM groups are derived from projects, environments
// and memberships (0008): nothing else is stored for SCIM.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scim_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scim_tokens_list_idx').on('scim_tokens').columns(['account_id', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('scim_tokens').execute();
}
