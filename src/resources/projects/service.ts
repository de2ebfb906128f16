import { randomUUID } from 'node:crypto';
import type { AfterDelete, ProjectAccess, ProjectHooks, ProjectRef } from '../../core/access.js';
import type { Audit, AuditEventInput } from '../../core/audit.js';
import { iso } from '../../core/clock.js';
import type { Db } from '../../core/db/db.js';
import { isUniqueViolation } from '../../core/db/db.js';
import { conflict, notFound } from '../../core/errors.js';
import { pageWindow, toPage, type Page, type PageQuery } from '../../core/paging.js';
import type { Actor, Policy } from '../../core/policy.js';
import { projectScope, projectsScope, type ProjectRow, type ProjectsRepo } from './store.js';
import type { CredentialChanges } from '../../core/identity/credential-cache.js';

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

/**
 * One page object per page the read cache holds: it hands out the same `found` while the page is
 * unchanged, so the same page object goes out, and the route serializes it once.
 */
const pageViews = new WeakMap<object, Page<ProjectView>>();
function pageView(found: { rows: ProjectRow[]; total: number }, w: { page: number; size: number }) {
  const known = pageViews.get(found);
  if (known && known.page === w.page && known.size === w.size) return known;
  const page = toPage(w, found.total, found.rows, view);
  pageViews.set(found, page);
  return page;
}

export interface ProjectsDeps {
  db: Db;
  audit: Audit;
  projects: ProjectsRepo;
  policy: Policy;
  clock: () => Date;
  hooks?: ProjectHooks[];
  /** Project ids the actor holds a grant on (for non-Super-Admin lists). */
  grantedProjectIds?: (actor: Actor) => Promise<readonly string[]>;
  /**
   * Makes a creator that is not a Super Admin the new project's OWNER, inside the creating
   * transaction (otherwise it could never see what it created); returns the principal ids whose
   * cached grants changed.
   */
  addCreator?: (trx: Db, project: ProjectRef, actor: Actor) => Promise<string[]>;
  /** Announces changed grants inside a transaction and evicts them once it committed. */
  changes?: Pick<CredentialChanges, 'announce' | 'notices' | 'committed'>;
}

const projectEvent = (created: boolean, r: Pick<ProjectRow, 'id' | 'name' | 'warehouse' | 'agent_deployment_type'>): AuditEventInput => ({
  eventName: created ? 'project_created' : 'project_deleted',
  eventType: created ? 'CREATE' : 'DELETE',
  description: created ? 'Project created' : 'Project deleted',
  subjectType: 'PROJECT',
  subjectId: r.id,
  subjectName: r.name,
  projectId: r.id,
  additionalInfo: { warehouse: r.warehouse, agentDeploymentType: r.agent_deployment_type },
});

export const projectRef = (r: ProjectRow): ProjectRef => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  warehouse: r.warehouse as ProjectRef['warehouse'],
  agentDeploymentType: r.agent_deployment_type as ProjectRef['agentDeploymentType'],
  createdAt: r.created_at,
});

/** `require` and `authorize` of ProjectAccess: the policy's answer for one project. */
export function createProjectAccess({ projects, policy }: Pick<ProjectsDeps, 'projects' | 'policy'>): ProjectAccess {
  return {
    async require(actor, projectId, permission = 'projects.read') {
      const row = await projects.find(actor.accountId, projectId);
      if (!row) throw notFound(`Project ${projectId} not found`);
      await policy.assertOnProject(actor, permission, projectId);
      return projectRef(row);
    },
    authorize: (actor, projectId, permission) => policy.assertOnProject(actor, permission, projectId),
    // The environment role decides (src/core/access.ts); the project must exist and be visible.
    async requireEnvironment(actor, projectId, environmentName, permission) {
      const row = await projects.find(actor.accountId, projectId);
      if (!row) throw notFound(`Project ${projectId} not found`);
      await policy.assertOnEnvironment(actor, permission, projectId, environmentName);
      return projectRef(row);
    },
    async find(accountId, projectId) {
      const row = await projects.find(accountId, projectId);
      return row ? projectRef(row) : undefined;
    },
  };
}

export function createProjectsService({ db, audit, projects, policy, clock, hooks = [], grantedProjectIds = async () => [], addCreator, changes }: ProjectsDeps) {
  const access = createProjectAccess({ projects, policy });
  return {
    access,

    async create(actor: Actor, input: CreateProjectInput): Promise<{ projectId: string }> {
      policy.assert(actor, 'projects.create');
      const now = iso(clock());
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
      const ref = projectRef(row);
      const joining = hooks.filter((h) => h.afterCreate && (h.createsWith?.(ref) ?? true));
      // A Super Admin is OWNER everywhere already; anyone else joins what it creates.
      const joinsAsOwner = addCreator !== undefined && !policy.seesAllProjects(actor);
      // The account's cached project reads on every node, and the creator's grants if it joins.
      const changed = [projectsScope(actor.accountId)];
      try {
        // The row, its counter and its audit event commit together (on PostgreSQL the store writes
        // the three in one statement).
        const event = audit.event(actor, projectEvent(true, row));
        const notices = changes?.notices(changed) ?? [];
        const part = joining.length === 1 ? joining[0]!.createPart : undefined;
        if (event && !joinsAsOwner && joining.length === 0 && notices.length <= 1) {
          // Nothing else to write: the store also sends the announcement, so the whole change is
          // that statement (no BEGIN/COMMIT; the notice goes out when it commits).
          await projects.insert(row, undefined, event, notices[0]);
        } else if (event && !joinsAsOwner && part && projects.takesParts && notices.length === 1) {
          // One hook with work, which can be part of that statement (a FULL_SAAS project's hosted
          // agent on PostgreSQL): still one statement, one round trip instead of four.
          await projects.insertWithPart(row, event, notices[0]!, part, ref);
        } else {
          // The notice rides on the row's statement when nothing else changes what it announces
          // (a FULL_SAAS create on PostgreSQL: BEGIN, row, hosted agent, COMMIT; one round trip fewer).
          const inline = event !== undefined && !joinsAsOwner && notices.length <= 1;
          await db.transaction().execute(async (trx) => {
            await projects.insert(row, trx, event, inline ? notices[0] : undefined);
            if (joinsAsOwner) changed.push(...(await addCreator(trx, ref, actor)));
            if (!inline) await changes?.announce(trx, changed);
            for (const h of joining) await h.afterCreate!(trx, ref);
          });
        }
        changes?.committed(changed);
      } catch (err) {
        if (isUniqueViolation(err)) {
          throw conflict(`A project named "${input.name}" already exists in this account`, [{ field: 'name', rule: 'must be unique within the account' }]);
        }
        throw err;
      }
      return { projectId: row.id };
    },

    async list(actor: Actor, q: PageQuery) {
      policy.assert(actor, 'authenticated');
      const w = pageWindow(q);
      const only = policy.seesAllProjects(actor) ? undefined : { projectIds: await grantedProjectIds(actor) };
      return pageView(await projects.page(actor.accountId, w.offset, w.limit, only), w);
    },

    async get(actor: Actor, projectId: string) {
      const row = await projects.find(actor.accountId, projectId);
      if (!row) throw notFound(`Project ${projectId} not found`);
      await policy.assertOnProject(actor, 'projects.read', projectId);
      return view(row);
    },

    async delete(actor: Actor, projectId: string) {
      const row = await access.require(actor, projectId, 'projects.delete');
      const after = await db.transaction().execute(async (trx) => {
        if (!(await projects.lockForDelete(actor.accountId, projectId, trx))) throw notFound(`Project ${projectId} not found`);
        // Locked, so it will be deleted: its counter goes first (see projects.uncount).
        await projects.uncount(actor.accountId, trx);
        const pending: AfterDelete[] = [];
        for (const h of hooks) {
          const then = await h.beforeDelete?.(trx, row);
          if (then) pending.push(then);
        }
        await projects.delete(actor.accountId, projectId, trx);
        await audit.record(trx, actor, projectEvent(false, { id: row.id, name: row.name, warehouse: row.warehouse, agent_deployment_type: row.agentDeploymentType }));
        await changes?.announce(trx, [projectsScope(actor.accountId), projectScope(projectId)]);
        return pending;
      });
      changes?.committed([projectsScope(actor.accountId), projectScope(projectId)]);
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
