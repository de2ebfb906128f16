import type { Kysely } from 'kysely';

/**
 * Schedules and streaming pipelines (issue 15). Timestamps are ISO-8601 UTC text written by the
 * application (`toISOString()`), so `next_run_at <= now` compares correctly as text on both
 * dialects; booleans are 0/1 integers; maps and definitions are JSON text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('schedules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // Environments are referenced by name (as the contract does); deleting one leaves its
    // schedules, whose runs then fail to start and are logged.
    .addColumn('environment_name', 'text', (c) => c.notNull())
    .addColumn('pipeline_name', 'text', (c) => c.notNull())
    .addColumn('version_name', 'text')
    .addColumn('agent_id', 'text')
    .addColumn('cron_expression', 'text', (c) => c.notNull())
    .addColumn('cron_timezone', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('schedule_enabled', 'integer', (c) => c.notNull())
    .addColumn('allow_concurrent', 'integer', (c) => c.notNull())
    .addColumn('scalar_variables', 'text', (c) => c.notNull())
    .addColumn('grid_variables', 'text', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    // The tick the job fires next (null: disabled, or the expression never fires again). Moving
    // it from its old value to the next one is how a node claims a tick.
    .addColumn('next_run_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('schedules_project_name_uq', ['project_id', 'name'])
    .execute();
  await db.schema.createIndex('schedules_list_idx').on('schedules').columns(['project_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('schedules_due_idx').on('schedules').columns(['next_run_at']).execute();

  await db.schema
    .createTable('streaming_pipelines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    // { streamingSource, streamingTarget, advancedProperties } as normalised (secret references only).
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('streaming_pipelines_project_name_uq', ['project_id', 'name'])
    .execute();
  await db.schema.createIndex('streaming_pipelines_list_idx').on('streaming_pipelines').columns(['project_id', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('streaming_pipelines').ifExists().execute();
  await db.schema.dropTable('schedules').ifExists().execute();
}
