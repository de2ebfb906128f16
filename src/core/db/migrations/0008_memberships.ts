import type { Kysely } from 'kysely';

// Filled in by its issue's work; empty so the migration list is fixed while several land at once.
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
