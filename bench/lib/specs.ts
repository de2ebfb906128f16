import { CONNECTION_BODY, PROJECT_BODY } from './flow.js';
import { isMissingRoute, request } from './http.js';
import type { LoadSpec } from './load.js';
import { TOKEN_FORM } from './targets.js';

// The scenarios' requests, shared by Plinth, the bare route, the same-work floor and Prism so
// that every target gets the same requests.

export const LIST_PATH = '/v1/projects?page=0&size=25';

/** Seed 001's 201 example (what Prism answers); the bare route's answer only if no Plinth run captured a real 201. */
export const SEED_CONNECTION_RESPONSE = {
  id: '550e8400-e29b-41d4-a716-446655440010',
  name: 'my-aws-connection',
  platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS',
  authProvider: 'aws',
  authType: 'CLOUD_PROVIDER_SECRET',
  createdBy: '550e8400-e29b-41d4-a716-446655440001',
  createdDate: '2024-01-15T10:30:00.123Z',
  projectId: '550e8400-e29b-41d4-a716-446655440002',
  connectionDetails: {
    description: 'AWS credentials for the analytics environment',
    secretsLocation: { type: 'AWS_SECRET_MANAGER', region: 'us-east-1' },
    connectionProperties: { credentialSecretName: 'aws-platform-credentials' },
  },
};

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const json = { 'content-type': 'application/json' };

/** The load of each scenario at the run's size, and the seeding both need; names carry `runId`. */
export function scenarioSpecs(size: Pick<LoadSpec, 'connections' | 'durationS' | 'warmupS'>, runId: string) {
  const sized = { connections: size.connections, durationS: size.durationS, warmupS: size.warmupS };
  return {
    tokenSpec: (base: string): LoadSpec => ({
      url: `${base}/oauth/dpc/token`,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: TOKEN_FORM,
      ...sized,
    }),
    listSpec: (base: string, token: string, p = LIST_PATH, o: Partial<LoadSpec> = {}): LoadSpec => ({ url: `${base}${p}`, headers: auth(token), ...sized, ...o }),
    createProjectSpec: (base: string, token: string, tag: string, o: Partial<LoadSpec> = {}): LoadSpec => ({
      url: `${base}/v1/projects`,
      method: 'POST',
      headers: { ...auth(token), ...json },
      build: (n) => ({ body: JSON.stringify(PROJECT_BODY(`p-${runId}-${tag}-${n}`)) }),
      ...sized,
      ...o,
    }),
    createConnectionSpec: (base: string, token: string, projectId: string, tag: string, o: Partial<LoadSpec> = {}): LoadSpec => ({
      url: `${base}/v1/projects/${projectId}/connections`,
      method: 'POST',
      headers: { ...auth(token), ...json },
      build: (n) => ({ body: JSON.stringify(CONNECTION_BODY(`c-${runId}-${tag}-${n}`)) }),
      ...sized,
      ...o,
    }),
    async seedProjects(base: string, token: string, n: number, tag: string): Promise<string[]> {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const r = await request(base, 'POST', '/v1/projects', { token, json: PROJECT_BODY(`seed-${runId}-${tag}-${String(i).padStart(3, '0')}`) });
        if (r.status !== 201) throw new Error(`seeding projects failed: ${r.status} ${r.text}`);
        ids.push(r.json().projectId);
      }
      return ids;
    },
    /** Whether POST /v1/projects/{id}/connections exists; returns its 201 body when it does. */
    async probeConnections(base: string, token: string, projectId: string): Promise<{ body: unknown } | { missing: string } | { error: string }> {
      const r = await request(base, 'POST', `/v1/projects/${projectId}/connections`, { token, json: CONNECTION_BODY(`probe-${runId}`) });
      if (isMissingRoute(r)) return { missing: 'n/a (endpoint not implemented)' };
      if (r.status !== 201) return { error: `probe answered ${r.status}: ${r.text.slice(0, 200)}` };
      return { body: r.json() };
    },
  };
}
export type ScenarioSpecs = ReturnType<typeof scenarioSpecs>;
