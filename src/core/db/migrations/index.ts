import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_agents_secrets.js';
import * as m0003 from './0003_connections_environments.js';
import * as m0004 from './0004_repositories.js';
import * as m0005 from './0005_account_counts.js';
import * as m0006 from './0006_agent_credential_secrets.js';

/**
 * Every migration, in order. One portable set for SQLite and PostgreSQL. Listed statically
 * (not read from the folder) so the same code runs from TypeScript sources and from dist/.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_agents_secrets': m0002,
  '0003_connections_environments': m0003,
  '0004_repositories': m0004,
  '0005_account_counts': m0005,
  '0006_agent_credential_secrets': m0006,
};
