import type { Db } from '../../core/db/db.js';

/** A project with one of its environments (null for a project without any). */
export interface BindingRow {
  project_id: string;
  project_name: string;
  project_created_at: string;
  env_name: string | null;
  env_default: string | null;
}

export interface MembershipRow {
  project_id: string;
  principal_id: string;
  role: string;
  email: string;
  display_name: string | null;
}

export interface ExplicitRoleRow {
  project_id: string;
  principal_id: string;
  env_name: string;
  role: string;
}

/**
 * SCIM's read model of the role bindings: projects, environments, memberships of users and their
 * explicit environment roles, each in one statement for a whole account (a group list is three
 * queries, not three per project). These are other modules' tables, read by their documented
 * columns; every write goes through their services (members.withGrants, users.directory).
 */
export function createBindingsReader(db: Db) {
  return {
    async accountName(accountId: string) {
      const r = await db.selectFrom('accounts').select('name').where('id', '=', accountId).executeTakeFirst();
      return r?.name ?? '';
    },
    bindings(accountId: string, projectIds?: readonly string[]): Promise<BindingRow[]> {
      if (projectIds && projectIds.length === 0) return Promise.resolve([]);
      let q = db
        .selectFrom('projects as p')
        .leftJoin('environments as e', 'e.project_id', 'p.id')
        .select(['p.id as project_id', 'p.name as project_name', 'p.created_at as project_created_at', 'e.name as env_name', 'e.default_user_access_level as env_default'])
        .where('p.account_id', '=', accountId);
      if (projectIds) q = q.where('p.id', 'in', projectIds);
      return q.orderBy('p.created_at').orderBy('p.id').orderBy('e.created_at').orderBy('e.id').execute();
    },
    memberships(accountId: string, opts: { projectIds?: readonly string[]; principalIds?: readonly string[] } = {}): Promise<MembershipRow[]> {
      if ((opts.projectIds && opts.projectIds.length === 0) || (opts.principalIds && opts.principalIds.length === 0)) return Promise.resolve([]);
      let q = db
        .selectFrom('project_members as m')
        .innerJoin('users as u', 'u.id', 'm.principal_id')
        .select(['m.project_id', 'm.principal_id', 'm.role', 'u.email', 'u.display_name'])
        .where('m.principal_type', '=', 'USER')
        .where('u.account_id', '=', accountId);
      if (opts.projectIds) q = q.where('m.project_id', 'in', opts.projectIds);
      if (opts.principalIds) q = q.where('m.principal_id', 'in', opts.principalIds);
      return q.orderBy('m.created_at').orderBy('m.principal_id').execute();
    },
    explicitRoles(accountId: string, opts: { projectIds?: readonly string[]; principalIds?: readonly string[] } = {}): Promise<ExplicitRoleRow[]> {
      if ((opts.projectIds && opts.projectIds.length === 0) || (opts.principalIds && opts.principalIds.length === 0)) return Promise.resolve([]);
      let q = db
        .selectFrom('environment_roles as r')
        .innerJoin('environments as e', 'e.id', 'r.environment_id')
        .innerJoin('projects as p', 'p.id', 'r.project_id')
        .select(['r.project_id', 'r.principal_id', 'e.name as env_name', 'r.role'])
        .where('p.account_id', '=', accountId);
      if (opts.projectIds) q = q.where('r.project_id', 'in', opts.projectIds);
      if (opts.principalIds) q = q.where('r.principal_id', 'in', opts.principalIds);
      return q.execute();
    },
  };
}
export type BindingsReader = ReturnType<typeof createBindingsReader>;
