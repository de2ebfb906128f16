/** The plan computed from a file and a server state, without a server: the rules for the SaaS, secrets and deletions. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computePlan, diffValues, isPending } from '../../src/cli/diff.js';
import { paint } from '../../src/cli/output.js';
import { renderPlan } from '../../src/cli/plan.js';
import { parseSpec } from '../../src/cli/spec.js';
import { UNKNOWN, type ActualState } from '../../src/cli/state.js';
import { ROOT } from './helpers.js';

const spec = parseSpec(readFileSync(path.join(ROOT, 'examples/cli/project.yaml'), 'utf8'));
const PID = '11111111-1111-4111-8111-111111111111';
const HOSTED = '22222222-2222-4222-8222-222222222222';

function state(over: Partial<ActualState> = {}): ActualState {
  return {
    project: { id: PID, name: 'analytics', description: 'Analytics on Snowflake', warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' },
    agents: [{ agentId: HOSTED, hosted: true, projectId: PID, name: 'hosted' } as any],
    agentsReadable: true,
    hostedAgent: { agentId: HOSTED, hosted: true, projectId: PID, name: 'hosted' } as any,
    secrets: [],
    secretReferences: [],
    connections: [],
    environments: [],
    overrides: new Map(),
    repository: undefined,
    ...over,
  };
}

describe('plan rules', () => {
  it('against a server without the Plinth extensions (the SaaS), unreadable resources are "unknown", created unless present', () => {
    const plan = computePlan(spec, state({ secrets: UNKNOWN, secretReferences: UNKNOWN, repository: UNKNOWN }));
    const byKind = (k: string) => plan.changes.filter((c) => c.kind === k).map((c) => c.action);
    expect(byKind('secret')).toEqual(['unknown', 'unknown']);
    expect(byKind('secret-reference')).toEqual(['unknown']);
    expect(byKind('repository')).toEqual(['unknown']);
    expect(plan.changes.some(isPending)).toBe(true);
  });

  it('secret values are not compared unless forced; a changed key replaces the secret', () => {
    const secrets = [
      { name: 'snowflake-key', type: 'DWH_PASSWORD', key: 'privateKey', agentId: HOSTED, createdAt: '', updatedAt: '' },
      { name: 'aws-credentials', type: 'CLOUD_PROVIDER_SECRET', key: 'other', agentId: HOSTED, createdAt: '', updatedAt: '' },
    ] as any;
    const plan = computePlan(spec, state({ secrets }));
    expect(plan.changes.filter((c) => c.kind === 'secret').map((c) => [c.name, c.action])).toEqual([
      ['snowflake-key', 'unchanged'],
      ['aws-credentials', 'replace'],
    ]);
    const forced = computePlan(spec, state({ secrets }), { forceSecrets: true });
    expect(forced.changes.find((c) => c.name === 'snowflake-key')!.action).toBe('replace');
  });

  it('what the file does not declare is kept, and deleted only with --allow-delete', () => {
    const extra = { secretReferences: [{ name: 'old', agentType: 'AWS', secretReferenceType: 'PASSWORD', secretName: 'x', createdAt: '' }] as any };
    const kept = computePlan(spec, state(extra));
    expect(kept.unmanaged).toEqual([{ kind: 'secret-reference', name: 'old' }]);
    expect(kept.changes.some((c) => c.action === 'delete')).toBe(false);
    const pruned = computePlan(spec, state(extra), { allowDelete: true });
    expect(pruned.changes.at(-1)).toMatchObject({ kind: 'secret-reference', name: 'old', action: 'delete' });
  });

  it('a changed project field replaces the project and recreates everything in it', () => {
    const plan = computePlan(spec, state({ project: { ...state().project!, description: 'old' } }));
    expect(plan.changes[0]).toMatchObject({ kind: 'project', action: 'replace', fields: [{ path: 'description', from: 'old', to: 'Analytics on Snowflake' }] });
    expect(plan.changes.slice(1).every((c) => c.action === 'create')).toBe(true);
  });

  it('diffs name leaf paths; absent and null are the same', () => {
    expect(diffValues({ a: { b: 1, c: null }, d: [1] }, { a: { b: 2 }, d: [1] })).toEqual([{ path: 'a.b', from: 1, to: 2 }]);
  });

  it('renders coloured only when asked', () => {
    const plan = computePlan(spec, state());
    expect(renderPlan(plan, paint(false))).not.toContain('\x1b[');
    expect(renderPlan(plan, paint(true))).toContain('\x1b[32m+ create');
  });
});
