import type { Kysely } from 'kysely';

// Project membership (issue 13): who holds which project role, and the environment roles set
// explicitly for a member. Only explicit environment roles are stored: a member without a row for
// an environment gets that environment's defaultUserAccessLevel at read time, so changing the
// default re-applies to everyone on it. Both tables cascade from projects and environment_roles
// also from environments, so deleting either removes its grants with it. principal_id has no
// foreign key: it names a user (users.id) or an API credential (api_credentials.client_id).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('project_members')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('principal_id', 'text', (c) => c.notNull())
    // USER | API_CREDENTIAL
    .addColumn('principal_type', 'text', (c) => c.notNull())
    // OWNER | CONTRIBUTOR | VIEWER
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_members_pk', ['project_id', 'principal_id'])
    .execute();
  // A principal's grants are loaded by principal (once per cache miss).
  await db.schema.createIndex('project_members_principal_idx').on('project_members').column('principal_id').execute();

  await db.schema
    .createTable('environment_roles')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
    .addColumn('principal_id', 'text', (c) => c.notNull())
    // OWNER | CONTRIBUTOR | OPERATOR | VIEWER | NONE
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('environment_roles_pk', ['environment_id', 'principal_id'])
    .execute();
  await db.schema.createIndex('environment_roles_principal_idx').on('environment_roles').columns(['principal_id', 'project_id']).execute();
  await db.schema.createIndex('environment_roles_project_idx').on('environment_roles').columns(['project_id', 'principal_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['environment_roles', 'project_members']) await db.schema.dropTable(t).execute();
}
