import { isMissingRoute, request, type Res } from './http.js';
import { percentile } from './load.js';
import { TOKEN_FORM } from './targets.js';

/**
 * The seed 000 provisioning flow, end to end, as one unit of work:
 *   token → project (FULL_SAAS) → default warehouse connection → find the project's hosted
 *   agent → hosted secret value (on that agent) → cloud-credential connection → environment →
 *   repository (github).
 * Paths and bodies follow the contract (openapi/resources/*.yaml), seed 000 and seed 001. Finding
 * the hosted agent's id is not part of the documented flow (the SaaS user copies it from the UI);
 * the bench lists GET /v1/agents and picks the agent with `hosted: true` and `projectId` equal to
 * the new project (both Plinth additions to the Agent schema; see `findAgent`).
 *
 * Every step checks the exact status the contract documents for success (200 for the token and
 * lists, 201 for every create); anything else throws a StepError naming the step, the status and
 * the start of the body, and `runFlows` stops the run at the first one.
 */

export const CONNECTION_BODY = (name: string) => ({
  // Prism 5.14 answers 422 to all four of seed 001's own examples (oneOf ambiguity), so every
  // target gets the COMPONENT_BASIC body toolchain.md found Prism accepts (no secretsLocation or
  // connectionProperties); Plinth answers 201 to it too.
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

/** A private key with real `\n` line breaks, as seed 000 asks; Plinth stores it verbatim. */
const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7bench\n-----END PRIVATE KEY-----';

export class StepError extends Error {
  constructor(
    readonly step: string,
    readonly res: Res,
    expected?: number,
  ) {
    super(`step "${step}" answered HTTP ${res.status}${expected ? ` (expected ${expected})` : ''}: ${res.text.slice(0, 300)}`);
  }
  get missing() {
    return isMissingRoute(this.res);
  }
}

function expectStatus(step: string, expected: number, r: Res): Res {
  if (r.status !== expected) throw new StepError(step, r, expected);
  return r;
}

interface AgentItem {
  agentId: string;
  hosted?: boolean;
  projectId?: string;
}

/**
 * The hosted agent of a FULL_SAAS project. GET /v1/agents lists every agent of the account in
 * creation order (page size at most 100) with `hosted` and `projectId` on hosted agents, and has
 * no filter; the agent was created with the project moments ago, so it is among the newest: one
 * request with size=1 for `total`, then the last page, then (if concurrent flows pushed it
 * back) the one before, and so on up to `MAX_AGENT_PAGES` pages.
 */
const MAX_AGENT_PAGES = 3;
async function findAgent(base: string, token: string, projectId: string, count: () => void): Promise<string> {
  const list = async (page: number, size: number) => {
    count();
    const r = expectStatus('list agents (find the hosted agent)', 200, await request(base, 'GET', `/v1/agents?page=${page}&size=${size}`, { token }));
    return r.json() as { total: number; results: AgentItem[] };
  };
  const total = Number((await list(0, 1)).total);
  const size = 100;
  const last = Math.max(0, Math.ceil(total / size) - 1);
  let seen = 0;
  for (let page = last; page >= 0 && page > last - MAX_AGENT_PAGES; page--) {
    const { results } = await list(page, size);
    seen += results.length;
    const a = results.find((x) => x.hosted === true && x.projectId === projectId);
    if (a) return a.agentId;
  }
  throw new StepError('find hosted agent', {
    status: 0,
    headers: {},
    text: `no agent with hosted: true and projectId ${projectId} among the newest ${seen} of ${total} agents`,
    json: <T>() => ({}) as T,
  });
}

export const FLOW_STEPS = [
  'token',
  'project',
  'data-platform connection',
  'find hosted agent',
  'hosted secret',
  'cloud credential connection',
  'environment',
  'repository',
] as const;

/** One whole flow; returns the number of HTTP requests it made. `trace` sees each step's status. */
export async function provisionOnce(base: string, n: string, trace?: (step: string, status: number) => void): Promise<number> {
  let requests = 0;
  const call = async (step: string, expected: number, method: string, path: string, opts: Parameters<typeof request>[3]) => {
    requests++;
    const r = await request(base, method, path, opts);
    trace?.(step, r.status);
    return expectStatus(step, expected, r);
  };
  const tok = await call('token', 200, 'POST', '/oauth/dpc/token', {
    body: TOKEN_FORM,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const token = tok.json().access_token as string;
  const project = await call('project', 201, 'POST', '/v1/projects', { token, json: PROJECT_BODY(`flow-${n}`) });
  const projectId = project.json().projectId as string;
  await call('data-platform connection', 201, 'POST', `/v1/projects/${projectId}/data-platform-connections`, {
    token,
    json: { name: 'snowflake-dwh', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' },
  });
  const agentId = await findAgent(base, token, projectId, () => requests++);
  trace?.('find hosted agent', 200);
  await call('hosted secret', 201, 'POST', `/v1/secrets/${agentId}/secret-value`, {
    token,
    json: { name: 'snowflake-key', type: 'DWH_PASSWORD', key: 'privateKey', value: PEM },
  });
  await call('cloud credential connection', 201, 'POST', `/v1/projects/${projectId}/connections`, {
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
  await call('environment', 201, 'POST', `/v1/projects/${projectId}/environments`, {
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
  await call('repository', 201, 'POST', `/v1/projects/${projectId}/repositories`, {
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
  /** Mean HTTP requests per flow (finding the hosted agent takes 2 or, under concurrency, 3). */
  requestsPerFlow: number;
}

/**
 * `concurrency` workers run whole flows back to back for `durationS` (after a warm-up);
 * capped at `maxFlows`. Any failed step stops every worker and rejects with that step's
 * status and body: a failing flow is a bug in Plinth or in the bench, never a data point.
 */
export async function runFlows(base: string, opts: { concurrency: number; durationS: number; warmupS: number; maxFlows: number; runId: string }): Promise<FlowResult> {
  let counter = 0;
  const phase = async (durationS: number, record: boolean) => {
    const lat: number[] = [];
    let requests = 0;
    let failure: Error | undefined;
    const started = performance.now();
    const deadline = started + durationS * 1000;
    let flows = 0;
    const worker = async () => {
      while (!failure && performance.now() < deadline && flows < opts.maxFlows) {
        const t0 = performance.now();
        try {
          // Not `requests += await …`: that reads `requests` before the await and loses the
          // other workers' additions.
          const n = await provisionOnce(base, `${opts.runId}-${counter++}`);
          requests += n;
          flows++;
          if (record) lat.push(performance.now() - t0);
        } catch (err) {
          failure ??= err as Error;
        }
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
    if (failure) throw new Error(`provisioning flow failed after ${flows} complete flows: ${failure.message}`);
    const elapsed = (performance.now() - started) / 1000;
    const sorted = Float64Array.from(lat).sort();
    return { flowsPerS: flows / elapsed, p50: percentile(sorted, 50), p99: percentile(sorted, 99), flows, requestsPerFlow: flows ? requests / flows : NaN };
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

/**
 * One flow, alone, before the timed run: returns each step's status ("token 200, project 201,
 * …") for the log, or throws naming the failing step with its status and body.
 */
export async function checkFlowOnce(base: string, n: string): Promise<string> {
  const seen: string[] = [];
  try {
    await provisionOnce(base, n, (step, status) => seen.push(`${step} ${status}`));
  } catch (err) {
    throw new Error(`${(err as Error).message} [steps so far: ${seen.join(', ')}]`);
  }
  return seen.join(', ');
}
