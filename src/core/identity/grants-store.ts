import type { Db } from '../db/db.js';
import { NO_GRANTS, type EnvironmentGrant, type EnvironmentRole, type PrincipalGrants, type ProjectRole } from '../grants.js';
import type { Actor, GrantLookup } from '../policy.js';
import type { CredentialCache } from './credential-cache.js';

declare module '../db/schema.js' {
  interface Database {
    project_members: ProjectMembersTable;
    environment_roles: EnvironmentRolesTable;
  }
}

/** Migration 0008. */
export interface ProjectMembersTable {
  project_id: string;
  /** A user id (users.id) or an API credential's client id. */
  principal_id: string;
  /** USER | API_CREDENTIAL */
  principal_type: string;
  role: string;
  created_at: string;
  updated_at: string;
}

/** Explicit environment roles only; a member without a row is on the environment's default. */
export interface EnvironmentRolesTable {
  project_id: string;
  environment_id: string;
  principal_id: string;
  role: string;
  created_at: string;
  updated_at: string;
}

/**
 * Everything `principalId` holds, in one statement: each membership with every environment of
 * the project, its current default and the principal's explicit role there (if any).
 */
export async function loadGrants(db: Db, principalId: string): Promise<PrincipalGrants> {
  const rows = await db
    .selectFrom('project_members as m')
    .leftJoin('environments as e', 'e.project_id', 'm.project_id')
    .leftJoin('environment_roles as r', (j) => j.onRef('r.environment_id', '=', 'e.id').onRef('r.principal_id', '=', 'm.principal_id'))
    .select(['m.project_id', 'm.role', 'e.name as env_name', 'e.default_user_access_level as env_default', 'r.role as env_role'])
    .where('m.principal_id', '=', principalId)
    .execute();
  if (rows.length === 0) return NO_GRANTS;
  const out = new Map<string, { role: ProjectRole; environments: Map<string, EnvironmentGrant> }>();
  for (const r of rows) {
    let p = out.get(r.project_id);
    if (!p) out.set(r.project_id, (p = { role: r.role as ProjectRole, environments: new Map() }));
    if (r.env_name !== null && r.env_default !== null) {
      p.environments.set(r.env_name, { defaultLevel: r.env_default, explicit: (r.env_role as EnvironmentRole | null) ?? null });
    }
  }
  return out;
}

/**
 * The policy's grant source: the principal's grants from the credential cache (no query on a
 * hit), loaded with `loadGrants` on a miss. Invalidation: see credential-cache.ts.
 */
export function createGrantLookup(deps: { db: Db; cache: CredentialCache }): GrantLookup {
  const { db, cache } = deps;
  return {
    of(actor: Actor) {
      if (actor.kind !== 'user') return Promise.resolve(NO_GRANTS);
      return cache.grants(actor.clientId, () => loadGrants(db, actor.clientId));
    },
  };
}

/** The creator of a project becomes its OWNER (in the creating transaction; see projects). */
export async function insertOwnerMember(trx: Db, projectId: string, actor: Actor, now: string) {
  await trx
    .insertInto('project_members')
    .values({
      project_id: projectId,
      principal_id: actor.clientId,
      principal_type: actor.principalType ?? 'API_CREDENTIAL',
      role: 'OWNER',
      created_at: now,
      updated_at: now,
    })
    .execute();
}
