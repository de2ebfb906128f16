import type { Kysely } from 'kysely';

// Issue 15: artifacts (immutable bundles of pipeline files published to a project), their
// deployments to environments (publish and promotions; enabled per environment), connector
// profiles (GET /v1/custom-connectors, /v1/flex-connectors) and shared-pipeline artifacts.
// Files are stored as text in the database (both dialects), never on a node's disk, so every
// node of a PostgreSQL deployment serves the same artifact.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('artifacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('version_name', 'text', (c) => c.notNull())
    .addColumn('commit_hash', 'text')
    .addColumn('branch', 'text')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Version names are immutable within a project: a second publish of one is a 409.
    .addUniqueConstraint('artifacts_project_version_uq', ['project_id', 'version_name'])
    .execute();

  await db.schema
    .createTable('artifact_files')
    .addColumn('artifact_id', 'text', (c) => c.notNull().references('artifacts.id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('artifact_files_pk', ['artifact_id', 'path'])
    .execute();

  // One row per (environment, artifact): the publish deploys to one environment, each promotion
  // to one more. `id` is time-ordered and breaks ties between equal `deployed_at` (frozen clocks).
  await db.schema
    .createTable('artifact_deployments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
    .addColumn('artifact_id', 'text', (c) => c.notNull().references('artifacts.id').onDelete('cascade'))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deployed_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('artifact_deployments_env_artifact_uq', ['environment_id', 'artifact_id'])
    .execute();
  await db.schema.createIndex('artifact_deployments_env_idx').on('artifact_deployments').columns(['environment_id', 'deployed_at', 'id']).execute();
  await db.schema.createIndex('artifact_deployments_project_idx').on('artifact_deployments').columns(['project_id', 'deployed_at', 'id']).execute();
  await db.schema.createIndex('artifact_deployments_artifact_idx').on('artifact_deployments').column('artifact_id').execute();

  // Connector profiles an account has registered (a Plinth extension shapes what the SaaS's
  // console would have created): kind 'custom' keyed by id, 'flex' by alternateId.
  await db.schema
    .createTable('connector_profiles')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('connector_id', 'text', (c) => c.notNull())
    // The profile as registered (JSON text), returned as is.
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('connector_profiles_pk', ['account_id', 'kind', 'connector_id'])
    .execute();

  await db.schema
    .createTable('shared_pipeline_artifacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('version_name', 'text', (c) => c.notNull())
    .addColumn('commit_hash', 'text')
    .addColumn('branch', 'text')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('shared_pipeline_artifacts_version_uq', ['account_id', 'prefix', 'version_name'])
    .execute();
  await db.schema.createIndex('shared_pipeline_artifacts_list_idx').on('shared_pipeline_artifacts').columns(['account_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('shared_pipeline_files')
    .addColumn('artifact_id', 'text', (c) => c.notNull().references('shared_pipeline_artifacts.id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shared_pipeline_files_pk', ['artifact_id', 'path'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['shared_pipeline_files', 'shared_pipeline_artifacts', 'connector_profiles', 'artifact_deployments', 'artifact_files', 'artifacts']) {
    await db.schema.dropTable(t).execute();
  }
}
