import { roleFromDefault, type ProjectRole } from '../../core/grants.js';
import type { Actor } from '../../core/policy.js';
import { SCHEMA } from './discovery.js';
import type { BindingRow, ExplicitRoleRow, MembershipRow } from './bindings-store.js';

/**
 * SCIM Groups are derived, never stored: one per project × project role and one per project ×
 * environment × environment role, computed from projects, environments and memberships as they
 * are now. So they appear and disappear with their projects and environments and cannot drift.
 *
 * Ids are readable and decodable, identical on every node and across restarts:
 * `<projectId>.<ROLE>` and `<projectId>.<base64url(environment name)>.<ROLE>` (base64url so any
 * environment name fits in a path segment; no dots in it, so the parts split unambiguously).
 */

export const PROJECT_GROUP_ROLES = ['OWNER', 'CONTRIBUTOR', 'VIEWER'] as const;
export const ENVIRONMENT_GROUP_ROLES = ['OWNER', 'CONTRIBUTOR', 'OPERATOR', 'VIEWER'] as const;
export type EnvironmentGroupRole = (typeof ENVIRONMENT_GROUP_ROLES)[number];

export interface GroupKey {
  projectId: string;
  /** The environment's name; absent on project groups. */
  environment?: string;
  role: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const B64URL = /^[A-Za-z0-9_-]+$/;

export const groupId = (k: GroupKey) =>
  k.environment === undefined ? `${k.projectId}.${k.role}` : `${k.projectId}.${Buffer.from(k.environment, 'utf8').toString('base64url')}.${k.role}`;

/** The binding an id names, or undefined when it is not a group id (a 404, not a 400). */
export function parseGroupId(id: string): GroupKey | undefined {
  const parts = id.split('.');
  const projectId = parts[0]?.toLowerCase() ?? '';
  if (!UUID.test(projectId)) return undefined;
  if (parts.length === 2) {
    return (PROJECT_GROUP_ROLES as readonly string[]).includes(parts[1]!) ? { projectId, role: parts[1]! } : undefined;
  }
  if (parts.length !== 3 || !B64URL.test(parts[1]!) || !(ENVIRONMENT_GROUP_ROLES as readonly string[]).includes(parts[2]!)) return undefined;
  const environment = Buffer.from(parts[1]!, 'base64url').toString('utf8');
  // Only the canonical encoding names the group (one id per binding).
  if (Buffer.from(environment, 'utf8').toString('base64url') !== parts[1]) return undefined;
  return { projectId, environment, role: parts[2]! };
}

export const displayNameOf = (projectName: string, k: Pick<GroupKey, 'environment' | 'role'>) =>
  k.environment === undefined ? `${projectName}/${k.role}` : `${projectName}/${k.environment}/${k.role}`;

/** Work on one request: the caller, and the base URL its `location`s and `ref`s use. */
export interface Call {
  actor: Actor;
  base: string;
}

export interface GroupMember {
  value: string;
  display: string;
  ref: string;
  type: 'USER';
}

export interface ScimGroup {
  schemas: string[];
  id: string;
  displayName: string;
  accountId: string;
  accountName: string;
  projectId: string;
  projectName: string;
  environment?: string;
  role: string;
  members: GroupMember[];
  meta: { resourceType: 'Group'; created: string; lastModified: string; location: string };
}

export interface BindingsSnapshot {
  accountId: string;
  accountName: string;
  bindings: BindingRow[];
  memberships: MembershipRow[];
  explicit: ExplicitRoleRow[];
}

interface ProjectBindings {
  id: string;
  name: string;
  createdAt: string;
  environments: { name: string; defaultLevel: string }[];
}

function projectsOf(rows: BindingRow[]): ProjectBindings[] {
  const out = new Map<string, ProjectBindings>();
  for (const r of rows) {
    let p = out.get(r.project_id);
    if (!p) out.set(r.project_id, (p = { id: r.project_id, name: r.project_name, createdAt: r.project_created_at, environments: [] }));
    if (r.env_name !== null) p.environments.push({ name: r.env_name, defaultLevel: r.env_default ?? 'default' });
  }
  return [...out.values()];
}

/** Every group of the snapshot's projects, in project, environment and role order. */
export function buildGroups(s: BindingsSnapshot, base: string): ScimGroup[] {
  const explicit = new Map(s.explicit.map((e) => [`${e.project_id}\u0000${e.env_name}\u0000${e.principal_id}`, e.role]));
  const member = (m: MembershipRow): GroupMember => ({ value: m.principal_id, display: m.display_name ?? m.email, ref: `${base}/Users/${m.principal_id}`, type: 'USER' });
  const out: ScimGroup[] = [];
  for (const p of projectsOf(s.bindings)) {
    const mine = s.memberships.filter((m) => m.project_id === p.id);
    const group = (key: GroupKey, members: MembershipRow[]): ScimGroup => {
      const id = groupId(key);
      return {
        schemas: [SCHEMA.group, SCHEMA.plinthGroup],
        id,
        displayName: displayNameOf(p.name, key),
        accountId: s.accountId,
        accountName: s.accountName,
        projectId: p.id,
        projectName: p.name,
        ...(key.environment !== undefined ? { environment: key.environment } : {}),
        role: key.role,
        members: members.map(member),
        meta: { resourceType: 'Group', created: p.createdAt, lastModified: p.createdAt, location: `${base}/Groups/${id}` },
      };
    };
    for (const role of PROJECT_GROUP_ROLES) out.push(group({ projectId: p.id, role }, mine.filter((m) => m.role === role)));
    for (const env of p.environments) {
      const roleOf = (m: MembershipRow) => explicit.get(`${p.id}\u0000${env.name}\u0000${m.principal_id}`) ?? roleFromDefault(env.defaultLevel, m.role as ProjectRole);
      for (const role of ENVIRONMENT_GROUP_ROLES) out.push(group({ projectId: p.id, environment: env.name, role }, mine.filter((m) => roleOf(m) === role)));
    }
  }
  return out;
}
