import type { Kysely } from 'kysely';

// Pipeline executions (issue 15): one row per run of a published pipeline (or a simulated test
// run), its steps, the OpenLineage events the runs emit, and per-pipeline simulation behaviour.
// A run is a row advanced by whichever node holds its lease (lease_owner / lease_until), never a
// timer in one process's memory. Timestamps are ISO 8601 text, like every other table.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pipeline_executions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('environment_name', 'text', (c) => c.notNull())
    .addColumn('pipeline_name', 'text', (c) => c.notNull())
    // The file's path in the artifact, with its extension (lineage job.name).
    .addColumn('pipeline_path', 'text', (c) => c.notNull())
    .addColumn('pipeline_type', 'text', (c) => c.notNull())
    .addColumn('version_name', 'text')
    // PIPELINE | TEST (a simulated test execution; never listed with pipeline executions)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('schedule_id', 'text')
    .addColumn('user_name', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('execution_tag', 'text')
    // The execution tag while the run is not terminal (NULL after): unique per environment, so
    // "one running execution per tag" is a constraint, not a read-then-write race.
    .addColumn('active_tag', 'text')
    .addColumn('parent_id', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('message', 'text')
    // JSON text: the parsed pipeline (steps and transitions), the run's cursor, its variables.
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('variables', 'text', (c) => c.notNull())
    // NULL | SOFT | FORCE
    .addColumn('cancel_mode', 'text')
    // When the run next has something to do (a step ends, a lease needs renewing).
    .addColumn('next_at', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    // Raised by every advancement: a write keyed on the version read is applied at most once.
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('steps_run', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('millicredits', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('pipeline_executions_account_idx').on('pipeline_executions').columns(['account_id', 'id']).execute();
  await db.schema.createIndex('pipeline_executions_due_idx').on('pipeline_executions').columns(['status', 'next_at']).execute();
  await db.schema.createIndex('pipeline_executions_parent_idx').on('pipeline_executions').column('parent_id').execute();
  await db.schema.createIndex('pipeline_executions_finished_idx').on('pipeline_executions').columns(['account_id', 'finished_at']).execute();
  await db.schema
    .createIndex('pipeline_executions_tag_uq')
    .on('pipeline_executions')
    .columns(['project_id', 'environment_name', 'active_tag'])
    .unique()
    .execute();

  await db.schema
    .createTable('pipeline_execution_steps')
    .addColumn('execution_id', 'text', (c) => c.notNull().references('pipeline_executions.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('component_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('message', 'text')
    .addColumn('child_execution_id', 'text')
    .addColumn('child_pipeline_name', 'text')
    .addPrimaryKeyConstraint('pipeline_execution_steps_pk', ['execution_id', 'seq'])
    .execute();

  await db.schema
    .createTable('lineage_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('execution_id', 'text', (c) => c.notNull())
    .addColumn('event_time', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lineage_events_time_idx').on('lineage_events').columns(['account_id', 'event_time', 'id']).execute();

  // Simulation behaviour registered for one pipeline (the x-plinth-extension behaviours endpoint).
  await db.schema
    .createTable('pipeline_behaviours')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('environment_name', 'text', (c) => c.notNull())
    .addColumn('pipeline_name', 'text', (c) => c.notNull())
    .addColumn('behaviour', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pipeline_behaviours_pk', ['project_id', 'environment_name', 'pipeline_name'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['pipeline_behaviours', 'lineage_events', 'pipeline_execution_steps', 'pipeline_executions']) await db.schema.dropTable(t).execute();
}
