import type { ProjectAccess } from '../../core/access.js';
import type { Audit, SystemActor } from '../../core/audit.js';
import type { Db } from '../../core/db/db.js';
import { badRequest, invalid, notFound, type Violation } from '../../core/errors.js';
import { roleFromDefault, type EnvironmentRole, type ProjectRole } from '../../core/grants.js';
import type { CredentialChanges } from '../../core/identity/credential-cache.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import type { Actor } from '../../core/policy.js';
import type { MemberRow, MembersRepo, PrincipalRow } from './store.js';

/**
 * Project membership (issue 13): who holds which project role and which explicit environment
 * roles. Every change runs through `CredentialChanges` naming the principals it changed, so their
 * cached grants are dropped on this node at once and on the others by the change notice (see
 * src/core/identity/credential-cache.ts for the bound).
 *
 * Managing members needs the project's OWNER role (or Super Admin): the policy's
 * `projects.delete` permission, which only OWNER holds.
 */

export interface PutMemberInput {
  role: ProjectRole;
  environmentRoles?: Record<string, EnvironmentRole>;
}

export interface MemberView {
  principalId: string;
  principalType: string;
  role: string;
  environmentRoles: Record<string, string>;
  explicitEnvironmentRoles: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export interface MembersDeps {
  db: Db;
  members: MembersRepo;
  projects: ProjectAccess;
  changes: Pick<CredentialChanges, 'run'>;
  audit: Audit;
  clock: () => Date;
}

type EnvironmentInfo = { id: string; name: string; default_user_access_level: string };
type Explicit = { principal_id: string; role: string; name: string }[];

function memberView(m: MemberRow, envs: EnvironmentInfo[], explicit: Explicit): MemberView {
  const mine = new Map(explicit.filter((e) => e.principal_id === m.principal_id).map((e) => [e.name, e.role]));
  const environmentRoles: Record<string, string> = {};
  for (const e of envs) environmentRoles[e.name] = mine.get(e.name) ?? roleFromDefault(e.default_user_access_level, m.role as ProjectRole);
  return {
    principalId: m.principal_id,
    principalType: m.principal_type,
    role: m.role,
    environmentRoles,
    explicitEnvironmentRoles: Object.fromEntries(mine),
    createdAt: m.created_at,
    updatedAt: m.updated_at,
  };
}

async function requirePrincipal(d: Pick<MembersDeps, 'members'>, accountId: string, principalId: string, trx?: Db) {
  const p = await d.members.principal(accountId, principalId, trx);
  if (!p) throw notFound(`No user or API credential "${principalId}" in this account`, [{ field: 'principalId', rule: 'must be a user id or the client id of an API credential of the account' }]);
  return p;
}

/** Environment names must be the project's; a Super Admin can only be OWNER (it is anyway). */
function checkPut(principal: PrincipalRow, envs: EnvironmentInfo[], input: PutMemberInput) {
  const names = new Set(envs.map((e) => e.name));
  const v: Violation[] = [];
  const superAdmin = principal.role === 'SUPER_ADMIN';
  if (superAdmin && input.role !== 'OWNER') v.push({ field: 'role', rule: 'a Super Admin is implicitly OWNER of every project; it can only be given OWNER' });
  for (const [name, role] of Object.entries(input.environmentRoles ?? {})) {
    if (!names.has(name)) v.push({ field: `environmentRoles.${name}`, rule: `must name an environment of the project (there is no environment "${name}")` });
    else if (superAdmin && role !== 'OWNER') v.push({ field: `environmentRoles.${name}`, rule: 'a Super Admin is implicitly OWNER of every environment; it can only be given OWNER' });
  }
  if (v.length) throw badRequest(v);
}

/** Writes a member's grant in `trx` and records what changed. */
async function writeMember(d: MembersDeps, trx: Db, actor: Actor | SystemActor, projectId: string, principal: PrincipalRow, envs: EnvironmentInfo[], input: PutMemberInput) {
  const now = d.clock().toISOString();
  const before = await d.members.find(projectId, principal.id, trx);
  const row: MemberRow = { project_id: projectId, principal_id: principal.id, principal_type: principal.type, role: input.role, created_at: before?.created_at ?? now, updated_at: now };
  await d.members.upsert(row, trx);
  const beforeExplicit = before ? await d.members.explicitRoles(projectId, [principal.id], trx) : [];
  await d.members.clearEnvironmentRoles(projectId, principal.id, trx);
  const byName = new Map(envs.map((e) => [e.name, e.id]));
  for (const [name, role] of Object.entries(input.environmentRoles ?? {})) {
    await d.members.setEnvironmentRole({ project_id: projectId, environment_id: byName.get(name)!, principal_id: principal.id, role, now }, trx);
  }
  const subject = { subjectType: 'MEMBER', subjectId: principal.id, subjectName: principal.name, projectId };
  const info = { principalType: principal.type, role: input.role };
  if (!before) await d.audit.record(trx, actor, { eventName: 'member_added', eventType: 'CREATE', description: 'Project member added', ...subject, additionalInfo: info });
  else if (before.role !== input.role) {
    await d.audit.record(trx, actor, { eventName: 'member_role_changed', eventType: 'UPDATE', description: 'Project member role changed', ...subject, additionalInfo: { ...info, previousRole: before.role } });
  }
  const was = Object.fromEntries(beforeExplicit.map((e) => [e.name, e.role]));
  const now_ = input.environmentRoles ?? {};
  if (JSON.stringify(Object.entries(was).sort()) !== JSON.stringify(Object.entries(now_).sort())) {
    await d.audit.record(trx, actor, {
      eventName: 'member_environment_roles_changed',
      eventType: 'UPDATE',
      description: 'Project member environment roles changed',
      ...subject,
      additionalInfo: { environmentRoles: now_, previousEnvironmentRoles: was },
    });
  }
  return row;
}

async function putMember(d: MembersDeps, actor: Actor, projectId: string, principalId: string, input: PutMemberInput) {
  await d.projects.require(actor, projectId, 'projects.delete');
  const principal = await requirePrincipal(d, actor.accountId, principalId);
  const envs = await d.members.environments(projectId);
  checkPut(principal, envs, input);
  const row = await d.changes.run(async (trx) => ({ clientIds: [principal.id], result: await writeMember(d, trx, actor, projectId, principal, envs, input) }));
  const explicit = await d.members.explicitRoles(projectId, [principal.id]);
  return memberView(row, envs, explicit);
}

async function removeMember(d: MembersDeps, actor: Actor | SystemActor, projectId: string, principalId: string) {
  await d.changes.run(async (trx) => {
    const before = await d.members.find(projectId, principalId, trx);
    if (!before || !(await d.members.delete(projectId, principalId, trx))) {
      throw notFound(`"${principalId}" is not a member of project ${projectId}`, [{ field: 'principalId', rule: 'must be a member of the project' }]);
    }
    await d.audit.record(trx, actor, {
      eventName: 'member_removed',
      eventType: 'DELETE',
      description: 'Project member removed',
      subjectType: 'MEMBER',
      subjectId: principalId,
      subjectName: principalId,
      projectId,
      additionalInfo: { principalType: before.principal_type, role: before.role },
    });
    return { clientIds: [principalId], result: undefined };
  });
}

async function listMembers(d: MembersDeps, actor: Actor, projectId: string, q: PageQuery) {
  await d.projects.require(actor, projectId, 'projects.read');
  const w = pageWindow(q);
  const { rows, total } = await d.members.page(projectId, w.offset, w.limit);
  const [envs, explicit] = await Promise.all([d.members.environments(projectId), d.members.explicitRoles(projectId, rows.map((r) => r.principal_id))]);
  return toPage(w, total, rows, (r) => memberView(r, envs, explicit));
}

/**
 * Grants made in-process (SCIM groups): one transaction for any number of changes, whose
 * principals' cached grants are dropped once it commits. No permission check: the caller
 * decided. `trx` is the transaction, for the caller's own writes and audit events.
 */
export interface GrantWriter {
  trx: Db;
  /** Adds the principal or changes its project role, keeping its explicit environment roles. */
  grantProjectRole(projectId: string, principalId: string, role: ProjectRole): Promise<void>;
  /** Removes the principal from the project (and its explicit environment roles); false if it was not a member. */
  revokeProjectRole(projectId: string, principalId: string): Promise<boolean>;
  /** Sets an explicit environment role. The principal needs a project role to see the project. */
  setEnvironmentRole(projectId: string, environmentName: string, principalId: string, role: EnvironmentRole): Promise<void>;
  /** Puts the principal back on the environment's default; false if it had no explicit role. */
  clearEnvironmentRole(projectId: string, environmentName: string, principalId: string): Promise<boolean>;
}

function grantWriter(d: MembersDeps, trx: Db, actor: Actor | SystemActor, touched: Set<string>): GrantWriter {
  const env = async (projectId: string, name: string) => {
    const e = (await d.members.environments(projectId, trx)).find((x) => x.name === name);
    if (!e) throw invalid('environment', `project ${projectId} has no environment "${name}"`);
    return e;
  };
  return {
    trx,
    async grantProjectRole(projectId, principalId, role) {
      const principal = await requirePrincipal(d, actor.accountId, principalId, trx);
      const before = await d.members.find(projectId, principalId, trx);
      const explicit = before ? await d.members.explicitRoles(projectId, [principalId], trx) : [];
      const envs = await d.members.environments(projectId, trx);
      const environmentRoles = Object.fromEntries(explicit.map((e) => [e.name, e.role as EnvironmentRole]));
      await writeMember(d, trx, actor, projectId, principal, envs, { role, environmentRoles });
      touched.add(principalId);
    },
    async revokeProjectRole(projectId, principalId) {
      const before = await d.members.find(projectId, principalId, trx);
      if (!before) return false;
      await d.members.delete(projectId, principalId, trx);
      await d.audit.record(trx, actor, { eventName: 'member_removed', eventType: 'DELETE', description: 'Project member removed', subjectType: 'MEMBER', subjectId: principalId, subjectName: principalId, projectId, additionalInfo: { principalType: before.principal_type, role: before.role } });
      touched.add(principalId);
      return true;
    },
    async setEnvironmentRole(projectId, environmentName, principalId, role) {
      const e = await env(projectId, environmentName);
      await d.members.setEnvironmentRole({ project_id: projectId, environment_id: e.id, principal_id: principalId, role, now: d.clock().toISOString() }, trx);
      await d.audit.record(trx, actor, { eventName: 'member_environment_role_changed', eventType: 'UPDATE', description: 'Environment role set', subjectType: 'MEMBER', subjectId: principalId, subjectName: principalId, projectId, additionalInfo: { environment: environmentName, role } });
      touched.add(principalId);
    },
    async clearEnvironmentRole(projectId, environmentName, principalId) {
      const e = await env(projectId, environmentName);
      const done = await d.members.clearEnvironmentRole(e.id, principalId, trx);
      if (done) {
        await d.audit.record(trx, actor, { eventName: 'member_environment_role_changed', eventType: 'UPDATE', description: 'Environment role cleared (back on the default)', subjectType: 'MEMBER', subjectId: principalId, subjectName: principalId, projectId, additionalInfo: { environment: environmentName, role: null } });
        touched.add(principalId);
      }
      return done;
    },
  };
}

export function createMembersService(d: MembersDeps) {
  return {
    list: (actor: Actor, projectId: string, q: PageQuery) => listMembers(d, actor, projectId, q),
    put: (actor: Actor, projectId: string, principalId: string, input: PutMemberInput) => putMember(d, actor, projectId, principalId, input),
    async remove(actor: Actor, projectId: string, principalId: string) {
      await d.projects.require(actor, projectId, 'projects.delete');
      await removeMember(d, actor, projectId, principalId);
    },

    // In-process (SCIM, users): no permission check, the caller decided.
    /** Runs `work` in one transaction; every principal it changed is evicted from the grant caches. */
    async withGrants<T>(actor: Actor | SystemActor, work: (g: GrantWriter) => Promise<T>): Promise<T> {
      return d.changes.run(async (trx) => {
        const touched = new Set<string>();
        const result = await work(grantWriter(d, trx, actor, touched));
        return { clientIds: [...touched], result };
      });
    },
    /** Every member of a project with its resolved and explicit environment roles. */
    async members(projectId: string, trx?: Db): Promise<MemberView[]> {
      const rows = await d.members.page(projectId, 0, 1_000_000);
      const [envs, explicit] = await Promise.all([d.members.environments(projectId, trx), d.members.explicitRoles(projectId, rows.rows.map((r) => r.principal_id), trx)]);
      return rows.rows.map((r) => memberView(r, envs, explicit));
    },
    /** A principal's memberships: project id, project role and explicit environment roles by name. */
    async grantsOf(principalId: string, trx?: Db) {
      const rows = await d.members.ofPrincipal(principalId, trx);
      return Promise.all(
        rows.map(async (m) => {
          const explicit = await d.members.explicitRoles(m.project_id, [principalId], trx);
          return { projectId: m.project_id, role: m.role as ProjectRole, environmentRoles: Object.fromEntries(explicit.map((e) => [e.name, e.role as EnvironmentRole])) };
        }),
      );
    },
    /**
     * Removes every grant of a principal inside the caller's transaction (its user or credential
     * is being deleted); returns the principal id to announce (the caller's transaction must go
     * through `CredentialChanges`, e.g. `credentialChanges.run`).
     */
    async removePrincipal(trx: Db, principalId: string) {
      await d.members.removePrincipal(principalId, trx);
      return [principalId];
    },
  };
}
export type MembersService = ReturnType<typeof createMembersService>;
