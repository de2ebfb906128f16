import type { Kysely } from 'kysely';

// People (issue 13): users of an account and the invitations that create them. Portable DDL as in
// 0001. `email` is stored lower-cased, so the unique constraint is case-insensitive. The SCIM
// columns (external_id … scim_attributes) are here so SCIM provisioning needs no ALTER; the SCIM
// attributes Plinth does not model as columns are kept as JSON text in scim_attributes.
// `active` is 0/1 (portable boolean). An invitation keeps only a keyed hash of its token.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('external_id', 'text')
    .addColumn('display_name', 'text')
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('scim_attributes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('users_account_email_uq', ['account_id', 'email'])
    .execute();
  await db.schema.createIndex('users_list_idx').on('users').columns(['account_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('users_external_id_idx').on('users').columns(['account_id', 'external_id']).execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('redeemed_at', 'text')
    .execute();
  await db.schema.createIndex('invitations_list_idx').on('invitations').columns(['account_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('invitations_email_idx').on('invitations').columns(['account_id', 'email']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('invitations').execute();
  await db.schema.dropTable('users').execute();
}
