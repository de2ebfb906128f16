import type { ProjectAccess } from '../../core/access.js';
import type { Actor, Policy } from '../../core/policy.js';
import type { UserRecord, UsersService } from '../users/service.js';
import { matches, parseFilter, requiredEquality, type Filter } from './filter.js';
import { buildGroups, parseGroupId, type Call, type ScimGroup } from './groups.js';
import { listResponse, type Window } from './list.js';
import { applyToDocument, normalisePatch, type NormalOp } from './patch.js';
import { invalidPath, scimNotFound } from './scim-error.js';
import type { BindingsReader } from './bindings-store.js';
import { changeOf, checkWritable, documentOf, incomingDocument, scimUserOf, userRules, type UserGroupRef } from './user-doc.js';
import { createGroupPatcher } from './group-patch.js';
import type { MembersService } from '../members/service.js';

/**
 * SCIM Users and Groups over Plinth's own services: users are `users.directory` (the same users
 * as /v1/users, with its invariants, audit events and cache eviction), group membership changes
 * are `members.withGrants` (grants in one transaction). Groups are read from `BindingsReader`.
 * Callers reach this through routes that already required `users.manage` (or a SCIM secret).
 */

export const USERS_PERMISSION = 'users.manage' as const;

export interface ScimDeps {
  users: Pick<UsersService, 'directory'>;
  members: Pick<MembersService, 'withGrants'>;
  access: ProjectAccess;
  policy: Pick<Policy, 'assert' | 'seesAllProjects' | 'grantedProjectIds'>;
  reader: BindingsReader;
}

export interface ListQuery {
  filter?: string;
  window: Window;
  excluded: Set<string>;
}

export type { Call };

async function visibleProjects(d: ScimDeps, actor: Actor): Promise<readonly string[] | undefined> {
  return d.policy.seesAllProjects(actor) ? undefined : d.policy.grantedProjectIds(actor);
}

/**
 * The groups of the account the caller may see, built from the read model: all of them, one
 * project's, or (with `principalIds`) those of the projects these users are members of, listing
 * only them as members (for `groups` on Users).
 */
export async function groupsOf(d: ScimDeps, call: Call, only?: { projectId?: string; principalIds?: readonly string[] }): Promise<ScimGroup[]> {
  const { actor } = call;
  let projectIds = await visibleProjects(d, actor);
  if (only?.projectId) projectIds = projectIds ? projectIds.filter((p) => p === only.projectId) : [only.projectId];
  const principals = only?.principalIds ? { principalIds: only.principalIds } : {};
  const memberships = await d.reader.memberships(actor.accountId, { ...(projectIds ? { projectIds } : {}), ...principals });
  if (only?.principalIds) projectIds = [...new Set(memberships.map((m) => m.project_id))];
  const [accountName, bindings, explicit] = await Promise.all([
    d.reader.accountName(actor.accountId),
    d.reader.bindings(actor.accountId, projectIds),
    d.reader.explicitRoles(actor.accountId, { ...(projectIds ? { projectIds } : {}), ...principals }),
  ]);
  return buildGroups({ accountId: actor.accountId, accountName, bindings, memberships, explicit }, call.base);
}

/** The groups of these users (`groups` on a User): user id → its bindings. */
async function groupIndex(d: ScimDeps, call: Call, principalIds: readonly string[]): Promise<Map<string, UserGroupRef[]>> {
  const out = new Map<string, UserGroupRef[]>();
  if (principalIds.length === 0) return out;
  // Many users (a filter that no index narrows): the whole account's groups rather than a huge IN list.
  for (const g of await groupsOf(d, call, principalIds.length <= 500 ? { principalIds } : undefined)) {
    for (const m of g.members) {
      let list = out.get(m.value);
      if (!list) out.set(m.value, (list = []));
      list.push({ value: g.id, display: g.displayName, ref: g.meta.location, type: 'DIRECT' });
    }
  }
  return out;
}

function createUsers(d: ScimDeps) {
  const dir = d.users.directory;
  const serve = async (call: Call, u: UserRecord, excluded = new Set<string>()) => {
    const groups = excluded.has('groups') ? undefined : ((await groupIndex(d, call, [u.userId])).get(u.userId) ?? []);
    return scimUserOf(u, groups, call.base);
  };
  const found = async (call: Call, id: string) => {
    const u = await dir.find(call.actor.accountId, id);
    if (!u) throw scimNotFound(`User ${id} not found`);
    return u;
  };

  /** Users matching the filter: narrowed by an index when the filter pins id, userName or externalId. */
  async function filtered(call: Call, filter: Filter, excluded: Set<string>) {
    const id = requiredEquality(filter, 'id');
    const email = requiredEquality(filter, 'username');
    const externalId = email === undefined ? requiredEquality(filter, 'externalid') : undefined;
    const rows =
      id !== undefined
        ? [await dir.find(call.actor.accountId, id)].filter((u): u is UserRecord => u !== undefined)
        : (await dir.list(call.actor.accountId, { offset: 0, limit: Number.MAX_SAFE_INTEGER, ...(email !== undefined ? { email } : {}), ...(externalId !== undefined ? { externalId } : {}) })).rows;
    const groups = excluded.has('groups') ? undefined : await groupIndex(d, call, rows.map((u) => u.userId));
    return rows.map((u) => scimUserOf(u, groups ? (groups.get(u.userId) ?? []) : undefined, call.base)).filter((u) => matches(u, filter));
  }

  return {
    async list(call: Call, q: ListQuery) {
      d.policy.assert(call.actor, USERS_PERMISSION);
      if (q.filter !== undefined) return listResponse(await filtered(call, parseFilter(q.filter), q.excluded), q.window);
      const { window: w } = q;
      const { rows, total } = await dir.list(call.actor.accountId, { offset: w.startIndex - 1, limit: w.count });
      const groups = q.excluded.has('groups') ? undefined : await groupIndex(d, call, rows.map((u) => u.userId));
      const page = rows.map((u) => scimUserOf(u, groups ? (groups.get(u.userId) ?? []) : undefined, call.base));
      return { ...listResponse(page, { startIndex: 1, count: w.count }), totalResults: total, startIndex: w.startIndex };
    },
    async get(call: Call, id: string, excluded?: Set<string>) {
      d.policy.assert(call.actor, USERS_PERMISSION);
      return serve(call, await found(call, id), excluded);
    },
    async create(call: Call, body: unknown) {
      d.policy.assert(call.actor, USERS_PERMISSION);
      const change = changeOf(incomingDocument(body));
      const u = await dir.create(call.actor, call.actor.accountId, change);
      return serve(call, u);
    },
    async replace(call: Call, id: string, body: unknown) {
      d.policy.assert(call.actor, USERS_PERMISSION);
      await found(call, id);
      const u = await dir.update(call.actor, call.actor.accountId, id, changeOf(incomingDocument(body)));
      return serve(call, u);
    },
    async patch(call: Call, id: string, body: unknown) {
      d.policy.assert(call.actor, USERS_PERMISSION);
      const ops = writableOps(normalisePatch(body));
      const before = await found(call, id);
      const doc = applyToDocument(documentOf(before), ops, userRules);
      const u = await dir.update(call.actor, call.actor.accountId, id, changeOf(doc));
      return serve(call, u);
    },
    async remove(call: Call, id: string) {
      d.policy.assert(call.actor, USERS_PERMISSION);
      await found(call, id);
      await dir.remove(call.actor, call.actor.accountId, id);
    },
  };
}

const KNOWN_USER_ATTRS = new Set(['password', 'externalid', 'username', 'displayname', 'nickname', 'profileurl', 'title', 'usertype', 'preferredlanguage', 'locale', 'timezone', 'name', 'active', 'emails', 'phonenumbers', 'ims', 'photos', 'addresses', 'entitlements', 'roles', 'x509certificates']);

/** Read-only attributes in a path-less value and `password` are dropped; a path to one is 400 mutability, to an unknown attribute 400 invalidPath. */
function writableOps(ops: NormalOp[]): NormalOp[] {
  return ops.filter((op) => {
    const p = op.path!;
    if (checkWritable(p.attr, p.schema, op.fromValue === true, op.op) === 'ignore') return false;
    const core = p.schema === undefined || userRules.extensionKey(p.schema) === null;
    if (core && !KNOWN_USER_ATTRS.has(p.attr)) {
      if (op.fromValue) return false;
      throw invalidPath(`The User schema has no attribute "${p.attr}"`);
    }
    return true;
  });
}

function createGroups(d: ScimDeps) {
  const one = async (call: Call, id: string) => {
    const key = parseGroupId(id);
    const g = key && (await groupsOf(d, call, { projectId: key.projectId })).find((x) => x.id === id);
    if (!g) throw scimNotFound(`Group ${id} not found`);
    return g;
  };
  const strip = (g: ScimGroup, excluded: Set<string>) => (excluded.has('members') ? (({ members: _m, ...rest }) => rest)(g) : g);
  const patcher = createGroupPatcher(d);
  return {
    async list(call: Call, q: ListQuery) {
      d.policy.assert(call.actor, USERS_PERMISSION);
      const filter = q.filter === undefined ? undefined : parseFilter(q.filter);
      const id = filter && requiredEquality(filter, 'id');
      const key = id === undefined ? undefined : parseGroupId(id);
      if (id !== undefined && !key) return listResponse([], q.window);
      let all = await groupsOf(d, call, key ? { projectId: key.projectId } : undefined);
      if (filter) all = all.filter((g) => matches(g, filter));
      return listResponse(all.map((g) => strip(g, q.excluded)), q.window);
    },
    async get(call: Call, id: string, excluded = new Set<string>()) {
      d.policy.assert(call.actor, USERS_PERMISSION);
      return strip(await one(call, id), excluded);
    },
    async patch(call: Call, id: string, body: unknown) {
      d.policy.assert(call.actor, USERS_PERMISSION);
      const ops = normalisePatch(body);
      const group = await one(call, id);
      await d.access.require(call.actor, group.projectId, 'projects.delete');
      await patcher(call, group, ops);
      return one(call, id);
    },
  };
}

export function createScimService(d: ScimDeps) {
  return { users: createUsers(d), groups: createGroups(d) };
}
export type ScimService = ReturnType<typeof createScimService>;
