import { describe, expect, it } from 'vitest';
import { buildGroups, groupId, parseGroupId } from './groups.js';

const P = '0190c3a2-0000-7000-8000-000000000001';

describe('SCIM groups derived from bindings', () => {
  it('one group per project role and per environment role, members by their effective role', () => {
    const groups = buildGroups(
      {
        accountId: 'a1',
        accountName: 'Acme',
        bindings: [
          { project_id: P, project_name: 'Sales', project_created_at: '2026-01-01T00:00:00.000Z', env_name: 'dev', env_default: 'runner' },
          { project_id: P, project_name: 'Sales', project_created_at: '2026-01-01T00:00:00.000Z', env_name: 'prod', env_default: 'default' },
        ],
        memberships: [
          { project_id: P, principal_id: 'u1', role: 'VIEWER', email: 'u1@x', display_name: null },
          { project_id: P, principal_id: 'u2', role: 'OWNER', email: 'u2@x', display_name: 'Two' },
        ],
        explicit: [{ project_id: P, principal_id: 'u2', env_name: 'prod', role: 'NONE' }],
      },
      'https://h/scim',
    );
    expect(groups.map((g) => g.displayName)).toEqual([
      'Sales/OWNER', 'Sales/CONTRIBUTOR', 'Sales/VIEWER',
      'Sales/dev/OWNER', 'Sales/dev/CONTRIBUTOR', 'Sales/dev/OPERATOR', 'Sales/dev/VIEWER',
      'Sales/prod/OWNER', 'Sales/prod/CONTRIBUTOR', 'Sales/prod/OPERATOR', 'Sales/prod/VIEWER',
    ]);
    const members = Object.fromEntries(groups.map((g) => [g.displayName, g.members.map((m) => m.value)]));
    expect(members['Sales/OWNER']).toEqual(['u2']);
    expect(members['Sales/VIEWER']).toEqual(['u1']);
    expect(members['Sales/dev/OPERATOR']).toEqual(['u1', 'u2']); // runner → OPERATOR for everyone on the default
    expect(members['Sales/prod/VIEWER']).toEqual(['u1']); // default → named like the project role
    expect(members['Sales/prod/OWNER']).toEqual([]); // u2 is explicitly NONE there
    expect(groups[0]).toMatchObject({ id: `${P}.OWNER`, accountName: 'Acme', projectId: P, role: 'OWNER', members: [{ value: 'u2', display: 'Two', ref: 'https://h/scim/Users/u2', type: 'USER' }] });
    expect(groups[0]).not.toHaveProperty('environment');
  });

  it('ids decode to their binding; anything else is no group', () => {
    expect(parseGroupId(groupId({ projectId: P, environment: 'a.b/c d', role: 'OPERATOR' }))).toEqual({ projectId: P, environment: 'a.b/c d', role: 'OPERATOR' });
    expect(parseGroupId(`${P.toUpperCase()}.VIEWER`)).toEqual({ projectId: P, role: 'VIEWER' });
    for (const bad of ['', 'x', `${P}.OPERATOR`, `${P}.ZGV2.NONE`, `${P}.ZGV2=.OWNER`, `${P}.a.b.OWNER`, `${P}.owner`]) expect(parseGroupId(bad), bad).toBeUndefined();
  });
});
