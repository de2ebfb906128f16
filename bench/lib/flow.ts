import { isMissingRoute, request, type Res } from './http.js';
import { percentile } from './load.js';
import { TOKEN_FORM } from './targets.js';

/**
 * The seed 000 provisioning flow, end to end, as one unit of work:
 *   token → project (FULL_SAAS) → default warehouse connection → hosted secret (on the
 *   project's hosted agent) → cloud-credential connection → environment → repository.
 * Paths and bodies follow seed 000/001 and api-contract.md §5. Finding the hosted agent's id
 * is not part of the documented flow (the SaaS user copies it from the UI); the bench lists
 * /v1/agents and picks the agent that names the new project (see `findAgent`).
 */

export const CONNECTION_BODY = (name: string) => ({
  // Prism 5.14 answers 422 to all four of seed 001's own examples (oneOf ambiguity), so every
  // target gets this body, which Prism accepts (toolchain.md).
  name,
  platformConnectionType: 'COMPONENT_BASIC',
  authProvider: 'NONE',
  authType: 'GENERIC_SECRET',
  connectionDetails: { description: 'd' },
});

export const PROJECT_BODY = (name: string) => ({
  name,
  description: 'bench',
  warehouse: 'SNOWFLAKE',
  agentDeploymentType: 'FULL_SAAS',
});

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7bench\n-----END PRIVATE KEY-----';

export class StepError extends Error {
  constructor(
    readonly step: string,
    readonly res: Res,
  ) {
    super(`${step}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
  }
  get missing() {
    return isMissingRoute(this.res);
  }
}

function expect2xx(step: string, r: Res): Res {
  if (r.status < 200 || r.status >= 300) throw new StepError(step, r);
  return r;
}

/** The hosted agent of a FULL_SAAS project: an agent whose fields mention the project id. */
async function findAgent(base: string, token: string, projectId: string, count: () => void): Promise<string> {
  count();
  const first = expect2xx('list agents', await request(base, 'GET', '/v1/agents?page=0&size=1', { token }));
  const total = Number(first.json().total ?? 0);
  const size = 100;
  // Agents are listed in creation order, so the newest ones are on the last page.
  for (let page = Math.max(0, Math.ceil(total / size) - 1); page >= 0; page--) {
    count();
    const r = expect2xx('list agents', await request(base, 'GET', `/v1/agents?page=${page}&size=${size}`, { token }));
    for (const a of (r.json().results ?? []) as Record<string, unknown>[]) {
      if (a.projectId === projectId || Object.values(a).some((v) => typeof v === 'string' && v.includes(projectId))) {
        return String(a.agentId ?? a.id);
      }
    }
    if (page < Math.ceil(total / size) - 2) break; // look at most at the two newest pages
  }
  throw new StepError('find hosted agent', { status: 404, headers: {}, text: `no agent mentions project ${projectId}`, json: () => ({ detail: 'agent not found' }) as any });
}

export const FLOW_STEPS = [
  'token',
  'project',
  'data-platform connection',
  'hosted secret',
  'cloud credential connection',
  'environment',
  'repository',
] as const;

/** One whole flow; returns the number of HTTP requests it made. */
export async function provisionOnce(base: string, n: string): Promise<number> {
  let requests = 0;
  const call = async (step: string, method: string, path: string, opts: Parameters<typeof request>[3]) => {
    requests++;
    return expect2xx(step, await request(base, method, path, opts));
  };
  const tok = await call('token', 'POST', '/oauth/dpc/token', {
    body: TOKEN_FORM,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const token = tok.json().access_token as string;
  const project = await call('project', 'POST', '/v1/projects', { token, json: PROJECT_BODY(`flow-${n}`) });
  const projectId = project.json().projectId as string;
  await call('data-platform connection', 'POST', `/v1/projects/${projectId}/data-platform-connections`, {
    token,
    json: { name: 'snowflake-dwh', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' },
  });
  const agentId = await findAgent(base, token, projectId, () => requests++);
  await call('hosted secret', 'POST', `/v1/secrets/${agentId}/secret-value`, {
    token,
    json: { name: 'snowflake-key', type: 'DWH_PASSWORD', key: 'privateKey', value: PEM },
  });
  await call('cloud credential connection', 'POST', `/v1/projects/${projectId}/connections`, {
    token,
    json: {
      name: 'aws-credentials',
      platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS',
      authProvider: 'aws',
      authType: 'CLOUD_PROVIDER_SECRET',
      connectionDetails: {
        description: 'AWS credentials',
        secretsLocation: { type: 'AWS_SECRET_MANAGER', region: 'us-east-1' },
        connectionProperties: { credentialSecretName: 'aws-platform-credentials' },
      },
    },
  });
  await call('environment', 'POST', `/v1/projects/${projectId}/environments`, {
    token,
    json: {
      name: 'dev',
      description: 'bench environment',
      defaultAgentId: agentId,
      defaultUserAccessLevel: 'default',
      defaultConnections: { DWH: { snowflake: 'snowflake-dwh' }, CLOUD_PLATFORM: { aws: 'aws-credentials' } },
      connectionOverrides: [
        {
          connectionName: 'snowflake-dwh',
          connectionProperties: {
            account: { value: 'acme.eu-west-1' },
            username: { value: 'loader' },
            privateKey: { secretName: 'snowflake-key', secretKey: 'privateKey' },
            defaultRole: { value: 'LOADER' },
            defaultWarehouse: { value: 'WH' },
            defaultDatabase: { value: 'DB' },
            defaultSchema: { value: 'PUBLIC' },
          },
        },
      ],
    },
  });
  await call('repository', 'POST', `/v1/projects/${projectId}/repositories`, {
    token,
    json: { provider: 'github', repositoryName: `repo-${n}`, providerParameters: { ownerName: 'plinth-bench' } },
  });
  return requests;
}

export interface FlowResult {
  flowsPerS: number;
  p50: number;
  p99: number;
  flows: number;
  requestsPerFlow: number;
  failures: number;
  firstFailure?: string;
}

/**
 * `concurrency` workers run whole flows back to back for `durationS` (after a warm-up);
 * capped at `maxFlows`. A flow that fails counts as a failure, not as throughput.
 */
export async function runFlows(base: string, opts: { concurrency: number; durationS: number; warmupS: number; maxFlows: number; runId: string }): Promise<FlowResult> {
  let counter = 0;
  const phase = async (durationS: number, record: boolean) => {
    const lat: number[] = [];
    let failures = 0;
    let firstFailure: string | undefined;
    let requestsPerFlow = 0;
    const started = performance.now();
    const deadline = started + durationS * 1000;
    let flows = 0;
    const worker = async () => {
      while (performance.now() < deadline && flows + failures < opts.maxFlows) {
        const t0 = performance.now();
        try {
          requestsPerFlow = await provisionOnce(base, `${opts.runId}-${counter++}`);
          flows++;
          if (record) lat.push(performance.now() - t0);
        } catch (err) {
          failures++;
          firstFailure ??= (err as Error).message;
        }
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
    const elapsed = (performance.now() - started) / 1000;
    const sorted = Float64Array.from(lat).sort();
    return { flowsPerS: flows / elapsed, p50: percentile(sorted, 50), p99: percentile(sorted, 99), flows, requestsPerFlow, failures, firstFailure };
  };
  if (opts.warmupS > 0) await phase(opts.warmupS, false);
  return phase(opts.durationS, true);
}

const DUMMY = '00000000-0000-4000-8000-000000000000';

/** Every endpoint the flow calls, probed with a dummy id: 404 "No route" means not implemented. */
export const FLOW_ENDPOINTS: [step: string, method: string, path: string][] = [
  ['data-platform connection', 'POST', `/v1/projects/${DUMMY}/data-platform-connections`],
  ['list agents (to find the hosted agent)', 'GET', '/v1/agents?page=0&size=1'],
  ['hosted secret', 'POST', `/v1/secrets/${DUMMY}/secret-value`],
  ['cloud credential connection', 'POST', `/v1/projects/${DUMMY}/connections`],
  ['environment', 'POST', `/v1/projects/${DUMMY}/environments`],
  ['repository', 'POST', `/v1/projects/${DUMMY}/repositories`],
];

/** The flow steps whose endpoint does not exist on this build (empty: all present). */
export async function missingFlowSteps(base: string, token: string): Promise<string[]> {
  const missing: string[] = [];
  for (const [step, method, path] of FLOW_ENDPOINTS) {
    const r = await request(base, method, path, method === 'POST' ? { token, json: {} } : { token });
    if (isMissingRoute(r)) missing.push(step);
  }
  return missing;
}
