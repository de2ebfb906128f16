import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_agents_secrets.js';
import * as m0003 from './0003_connections_environments.js';
import * as m0004 from './0004_repositories.js';
import * as m0005 from './0005_account_counts.js';
import * as m0006 from './0006_agent_credential_secrets.js';
import * as m0007 from './0007_people.js';
import * as m0008 from './0008_memberships.js';
import * as m0009 from './0009_audit_events.js';
import * as m0010 from './0010_scim.js';
import * as m0011 from './0011_artifacts.js';
import * as m0012 from './0012_pipeline_executions.js';
import * as m0013 from './0013_schedules_streaming.js';
import * as m0014 from './0014_console_sessions.js';
import * as m0015 from './0015_user_token_generation.js';
import * as m0016 from './0016_agent_counts.js';

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
  '0007_people': m0007,
  '0008_memberships': m0008,
  '0009_audit_events': m0009,
  '0010_scim': m0010,
  '0011_artifacts': m0011,
  '0012_pipeline_executions': m0012,
  '0013_schedules_streaming': m0013,
  '0014_console_sessions': m0014,
  '0015_user_token_generation': m0015,
  '0016_agent_counts': m0016,
};
