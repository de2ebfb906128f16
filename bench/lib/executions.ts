import { request, type Res } from './http.js';
import { percentile } from './load.js';

/**
 * Execute → poll-until-terminal (issue 15): a project with one environment, a ten-step
 * orchestration published to it (multipart, as publish.py sends it), then `concurrency` workers
 * each executing it (201) and polling `GET …/pipeline-executions/{id}/status` back to back until a
 * terminal status, for `durationS`. A run is counted when its terminal status is seen; latency is
 * execute → terminal seen.
 */
export interface ExecutionsResult {
  runs: number;
  runsPerS: number;
  pollsPerRun: number;
  p50: number;
  p99: number;
}

const TEN_STEPS = (() => {
  const name = (i: number) => `Step ${i}`;
  const lines = ['type: "orchestration"', 'version: "1.0"', 'pipeline:', '  components:', '    Start:', '      type: "start"', '      transitions:', '        unconditional:', `        - "${name(1)}"`];
  for (let i = 1; i < 10; i++) {
    lines.push(`    ${name(i)}:`, '      type: "python-script"');
    if (i < 9) lines.push('      transitions:', '        success:', `        - "${name(i + 1)}"`);
  }
  return lines.join('\n') + '\n';
})();

function expect(step: string, status: number, r: Res) {
  if (r.status !== status) throw new Error(`${step}: HTTP ${r.status} (expected ${status}): ${r.text.slice(0, 300)}`);
  return r;
}

/** A FULL_SAAS project with environment `dev` (Snowflake defaults) and the pipeline published; its id. */
export async function prepareExecutions(base: string, token: string, tag: string): Promise<string> {
  const p = expect('project', 201, await request(base, 'POST', '/v1/projects', { token, json: { name: `exec-${tag}`, warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' } })).json();
  const agents = expect('agents', 200, await request(base, 'GET', '/v1/agents?size=100', { token })).json();
  let agent = agents.results.find((a: { projectId?: string }) => a.projectId === p.projectId);
  for (let page = 1; !agent && page * 100 < agents.total + 100; page++) {
    const more = expect('agents', 200, await request(base, 'GET', `/v1/agents?size=100&page=${page}`, { token })).json();
    agent = more.results.find((a: { projectId?: string }) => a.projectId === p.projectId);
  }
  if (!agent) throw new Error('the project has no hosted agent');
  expect('secret', 201, await request(base, 'POST', `/v1/secrets/${agent.agentId}/secret-value`, { token, json: { type: 'DWH_PASSWORD', name: 'sf-key', key: 'private_key', value: 'k' } }));
  expect('connection', 201, await request(base, 'POST', `/v1/projects/${p.projectId}/data-platform-connections`, { token, json: { name: 'sf-dwh', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' } }));
  const props = { account: { value: 'xy12345.eu-west-1' }, username: { value: 'LOADER' }, privateKey: { secretName: 'sf-key', secretKey: 'private_key' }, defaultRole: { value: 'SYSADMIN' }, defaultWarehouse: { value: 'COMPUTE_WH' }, defaultDatabase: { value: 'ANALYTICS' }, defaultSchema: { value: 'PUBLIC' } };
  expect('environment', 201, await request(base, 'POST', `/v1/projects/${p.projectId}/environments`, { token, json: { name: 'dev', defaultAgentId: agent.agentId, defaultUserAccessLevel: 'admin', defaultConnections: { DWH: { snowflake: 'sf-dwh' } }, connectionOverrides: [{ connectionName: 'sf-dwh', connectionProperties: props }] } }));
  const boundary = `----bench${tag}`;
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="bench/Ten Steps.orch.yaml"\r\nContent-Type: text/plain\r\n\r\n${TEN_STEPS}\r\n--${boundary}--\r\n`;
  const r = await request(base, 'POST', `/v1/projects/${p.projectId}/artifacts`, { token, body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, versionName: 'v1', environmentName: 'dev' } });
  if (r.status !== 201 && r.status !== 200) throw new Error(`publish: HTTP ${r.status}: ${r.text.slice(0, 300)}`);
  return p.projectId;
}

const TERMINAL = new Set(['SUCCESS', 'FAILED', 'CANCELLED']);

export async function runExecutions(base: string, token: string, projectId: string, o: { concurrency: number; durationS: number }): Promise<ExecutionsResult> {
  const latencies: number[] = [];
  let polls = 0;
  const until = Date.now() + o.durationS * 1000;
  const started = Date.now();
  const worker = async () => {
    while (Date.now() < until) {
      const t0 = performance.now();
      const id = expect('execute', 201, await request(base, 'POST', `/v1/projects/${projectId}/pipeline-executions`, { token, json: { pipelineName: 'bench/Ten Steps', environmentName: 'dev' } })).json().pipelineExecutionId;
      for (;;) {
        polls++;
        const s = expect('status', 200, await request(base, 'GET', `/v1/projects/${projectId}/pipeline-executions/${id}/status`, { token })).json();
        if (TERMINAL.has(s.result?.status ?? s.status)) {
          if (s.status !== 'SUCCESS') throw new Error(`run ${id} ended ${s.status}`);
          break;
        }
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const elapsed = (Date.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return { runs: latencies.length, runsPerS: latencies.length / elapsed, pollsPerRun: polls / Math.max(1, latencies.length), p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}
