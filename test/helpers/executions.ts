import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { TestApp } from './app.js';
import { dpcFixtures, projectWithEnvironments, publishLikePublishPy } from './artifacts.js';

type Res = Awaited<ReturnType<TestApp['inject']>>;
export function ok(r: Res, status: number) {
  expect(r.statusCode, r.body).toBe(status);
  return r.body === '' ? undefined : r.json();
}

const q = (s: string) => JSON.stringify(s);

/** A straight orchestration: Start → Step 1 → … → Step n-1 (n components in all). */
export function chainPipeline(n: number, names: (i: number) => string = (i) => `Step ${i}`) {
  const lines = ['type: "orchestration"', 'version: "1.0"', 'pipeline:', '  components:', '    Start:', '      type: "start"', '      transitions:', '        unconditional:', `        - ${q(names(1))}`, '      parameters:', '        componentName: "Start"'];
  for (let i = 1; i < n; i++) {
    lines.push(`    ${q(names(i))}:`, '      type: "python-script"');
    if (i + 1 < n) lines.push('      transitions:', '        success:', `        - ${q(names(i + 1))}`);
    lines.push('      parameters:', `        componentName: ${q(names(i))}`);
  }
  return lines.join('\n') + '\n';
}

/** Start → Load; Load fails → Alert (failure transition) → End Failure; Load succeeds → Done. */
export const BRANCHING = `type: "orchestration"
version: "1.0"
pipeline:
  components:
    Start:
      type: "start"
      transitions:
        unconditional:
        - "Load"
      parameters:
        componentName: "Start"
    Load:
      type: "sql-executor"
      transitions:
        success:
        - "Done"
        failure:
        - "Alert"
      parameters:
        componentName: "Load"
    Done:
      type: "end-success"
      parameters:
        componentName: "Done"
    Alert:
      type: "send-email"
      transitions:
        success:
        - "End Failure"
      parameters:
        componentName: "Alert"
    End Failure:
      type: "end-failure"
      parameters:
        componentName: "End Failure"
`;

/** The synthetic pipelines the execution tests publish beside the real DPC fixtures. */
export const SYNTHETIC = [
  { path: 'plinth/Ten Steps.orch.yaml', content: chainPipeline(10) },
  { path: 'plinth/Branching.orch.yaml', content: BRANCHING },
  { path: 'plinth/Marked.orch.yaml', content: chainPipeline(3, (i) => (i === 2 ? 'Slow [plinth:delay=5000]' : `Step ${i}`)) },
];

const MORE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'dpc-executions');

/** The real files under test/fixtures/dpc-executions (see its README). */
export function moreFixtures(dir = MORE_DIR): { path: string; content: string }[] {
  return readdirSync(dir).flatMap((n) => {
    const full = path.join(dir, n);
    if (statSync(full).isDirectory()) return moreFixtures(full);
    return /\.(orch|tran)\.yaml$/.test(n) ? [{ path: path.relative(MORE_DIR, full).split(path.sep).join('/'), content: readFileSync(full, 'utf8') }] : [];
  });
}

/** A project with environments `dev` and `prod`, the fixtures and synthetic pipelines published to dev as `v1`. */
export async function publishedProject(t: TestApp, token: string, versionName = 'v1') {
  const projectId = await projectWithEnvironments(t, token, ['dev', 'prod']);
  ok(await publishLikePublishPy(t, token, projectId, { versionName, environmentName: 'dev', files: [...dpcFixtures(), ...moreFixtures(), ...SYNTHETIC] }), 201);
  return projectId;
}

export const TERMINAL = ['SUCCESS', 'FAILED', 'CANCELLED'];

/**
 * Poll like the dbt-orchestration SDK: GET the execution, read `result.status` first (falling
 * back to `status`), stop at a terminal status; any non-200 fails. `between` runs between polls
 * (e.g. move the clock); at most `max` polls.
 */
export async function pollUntilTerminal(t: TestApp, token: string, projectId: string, id: string, o: { max?: number; between?: () => void | Promise<void> } = {}) {
  let body: any;
  for (let i = 0; i < (o.max ?? 50); i++) {
    body = ok(await t.inject({ method: 'GET', url: `/v1/projects/${projectId}/pipeline-executions/${id}`, token, headers: { 'content-type': 'application/json' } }), 200);
    const status = body.result?.status ?? body.status;
    if (TERMINAL.includes(status)) return body;
    await o.between?.();
  }
  throw new Error(`execution ${id} not terminal after polling: ${JSON.stringify(body)}`);
}

export async function execute(t: TestApp, token: string, projectId: string, body: Record<string, unknown>) {
  const r = await t.inject({ method: 'POST', url: `/v1/projects/${projectId}/pipeline-executions`, token, body: { environmentName: 'dev', ...body } });
  return ok(r, 201).pipelineExecutionId as string;
}
