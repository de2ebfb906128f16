import type { Db } from './db/db.js';
import type { EnvironmentPermission } from './grants.js';
import type { Actor } from './policy.js';

/** A project as other resources see it: what they need to decide their own rules. */
export interface ProjectRef {
  id: string;
  accountId: string;
  name: string;
  warehouse: 'SNOWFLAKE' | 'REDSHIFT';
  agentDeploymentType: 'HYBRID' | 'FULL_SAAS';
  createdAt: string;
}

export type ProjectPermission = 'projects.read' | 'projects.write' | 'projects.delete';

/**
 * What an operation inside one environment needs (issue 13's environment roles; issue 15's
 * executions, schedules and artifacts ask through `requireEnvironment`):
 * - `environment.view`: read it, its connection overrides, executions, schedules, published
 *   pipelines, lineage;
 * - `environment.run`: execute and cancel pipelines;
 * - `environment.publish`: publish, promote, enable/disable artifacts;
 * - `environment.manage`: change its schedules, connection overrides and settings (its
 *   `defaultUserAccessLevel`, display name, description);
 * - `environment.delete`: delete it.
 *
 * Which environment role allows what (`ENVIRONMENT_NEEDS`, src/core/grants.ts):
 *
 * | permission  | OWNER | CONTRIBUTOR | OPERATOR | VIEWER | NONE |
 * | view        |   ✓   |      ✓      |    ✓     |   ✓    |      |
 * | run         |   ✓   |      ✓      |    ✓     |        |      |
 * | publish     |   ✓   |      ✓      |          |        |      |
 * | manage      |   ✓   |      ✓      |          |        |      |
 * | delete      |   ✓   |             |          |        |      |
 *
 * `manage` is OWNER and CONTRIBUTOR: the SaaS gives Contributor the Owner's pipeline rights and
 * lets a project Contributor "create and modify but not delete"; only deleting the environment
 * is Owner's alone. The role is the member's explicit environment role, else the one its
 * `defaultUserAccessLevel` gives (src/core/grants.ts); Super Admins are OWNER everywhere; a
 * caller that is not a member of the project does not see it (404), whatever the environment.
 * Environment roles are independent of the project role (contract §6): a project VIEWER may be
 * an environment OPERATOR, a project OWNER on a `readOnly` environment is its VIEWER until given
 * an explicit role.
 */
export type { EnvironmentPermission };

/**
 * The one way a service asks "may this actor do X on project P": the policy's role table plus
 * the actor's project grants. Implemented by the projects resource; every service that acts
 * inside a project takes this and nothing else of projects.
 */
export interface ProjectAccess {
  /** The project if the actor may do `permission` on it: not_found when unknown, other-account
   * or invisible to the actor; forbidden when visible but not allowed. */
  require(actor: Actor, projectId: string, permission?: ProjectPermission): Promise<ProjectRef>;
  /** The permission check of `require` without reading the project (for writes that check the
   * project's existence in their own statement). */
  authorize(actor: Actor, projectId: string, permission: ProjectPermission): Promise<void>;
  /**
   * The project if the actor may do `permission` in its environment `environmentName` (the
   * environment's existence is the caller's business). Invisible project: not_found; visible
   * but not allowed: forbidden.
   */
  requireEnvironment(actor: Actor, projectId: string, environmentName: string, permission: EnvironmentPermission): Promise<ProjectRef>;
  /** The project by id within an account, with no permission check (in-process use). */
  find(accountId: string, projectId: string): Promise<ProjectRef | undefined>;
}

/**
 * Data-modifying CTEs a hook adds to a project's INSERT statement (PostgreSQL), built once with
 * marker arguments (src/core/db/precompiled.ts) and bound per project.
 */
export interface CreateStatementPart {
  /** One marker per argument (`marker(i)`, `markerInt(i)` of precompiled.ts, from `first`). */
  markers(first: number): unknown[];
  /**
   * Adds the part's CTEs (uniquely named) to `qb`, a statement whose CTE `p` inserted the project
   * (typed loosely: the statement's CTEs are the projects store's business).
   */
  add(qb: any, args: unknown[]): any;
  /** The part's arguments for this project, in `markers` order. */
  args(project: ProjectRef): unknown[];
}

/** Work a hook wants done once a deletion has committed (see `ProjectHooks.beforeDelete`). */
export type AfterDelete = () => Promise<void>;

/**
 * Hooks that let resources join a project's life cycle inside the same transaction (a FULL_SAAS
 * project gets its hosted agent; a deleted project's GitLab token is revoked) without the
 * projects resource knowing them.
 */
export interface ProjectHooks {
  afterCreate?(trx: Db, project: ProjectRef): Promise<void>;
  /**
   * `afterCreate` as part of the project's own statement, on PostgreSQL: the row, its counter,
   * its audit event, its notice and this part are one statement (one round trip; no BEGIN/COMMIT)
   * when it is the only hook with work. Same rows as `afterCreate`.
   */
  createPart?: CreateStatementPart;
  /**
   * Whether `afterCreate` has work for this project (default: yes). When no hook has (and the
   * creator does not join as OWNER), the project is inserted without a transaction of its own:
   * on PostgreSQL the row, its counter, its audit event and its notice are one statement, one
   * round trip instead of five.
   */
  createsWith?(project: ProjectRef): boolean;
  /**
   * Runs inside the deletion transaction. It may return an `AfterDelete`, run once the deletion
   * has committed (never if it rolled back) with whatever the hook read in the transaction: the
   * place for network calls, which never belong inside a transaction. After-delete work is best
   * effort — it handles (and logs) its own failures; one that still throws is ignored, since the
   * project is gone either way.
   */
  beforeDelete?(trx: Db, project: ProjectRef): Promise<void | AfterDelete>;
}
