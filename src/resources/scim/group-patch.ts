import type { EnvironmentRole, ProjectRole } from '../../core/grants.js';
import { matches, propertyOf } from './filter.js';
import type { Call, ScimGroup } from './groups.js';
import type { NormalOp } from './patch.js';
import { invalidPath, invalidValue, mutability } from './scim-error.js';
import type { MembersService } from '../members/service.js';
import type { UsersService } from '../users/service.js';
import type { BindingsReader } from './bindings-store.js';

/**
 * A Group PATCH as membership changes. The ops are applied in order to the group's member set
 * (Entra: `Add`/`Remove` with `path: members` and `value: [{value}]`; Okta: `remove` with
 * `members[value eq "…"]`, `replace` with `{members: [...]}`), then the difference is written
 * as grants in one transaction (`members.withGrants`):
 * - project group: joining grants that project role (a user holds one project role, so it
 *   leaves the project's other role groups); leaving removes the user from the project;
 * - environment group: joining sets that environment role (a user that is not yet a member of
 *   the project joins it as VIEWER first); leaving sets the environment role to NONE.
 * Other attributes are Plinth's: a replace with their current value is accepted (Okta sends
 * `{id, displayName}` with its changes), any other change is 400 mutability.
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function memberIds(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((m, i) => {
    const id = isObject(m) ? propertyOf(m, 'value') : undefined;
    if (typeof id !== 'string' || id === '') throw invalidValue(`${where}[${i}].value must be a user id`);
    return id;
  });
}

function readOnlyAttr(group: ScimGroup, op: NormalOp) {
  const attr = op.path!.attr;
  if (['schemas', 'meta'].includes(attr) && op.fromValue) return;
  const current = propertyOf(group, attr);
  if (op.op !== 'remove' && !op.path!.sub && !op.path!.filter && current !== undefined && JSON.stringify(current) === JSON.stringify(op.value)) return;
  throw mutability(`${attr} is read-only on Plinth's groups; only members change`);
}

/** The member ids the ops leave in the group. */
export function desiredMembers(group: ScimGroup, ops: readonly NormalOp[]): Set<string> {
  const set = new Set(group.members.map((m) => m.value));
  for (const op of ops) {
    const p = op.path!;
    if (p.attr !== 'members') {
      readOnlyAttr(group, op);
      continue;
    }
    if (p.sub) throw invalidPath('members sub-attributes cannot be changed');
    if (p.filter) {
      if (op.op !== 'remove') throw invalidPath('A members filter applies to remove only; add members with path "members"');
      for (const id of [...set]) if (matches({ value: id, type: 'USER' }, p.filter)) set.delete(id);
      continue;
    }
    if (op.op === 'remove' && op.value === undefined) set.clear();
    else if (op.op === 'remove') for (const id of memberIds(op.value, 'value')) set.delete(id);
    else {
      const ids = op.value === null ? [] : memberIds(op.value, 'value');
      if (op.op === 'replace') set.clear();
      for (const id of ids) set.add(id);
    }
  }
  return set;
}

export interface GroupPatchDeps {
  users: Pick<UsersService, 'directory'>;
  members: Pick<MembersService, 'withGrants'>;
  reader: Pick<BindingsReader, 'memberships'>;
}

export function createGroupPatcher(d: GroupPatchDeps) {
  return async function patchGroup(call: Call, group: ScimGroup, ops: readonly NormalOp[]) {
    const want = desiredMembers(group, ops);
    const had = new Set(group.members.map((m) => m.value));
    const joining = [...want].filter((id) => !had.has(id));
    const leaving = [...had].filter((id) => !want.has(id));
    for (const id of joining) {
      if (!(await d.users.directory.find(call.actor.accountId, id))) throw invalidValue(`members: "${id}" is not a user of this account`);
    }
    if (joining.length === 0 && leaving.length === 0) return;
    const memberships = new Map((await d.reader.memberships(call.actor.accountId, { projectIds: [group.projectId] })).map((m) => [m.principal_id, m.role]));
    await d.members.withGrants(call.actor, async (g) => {
      if (group.environment === undefined) {
        for (const id of joining) await g.grantProjectRole(group.projectId, id, group.role as ProjectRole);
        for (const id of leaving) await g.revokeProjectRole(group.projectId, id);
        return;
      }
      for (const id of joining) {
        if (!memberships.has(id)) await g.grantProjectRole(group.projectId, id, 'VIEWER');
        await g.setEnvironmentRole(group.projectId, group.environment, id, group.role as EnvironmentRole);
      }
      for (const id of leaving) await g.setEnvironmentRole(group.projectId, group.environment, id, 'NONE');
    });
  };
}
