import { beforeAll, expect, it } from 'vitest';
import { ENVIRONMENT_NEEDS, ENVIRONMENT_ROLES, PROJECT_ROLES, type ProjectRole } from '../../src/core/grants.js';
import { createPolicy, ROLES, type Permission, type Role } from '../../src/core/policy.js';
import { loadContract } from '../../src/resources/index.js';
import { describeEachDb } from '../helpers/app.js';
import { credential, ok, projectWithEnvironments } from '../helpers/access.js';
import { adminPost, agentBody, basic, ENV, fakeId, MATRIX, P, regrant, type Caller, type Fx, type Need, type ProjectPermission } from '../helpers/permission-matrix-entries.js';
import { tfPostgresToSnowflake } from '../helpers/streaming.js';

/**
 * The permission matrix (issue 13 point 5) as one table: every operation of the served contract
 * (public ones and the instance's own operator surfaces excepted, below) has an entry naming the
 * permission it needs — account-level (the policy's role table), project-level (the caller's
 * project role) or environment-level (the caller's role in that environment) — and a request
 * factory. Each operation is called as every account role × project role (none, VIEWER,
 * CONTRIBUTOR, OWNER) and, for environment operations, × environment role, and must answer:
 * - 404 when it needs a project the caller is not a member of (Super Admins see everything);
 * - 403 when the caller sees the project but its role does not allow the operation, or when its
 *   account role does not (account permissions);
 * - otherwise 2xx, or a validation/conflict answer (400/409/410/422) that is not 401/403/404.
 * An operation without an entry fails the test: a new operation must say what it needs.
 *
 * `partial` entries (operations whose valid requests need fixtures of other resources this test
 * does not build: users, invitations, executions, artifacts) call a target that does not exist:
 * they check every denial, and for allowed callers only that the answer is not 401/403.
 *
 * The table (MATRIX) is in test/helpers/permission-matrix-entries.ts; this file runs it.
 */

async function answerWithin<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)));
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Instance surfaces that are not role-governed: unauthenticated, the operator controls, the console's cookie session. */
const EXCLUDED: Record<string, string> = {
  healthz: 'public',
  readyz: 'public',
  jwks: 'public',
  issueToken: 'public (client authentication, not a bearer token)',
  acceptInvitation: 'public (the invitation token is the credential)',
  getMetrics: 'public',
  consoleSignIn: 'console cookie session (email and password)',
  consoleSession: 'console cookie session',
  consoleSignOut: 'console cookie session',
};
const isControl = (path: string) => path.startsWith('/plinth/controls');


const accountAllows = (role: Role, permission: Permission) => createPolicy().allows({ accountId: 'a', clientId: 'c', role, kind: 'user' }, permission);

/** What the caller must get: 'ok' (allowed), 403 or 404. */
function expected(need: Need, who: Caller): 'ok' | 403 | 404 {
  if ('account' in need) return accountAllows(who.role, need.account) ? 'ok' : 403;
  if (who.role === 'SUPER_ADMIN') return 'ok';
  if (!who.projectRole) return 404;
  if ('project' in need) {
    const needs: Record<ProjectPermission, readonly ProjectRole[]> = { 'projects.read': PROJECT_ROLES, 'projects.write': ['OWNER', 'CONTRIBUTOR'], 'projects.delete': ['OWNER'] };
    return needs[need.project].includes(who.projectRole) ? 'ok' : 403;
  }
  return ENVIRONMENT_NEEDS[need.env].includes(who.envRole!) ? 'ok' : 403;
}

describeEachDb('permission matrix', (t) => {
  let fx: Fx;
  const callers: Caller[] = [];

  beforeAll(async () => {
    const admin = await t().adminToken();
    const { projectId, agentId } = await projectWithEnvironments(t(), { [ENV]: 'default' });
    const hybrid = await adminPost({ t: t(), admin } as Fx, '/v1/agents', agentBody());
    const users = ok(await t().inject({ method: 'GET', url: '/v1/users', token: admin }), 200);
    fx = { t: t(), admin, projectId, hostedAgentId: agentId, hybridAgentId: hybrid.agentId, userId: users.results[0]?.userId ?? users.results[0]?.id ?? fakeId(), target: (await credential(t(), 'MEMBER')).clientId, streamingId: '' };
    fx.streamingId = (await adminPost(fx, P(fx, '/streaming-pipelines'), tfPostgresToSnowflake('sp-fixture', agentId))).streamingPipelineId;
    await adminPost(fx, P(fx, '/connections'), basic('basic'));
    await adminPost(fx, P(fx, '/repositories'), { provider: 'github', repositoryName: 'r', providerParameters: { ownerName: 'o' } });
    callers.push({ label: 'SUPER_ADMIN', role: 'SUPER_ADMIN', projectRole: null, envRole: null, clientId: 'test-admin', token: admin });
    for (const role of ROLES.filter((r) => r !== 'SUPER_ADMIN')) {
      const none = await credential(t(), role);
      callers.push({ label: `${role}/none`, role, projectRole: null, envRole: null, ...none });
      for (const projectRole of PROJECT_ROLES) {
        for (const envRole of ENVIRONMENT_ROLES) {
          const c = await credential(t(), role);
          const who: Caller = { label: `${role}/${projectRole}/${envRole}`, role, projectRole, envRole, ...c };
          await regrant(fx, who, projectId);
          callers.push(who);
        }
      }
    }
  });

  it('every operation of the served contract has an entry, and every entry an operation', () => {
    const doc = loadContract();
    const ops: string[] = [];
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const op of Object.values(item as Record<string, { operationId?: string }>)) {
        if (typeof op === 'object' && op?.operationId && !isControl(path) && !(op.operationId in EXCLUDED)) ops.push(op.operationId);
      }
    }
    const missing = ops.filter((id) => !(id in MATRIX));
    expect(missing, `operations without a permission-matrix entry: ${missing.join(', ')}`).toEqual([]);
    expect(Object.keys(MATRIX).filter((id) => !ops.includes(id))).toEqual([]);
  });

  it('every operation × account role × project role (× environment role) answers as its entry says', async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const [operationId, entry] of Object.entries(MATRIX)) {
      const isEnv = 'env' in entry.need;
      // Project and account operations: the environment role does not matter (one caller per project role).
      const who = callers.filter((c) => isEnv || c.envRole === null || c.envRole === 'OWNER');
      for (const c of who) {
        if (entry.skipOn === t().kind) continue;
        if (process.env.MATRIX_DEBUG) process.stderr.write(`${operationId} ${c.label}\n`);
        const r = await entry.req(fx, c);
        const res = await answerWithin(t().inject({ method: r.method, url: r.url, token: c.token, body: r.body, headers: r.headers }), 10_000);
        if (!res) {
          failures.push(`${operationId} as ${c.label}: no answer within 10 s`);
          continue;
        }
        calls++;
        const want = expected(entry.need, c);
        const got = res.statusCode;
        const allowedOk = got < 300 || [400, 409, 410, 422].includes(got) || (entry.partial && got === 404);
        // A partial entry's target does not exist: a member the role denies may learn that first.
        const deniedOk = got === want || (entry.partial === true && want === 403 && got === 404 && c.projectRole !== null);
        const pass = want === 'ok' ? allowedOk && got !== 401 && got !== 403 : deniedOk;
        if (!pass) failures.push(`${operationId} as ${c.label}: expected ${want}, got ${got} ${res.body.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
    // The matrix size, for the record (issue 13's closing note).
    console.info(`[permission matrix ${t().kind}] ${Object.keys(MATRIX).length} operations, ${callers.length} callers, ${calls} calls`);
  }, 300_000);
});
