import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_agents_secrets.js';
import * as m0004 from './0004_repositories.js';

/**
 * Every migration, in order. One portable set for SQLite and PostgreSQL. Listed statically
 * (not read from the folder) so the same code runs from TypeScript sources and from dist/.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_agents_secrets': m0002,
  '0004_repositories': m0004,
};
