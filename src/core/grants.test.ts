import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NEEDS, ENVIRONMENT_ROLES, environmentRoleOf, PROJECT_ROLES, roleFromDefault, type ProjectGrant } from './grants.js';

describe('environment roles from defaultUserAccessLevel (PRODUCT.md)', () => {
  it('maps admin/runner/readOnly/noAccess whatever the project role, and default to the project role', () => {
    for (const p of PROJECT_ROLES) {
      expect(roleFromDefault('admin', p)).toBe('OWNER');
      expect(roleFromDefault('runner', p)).toBe('OPERATOR');
      expect(roleFromDefault('readOnly', p)).toBe('VIEWER');
      expect(roleFromDefault('noAccess', p)).toBe('NONE');
      expect(roleFromDefault('default', p)).toBe(p);
    }
  });
  it('gives nothing for a level it does not know', () => {
    expect(roleFromDefault('superuser', 'OWNER')).toBe('NONE');
  });
  it('an explicit role beats the default; an unknown environment resolves as default', () => {
    const grant: ProjectGrant = {
      role: 'CONTRIBUTOR',
      environments: new Map([
        ['prod', { defaultLevel: 'readOnly', explicit: null }],
        ['dev', { defaultLevel: 'readOnly', explicit: 'OWNER' }],
      ]),
    };
    expect(environmentRoleOf(grant, 'prod')).toBe('VIEWER');
    expect(environmentRoleOf(grant, 'dev')).toBe('OWNER');
    expect(environmentRoleOf(grant, 'later')).toBe('CONTRIBUTOR');
  });
});

describe('environment permission table (src/core/access.ts)', () => {
  it('is monotone: each role allows what every weaker role allows, and NONE allows nothing', () => {
    const order = ['NONE', 'VIEWER', 'OPERATOR', 'CONTRIBUTOR', 'OWNER'] as const;
    expect([...order].sort()).toEqual([...ENVIRONMENT_ROLES].sort());
    for (const roles of Object.values(ENVIRONMENT_NEEDS)) {
      expect(roles).not.toContain('NONE');
      const weakest = Math.min(...roles.map((r) => order.indexOf(r)));
      expect([...roles].sort()).toEqual(order.slice(weakest).slice().sort());
    }
    expect(ENVIRONMENT_NEEDS['environment.delete']).toEqual(['OWNER']);
  });
});
