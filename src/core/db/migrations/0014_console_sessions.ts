import type { Kysely } from 'kysely';

// Filled in by the console's work (issue 14); empty so the migration list is fixed.
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
