import type { Kysely } from 'kysely';

// Project connections, environments, their default connections and connection overrides.
// Everything hangs off a project with ON DELETE CASCADE, so deleting a project removes it all.
// Links from environments to connections are DEFERRABLE INITIALLY DEFERRED foreign keys without
// an action (checked at commit, on both databases): a connection still in use cannot be deleted
// on its own, while a project delete, which cascades to both sides, commits cleanly (PostgreSQL
// checks an immediate NO ACTION key before the sibling cascades have run).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('connections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // DWH | COMPONENT_BASIC | CLOUD_PLATFORM_CREDENTIALS
    .addColumn('platform_connection_type', 'text', (c) => c.notNull())
    .addColumn('auth_provider', 'text')
    .addColumn('auth_type', 'text', (c) => c.notNull())
    // connectionDetails as sent (JSON text), null when none was sent.
    .addColumn('connection_details', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('connections_project_name_uq', ['project_id', 'name'])
    .execute();
  await db.schema.createIndex('connections_list_idx').on('connections').columns(['project_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('environments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('description', 'text')
    // No foreign key: agents are account resources with their own life cycle; the name is looked up.
    .addColumn('default_agent_id', 'text', (c) => c.notNull())
    .addColumn('default_user_access_level', 'text', (c) => c.notNull())
    // defaultConnections as sent (JSON text).
    .addColumn('default_connections', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('environments_project_name_uq', ['project_id', 'name'])
    .execute();
  await db.schema.createIndex('environments_list_idx').on('environments').columns(['project_id', 'created_at', 'id']).execute();

  // One row per entry of an environment's defaultConnections (DWH, CLOUD_PLATFORM).
  await db.schema
    .createTable('environment_default_connections')
    .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('environment_default_connections_conn_fk', ['connection_id'], 'connections', ['id'], (fk) => fk.deferrable().initiallyDeferred())
    .addPrimaryKeyConstraint('environment_default_connections_pk', ['environment_id', 'kind'])
    .execute();
  await db.schema.createIndex('environment_default_connections_conn_idx').on('environment_default_connections').column('connection_id').execute();

  await db.schema
    .createTable('environment_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('environment_overrides_conn_fk', ['connection_id'], 'connections', ['id'], (fk) => fk.deferrable().initiallyDeferred())
    .addColumn('auth_type', 'text', (c) => c.notNull())
    // connectionOverrides as sent (JSON text): {secretsLocation?, connectionProperties}.
    .addColumn('overrides', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('environment_overrides_env_conn_uq', ['environment_id', 'connection_id'])
    .execute();
  await db.schema.createIndex('environment_overrides_list_idx').on('environment_overrides').columns(['environment_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('environment_overrides_conn_idx').on('environment_overrides').column('connection_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['environment_overrides', 'environment_default_connections', 'environments', 'connections']) await db.schema.dropTable(t).execute();
}
