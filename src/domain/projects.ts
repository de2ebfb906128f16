import { randomUUID } from 'node:crypto';
import type { Db } from '../store/db.js';
import { isUniqueViolation } from '../store/db.js';
import type { ProjectRow, ProjectsRepo } from '../store/projects.js';
import { conflict, notFound } from './errors.js';
import { pageWindow, toPage, type PageQuery } from './pagination.js';
import type { Actor, Policy } from './policy.js';

export type Warehouse = 'SNOWFLAKE' | 'REDSHIFT';
export type AgentDeploymentType = 'HYBRID' | 'FULL_SAAS';

export interface CreateProjectInput {
  name: string;
  description?: string;
  warehouse: Warehouse;
  agentDeploymentType: AgentDeploymentType;
}

export interface ProjectView {
  id: string;
  name: string;
  description: string | null;
  warehouse: string;
  agentDeploymentType: string;
  createdAt: string;
  updatedAt: string;
}

const view = (r: ProjectRow): ProjectView => ({
  id: r.id,
  name: r.name,
  description: r.description,
  warehouse: r.warehouse,
  agentDeploymentType: r.agent_deployment_type,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Work a hook wants done once a deletion has committed (see `ProjectHooks.beforeDelete`). */
export type AfterDelete = () => Promise<void>;

/**
 * Hooks that let later resources join a project's life cycle inside the same transaction
 * (e.g. a FULL_SAAS project gets its hosted agent) without this service knowing them.
 */
export interface ProjectHooks {
  afterCreate?(trx: Db, project: ProjectRow): Promise<void>;
  /**
   * Whether `afterCreate` has work for this project (default: yes). When no hook has, the
   * project is inserted without a transaction of its own (one statement on PostgreSQL: one
   * round trip instead of three).
   */
  createsWith?(project: ProjectRow): boolean;
  /**
   * Runs inside the deletion transaction. It may return an `AfterDelete`, run once the deletion
   * has committed (never if it rolled back) with whatever the hook read in the transaction: the
   * place for network calls, which never belong inside a transaction. After-delete work is best
   * effort — it handles (and logs) its own failures; one that still throws is ignored, since the
   * project is gone either way.
   */
  beforeDelete?(trx: Db, project: ProjectRow): Promise<void | AfterDelete>;
}

export interface ProjectsDeps {
  db: Db;
  projects: ProjectsRepo;
  policy: Policy;
  clock: () => Date;
  hooks?: ProjectHooks[];
  /** Project ids the actor holds a grant on (for non-Super-Admin lists). */
  grantedProjectIds?: (actor: Actor) => Promise<string[]>;
}

export function createProjectsService({ db, projects, policy, clock, hooks = [], grantedProjectIds = async () => [] }: ProjectsDeps) {
  return {
    async create(actor: Actor, input: CreateProjectInput): Promise<{ projectId: string }> {
      policy.assert(actor, 'projects.create');
      const now = clock().toISOString();
      const row: ProjectRow = {
        id: randomUUID(),
        account_id: actor.accountId,
        name: input.name,
        description: input.description ?? null,
        warehouse: input.warehouse,
        agent_deployment_type: input.agentDeploymentType,
        created_at: now,
        updated_at: now,
      };
      const joining = hooks.filter((h) => h.afterCreate && (h.createsWith?.(row) ?? true));
      try {
        if (joining.length === 0) await projects.insert(row); // atomic on its own (with its counter)
        else {
          await db.transaction().execute(async (trx) => {
            await projects.insert(row, trx);
            for (const h of joining) await h.afterCreate!(trx, row);
          });
        }
      } catch (err) {
        if (isUniqueViolation(err)) {
          throw conflict(`A project named "${input.name}" already exists in this account`, ['name: must be unique within the account']);
        }
        throw err;
      }
      return { projectId: row.id };
    },

    async list(actor: Actor, q: PageQuery) {
      policy.assert(actor, 'authenticated');
      const w = pageWindow(q);
      const only = policy.seesAllProjects(actor) ? undefined : await grantedProjectIds(actor);
      const { rows, total } = await projects.page(actor.accountId, w.offset, w.limit, only);
      return toPage(w, total, rows, view);
    },

    /** The project if the actor may read it; 404 for unknown, other-account or invisible ids. */
    async require(actor: Actor, projectId: string, permission: 'projects.read' | 'projects.write' | 'projects.delete' = 'projects.read') {
      const row = await projects.find(actor.accountId, projectId);
      if (!row) throw notFound(`Project ${projectId} not found`);
      await policy.assertOnProject(actor, permission, projectId);
      return row;
    },

    /**
     * The permission check of `require` without reading the project: for writes that check the
     * project's existence in the same statement (a missing project then answers 404 there).
     */
    async authorize(actor: Actor, projectId: string, permission: 'projects.read' | 'projects.write' | 'projects.delete') {
      await policy.assertOnProject(actor, permission, projectId);
    },

    async get(actor: Actor, projectId: string) {
      return view(await this.require(actor, projectId));
    },

    async delete(actor: Actor, projectId: string) {
      const row = await this.require(actor, projectId, 'projects.delete');
      const after = await db.transaction().execute(async (trx) => {
        const pending: AfterDelete[] = [];
        for (const h of hooks) {
          const then = await h.beforeDelete?.(trx, row);
          if (then) pending.push(then);
        }
        await projects.delete(actor.accountId, projectId, trx);
        return pending;
      });
      for (const then of after) {
        try {
          await then();
        } catch {
          // Best effort (see ProjectHooks.beforeDelete): the project is deleted either way.
        }
      }
    },
  };
}
export type ProjectsService = ReturnType<typeof createProjectsService>;
