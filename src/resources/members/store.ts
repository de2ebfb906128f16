import { sql, type Selectable } from 'kysely';
import type { Db } from '../../core/db/db.js';
import { countRows, paged } from '../../core/db/paging.js';
import type { ProjectMembersTable } from '../../core/identity/grants-store.js';

// project_members and environment_roles are declared in src/core/identity/grants-store.ts (the
// policy's loader reads them too); this is the resource's side: listing and changing them.

export type MemberRow = Selectable<ProjectMembersTable>;

/** A principal of an account that can hold grants. */
export interface PrincipalRow {
  id: string;
  type: 'USER' | 'API_CREDENTIAL';
  role: string;
  /** For audit events: a person's email or a credential's name. */
  name: string;
}

export function createMembersRepo(db: Db) {
  return {
    async page(projectId: string, offset: number, limit: number) {
      // A deleted API credential's rows stay behind (its token no longer authenticates, so they
      // grant nothing); lists show only principals that still exist. A removed user's rows are
      // deleted with it (the users module's hook).
      const base = db
        .selectFrom('project_members')
        .where('project_id', '=', projectId)
        .where((eb) => eb.or([eb.exists(eb.selectFrom('api_credentials as c').select('c.client_id').whereRef('c.client_id', '=', 'project_members.principal_id')), eb.exists(sql`(select 1 from users u where u.id = project_members.principal_id)`)]));
      return paged(
        base.selectAll().orderBy('created_at').orderBy('principal_id').offset(offset).limit(limit).execute(),
        base.select(countRows).executeTakeFirstOrThrow(),
      );
    },
    async find(projectId: string, principalId: string, trx: Db = db) {
      return trx.selectFrom('project_members').selectAll().where('project_id', '=', projectId).where('principal_id', '=', principalId).executeTakeFirst();
    },
    /** The principal ids of a project's members (whose cached grants a project-wide change affects). */
    async principalIds(projectId: string, trx: Db = db) {
      const rows = await trx.selectFrom('project_members').select('principal_id').where('project_id', '=', projectId).execute();
      return rows.map((r) => r.principal_id);
    },
    /** Memberships of one principal (SCIM's view of its groups). */
    async ofPrincipal(principalId: string, trx: Db = db) {
      return trx.selectFrom('project_members').selectAll().where('principal_id', '=', principalId).orderBy('created_at').execute();
    },
    async upsert(row: MemberRow, trx: Db) {
      await trx
        .insertInto('project_members')
        .values(row)
        .onConflict((oc) => oc.columns(['project_id', 'principal_id']).doUpdateSet({ role: row.role, principal_type: row.principal_type, updated_at: row.updated_at }))
        .execute();
    },
    async delete(projectId: string, principalId: string, trx: Db) {
      await trx.deleteFrom('environment_roles').where('project_id', '=', projectId).where('principal_id', '=', principalId).execute();
      const r = await trx.deleteFrom('project_members').where('project_id', '=', projectId).where('principal_id', '=', principalId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** Explicit environment roles of some members of a project, with the environment's name. */
    async explicitRoles(projectId: string, principalIds: string[], trx: Db = db) {
      if (principalIds.length === 0) return [];
      return trx
        .selectFrom('environment_roles as r')
        .innerJoin('environments as e', 'e.id', 'r.environment_id')
        .select(['r.principal_id', 'r.role', 'r.environment_id', 'e.name'])
        .where('r.project_id', '=', projectId)
        .where('r.principal_id', 'in', principalIds)
        .execute();
    },
    async setEnvironmentRole(row: { project_id: string; environment_id: string; principal_id: string; role: string; now: string }, trx: Db) {
      const { now, ...key } = row;
      await trx
        .insertInto('environment_roles')
        .values({ ...key, created_at: now, updated_at: now })
        .onConflict((oc) => oc.columns(['environment_id', 'principal_id']).doUpdateSet({ role: key.role, updated_at: now }))
        .execute();
    },
    async clearEnvironmentRole(environmentId: string, principalId: string, trx: Db) {
      const r = await trx.deleteFrom('environment_roles').where('environment_id', '=', environmentId).where('principal_id', '=', principalId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async clearEnvironmentRoles(projectId: string, principalId: string, trx: Db) {
      await trx.deleteFrom('environment_roles').where('project_id', '=', projectId).where('principal_id', '=', principalId).execute();
    },
    /** Every environment of a project: name, id and default. */
    async environments(projectId: string, trx: Db = db) {
      return trx
        .selectFrom('environments')
        .select(['id', 'name', 'default_user_access_level'])
        .where('project_id', '=', projectId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },
    /** A user or a (non-agent) API credential of the account, by id. */
    async principal(accountId: string, principalId: string, trx: Db = db): Promise<PrincipalRow | undefined> {
      const cred = await trx
        .selectFrom('api_credentials')
        .select(['client_id', 'role', 'name'])
        .where('client_id', '=', principalId)
        .where('account_id', '=', accountId)
        .where('kind', '=', 'user')
        .executeTakeFirst();
      if (cred) return { id: cred.client_id, type: 'API_CREDENTIAL', role: cred.role, name: cred.name };
      // users is the people resource's table (migration 0007); read by its documented columns.
      const found = await sql<{ id: string; role: string; email: string }>`select id, role, email from users where id = ${principalId} and account_id = ${accountId}`.execute(trx);
      const user = found.rows[0];
      return user ? { id: user.id, type: 'USER', role: user.role, name: user.email } : undefined;
    },
    /** Removes every grant of a principal (its user or credential was deleted); the projects it was in. */
    async removePrincipal(principalId: string, trx: Db) {
      const projects = await trx.selectFrom('project_members').select('project_id').where('principal_id', '=', principalId).execute();
      await trx.deleteFrom('environment_roles').where('principal_id', '=', principalId).execute();
      await trx.deleteFrom('project_members').where('principal_id', '=', principalId).execute();
      return projects.map((p) => p.project_id);
    },
  };
}
export type MembersRepo = ReturnType<typeof createMembersRepo>;
