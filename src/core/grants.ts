/**
 * Project and environment roles (issue 13) as pure rules: what a principal holds, how an
 * environment role is resolved from an explicit grant or the environment's default, and what
 * each environment permission needs. The table is documented on `EnvironmentPermission`
 * (src/core/access.ts); the loader and its cache are src/core/identity/grants-store.ts.
 */

export const PROJECT_ROLES = ['OWNER', 'CONTRIBUTOR', 'VIEWER'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export const ENVIRONMENT_ROLES = ['OWNER', 'CONTRIBUTOR', 'OPERATOR', 'VIEWER', 'NONE'] as const;
export type EnvironmentRole = (typeof ENVIRONMENT_ROLES)[number];

export type EnvironmentPermission = 'environment.view' | 'environment.run' | 'environment.publish' | 'environment.manage' | 'environment.delete';

/** What each environment permission needs (see `EnvironmentPermission` in access.ts). */
export const ENVIRONMENT_NEEDS: Record<EnvironmentPermission, readonly EnvironmentRole[]> = {
  'environment.view': ['OWNER', 'CONTRIBUTOR', 'OPERATOR', 'VIEWER'],
  'environment.run': ['OWNER', 'CONTRIBUTOR', 'OPERATOR'],
  'environment.publish': ['OWNER', 'CONTRIBUTOR'],
  'environment.manage': ['OWNER', 'CONTRIBUTOR'],
  'environment.delete': ['OWNER'],
};

/** An environment of a project the principal is a member of, as the grant cache holds it. */
export interface EnvironmentGrant {
  /** The environment's defaultUserAccessLevel now. */
  defaultLevel: string;
  /** The role set explicitly for this principal, or null when it is on the default. */
  explicit: EnvironmentRole | null;
}

export interface ProjectGrant {
  role: ProjectRole;
  /** Every environment of the project, by name. */
  environments: ReadonlyMap<string, EnvironmentGrant>;
}

/** Everything one principal holds: its memberships by project id. */
export type PrincipalGrants = ReadonlyMap<string, ProjectGrant>;

export const NO_GRANTS: PrincipalGrants = new Map();

/**
 * The environment role a `defaultUserAccessLevel` gives a member with `projectRole` (PRODUCT.md:
 * `admin`→OWNER, `runner`→OPERATOR, `readOnly`→VIEWER, `noAccess`→NONE, `default`→the environment
 * role named like the project role). An unknown level (none is stored; the contract's enum is
 * checked on input) gives nothing rather than something.
 */
export function roleFromDefault(level: string, projectRole: ProjectRole): EnvironmentRole {
  switch (level) {
    case 'admin':
      return 'OWNER';
    case 'runner':
      return 'OPERATOR';
    case 'readOnly':
      return 'VIEWER';
    case 'default':
      return projectRole;
    default:
      return 'NONE';
  }
}

/**
 * The member's role in one environment: its explicit role, else the default's. An environment
 * the grant does not know (it does not exist, or was created after the grant was read, which
 * the cache's invalidation makes short) resolves as `default` would, so the caller's own
 * existence check answers 404 for a missing one.
 */
export function environmentRoleOf(grant: ProjectGrant, environmentName: string): EnvironmentRole {
  const env = grant.environments.get(environmentName);
  if (!env) return roleFromDefault('default', grant.role);
  return env.explicit ?? roleFromDefault(env.defaultLevel, grant.role);
}

export const isProjectRole = (s: string): s is ProjectRole => (PROJECT_ROLES as readonly string[]).includes(s);
export const isEnvironmentRole = (s: string): s is EnvironmentRole => (ENVIRONMENT_ROLES as readonly string[]).includes(s);

/**
 * Cache-invalidation key meaning "every principal holding a grant on this project" (an
 * environment's default changed, an environment came or went, the project was deleted). It
 * travels with client ids on the credential channel; no client or user id has this prefix.
 */
export const projectGrantKey = (projectId: string) => `project:${projectId}`;
export const PROJECT_GRANT_PREFIX = 'project:';
