import type { Kysely } from 'kysely';

// A project's Git repository (at most one per project) and, for GitLab, the sealed service-account
// token with its rotation state and the lease that lets exactly one node rotate it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('repositories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().unique().references('projects.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('repository_name', 'text', (c) => c.notNull())
    // JSON text of the validated providerParameters.
    .addColumn('provider_parameters', 'text', (c) => c.notNull())
    // GitLab only: vault blob of the current (rotated) token; AAD binds it to project + repository.
    .addColumn('token', 'text')
    .addColumn('token_id', 'text')
    .addColumn('token_created_at', 'text')
    // YYYY-MM-DD as GitLab reports it; null when the token never expires.
    .addColumn('token_expires_at', 'text')
    .addColumn('token_lifetime_days', 'integer')
    .addColumn('last_rotated_at', 'text')
    // When the job should next try to rotate (3 days before expiry, or a retry); null = never.
    .addColumn('next_rotation_at', 'text')
    .addColumn('rotation_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    // Rotation intent, written before GitLab is called; cleared when the outcome is stored.
    .addColumn('rotation_started_at', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('repositories_due_idx').on('repositories').columns(['next_rotation_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('repositories').execute();
}
