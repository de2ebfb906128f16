import { sql, type Kysely } from 'kysely';

// Agents (account-level), hosted secret values and project secret references.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('agent_type', 'text', (c) => c.notNull())
    .addColumn('cloud_provider', 'text', (c) => c.notNull())
    .addColumn('deployment', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // 1 for a Matillion-hosted agent (created for a FULL_SAAS project), 0 for a hybrid one.
    .addColumn('hosted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('project_id', 'text', (c) => c.references('projects.id').onDelete('cascade'))
    .addColumn('enable_auto_updates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('restricted_access', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('track_name', 'text')
    .addColumn('paused_until', 'text')
    // {"<projectId>": ["env", ...]} as JSON text (a hosted agent: {"<its projectId>": []}).
    .addColumn('allowlist', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agents_list_idx').on('agents').columns(['account_id', 'created_at', 'id']).execute();
  // Names of customer (hybrid) agents are unique in the account; hosted agents are named by Plinth.
  await db.schema
    .createIndex('agents_account_name_uq')
    .on('agents')
    .columns(['account_id', 'name'])
    .unique()
    .where(sql<boolean>`hosted = 0`)
    .execute();
  // At most one hosted agent per project (NULLs, i.e. hybrid agents, do not collide).
  await db.schema.createIndex('agents_project_uq').on('agents').column('project_id').unique().execute();

  await db.schema
    .createTable('hosted_secrets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('secret_key', 'text', (c) => c.notNull())
    // Vault blob; AAD binds it to (account, agent, name).
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('hosted_secrets_agent_name_uq', ['agent_id', 'name'])
    .execute();

  await db.schema
    .createTable('secret_references')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('agent_type', 'text', (c) => c.notNull())
    .addColumn('secret_reference_type', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('secret_name', 'text')
    .addColumn('secret_key', 'text')
    .addColumn('vault_name', 'text')
    // Deleting a hybrid agent keeps AWS/Azure references (they name an external vault) and
    // forgets the agent; 'Matillion hosted' references go with their project, like its agent.
    .addColumn('agent_id', 'text', (c) => c.references('agents.id').onDelete('set null'))
    // Vault blob of the JSON secretValue for 'Matillion hosted' references; null otherwise.
    .addColumn('value', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('secret_references_project_name_uq', ['project_id', 'name'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['secret_references', 'hosted_secrets', 'agents']) await db.schema.dropTable(t).execute();
}
