/**
 * Issue 16, "Done when": the CLI as a subprocess against a real Plinth (a `plinth serve` child
 * process) on both databases — apply from empty, plan shows nothing, an edit shows exactly that
 * change, apply, export equals the file, an apply interrupted by killing the server converges on
 * rerun without duplicates, a lost create response is adopted rather than duplicated, and a 429
 * storm is ridden out. Run by provision.sqlite.test.ts and provision.postgres.test.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { createClient, type PlinthClient } from '../../src/sdk/index.js';
import { ADMIN_ID, ADMIN_SECRET, ROOT, changeLines, cliEnv, makeDatabase, runCli, startProxy, startServer, type DbKind, type ServerProcess } from './helpers.js';

const EXAMPLE = path.join(ROOT, 'examples/cli/project.yaml');
const T = 240_000;

const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

/** The example file under another project name, written to a temp dir. */
function exampleAs(name: string, edit: (doc: any) => void = () => {}): string {
  const doc = YAML.parse(readFileSync(EXAMPLE, 'utf8'));
  doc.project.name = name;
  edit(doc);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'plinth-spec-')), 'project.yaml');
  writeFileSync(file, YAML.stringify(doc));
  return file;
}

async function projectInventory(api: PlinthClient, name: string) {
  const projects = (await collect(api.paginate('/v1/projects'))).filter((p) => p.name === name);
  if (projects.length !== 1) return { projects: projects.length };
  const projectId = projects[0].id;
  const connections = await collect(api.paginate('/v1/projects/{projectId}/connections', { params: { path: { projectId } } }));
  const environments = await collect(api.paginate('/v1/projects/{projectId}/environments', { params: { path: { projectId } } }));
  const refs = await collect(api.paginate('/v1/projects/{projectId}/secret-references', { params: { path: { projectId } } }));
  const overrides: Record<string, string[]> = {};
  for (const e of environments) overrides[e.name] = (await collect(api.paginate('/v1/projects/{projectId}/connections/environment-overrides', { params: { path: { projectId }, query: { environmentName: e.name } } }))).map((o) => o.name);
  return { projects: 1, connections: connections.map((c) => c.name).sort(), environments: environments.map((e) => e.name), secretReferences: refs.map((r) => r.name), overrides };
}

const EXPECTED = {
  projects: 1,
  connections: ['aws', 'snowflake'],
  environments: ['dev', 'prod'],
  secretReferences: ['api-password'],
  overrides: { dev: ['snowflake'], prod: ['snowflake', 'aws'] },
};

/** The suite for one database (one file per database, so the two run in parallel). */
export function provisionSuite(kind: DbKind) {
  describe(`plinth plan / apply / export as a subprocess (${kind})`, () => {
    let db: Awaited<ReturnType<typeof makeDatabase>>;
    let server: ServerProcess;
    let proxy: Awaited<ReturnType<typeof startProxy>>;
    let env: Record<string, string>;
    let api: PlinthClient;

    beforeAll(async () => {
      db = await makeDatabase(kind);
      server = await startServer(db);
      proxy = await startProxy(server.port);
      env = cliEnv(proxy.url);
      api = createClient({ baseUrl: `http://127.0.0.1:${server.port}`, clientId: ADMIN_ID, clientSecret: ADMIN_SECRET });
    }, T);
    afterAll(async () => {
      await server?.stop();
      await proxy?.close();
      await db?.drop();
    });

    it(
      'apply from empty; plan then shows nothing; an edit shows exactly that change; export equals the file',
      async () => {
        const file = exampleAs('analytics');
        const first = await runCli(['plan', '-f', file], env);
        expect(first.code, first.stderr).toBe(2);
        expect(changeLines(first.stdout)).toHaveLength(12);
        expect(first.stdout).toContain('Plan: 12 to create, 0 to update, 0 to replace, 0 to delete, 0 unchanged.');

        const applied = await runCli(['apply', '-f', file], env);
        expect(applied.code, applied.stderr).toBe(0);
        expect(applied.stdout).toContain('Apply complete: 12 created, 0 updated, 0 replaced, 0 deleted.');
        expect(applied.stderr).toContain('[12/12] create repository analytics-pipelines');
        expect(await projectInventory(api, 'analytics')).toEqual(EXPECTED);

        const again = await runCli(['plan', '-f', file], env);
        expect(again.code, again.stderr).toBe(0);
        expect(changeLines(again.stdout)).toEqual([]);
        expect(again.stdout).toContain('12 unchanged. No changes.');

        // Edit one field: the plan shows exactly that change.
        const edited = exampleAs('analytics', (d) => (d.connections[0].connectionDetails.description = 'AWS account, renamed team'));
        const diff = await runCli(['plan', '-f', edited], env);
        expect(diff.code, diff.stderr).toBe(2);
        expect(changeLines(diff.stdout)).toEqual(['~ update connection aws']);
        expect(diff.stdout).toContain('connectionDetails.description: "AWS account of the analytics team" → "AWS account, renamed team"');
        expect(diff.stdout).toContain('Plan: 0 to create, 1 to update, 0 to replace, 0 to delete, 11 unchanged.');
        const update = await runCli(['apply', '-f', edited], env);
        expect(update.code, update.stderr).toBe(0);
        expect(update.stdout).toContain('Apply complete: 0 created, 1 updated');
        expect((await runCli(['plan', '-f', edited], env)).code).toBe(0);

        // Export round-trips: the exported file equals the applied one, and plans nothing.
        const exported = await runCli(['export', 'analytics'], env);
        expect(exported.code, exported.stderr).toBe(0);
        expect(YAML.parse(exported.stdout)).toEqual(YAML.parse(readFileSync(edited, 'utf8')));
        const exportedFile = path.join(path.dirname(edited), 'exported.yaml');
        writeFileSync(exportedFile, exported.stdout);
        const roundTrip = await runCli(['plan', '-f', exportedFile], env);
        expect(roundTrip.code, roundTrip.stdout + roundTrip.stderr).toBe(0);

        // A replacement (environments cannot be updated) is refused without --allow-delete.
        const replaced = exampleAs('analytics', (d) => {
          d.connections[0].connectionDetails.description = 'AWS account, renamed team';
          d.environments[1].defaultUserAccessLevel = 'runner';
        });
        const refused = await runCli(['apply', '-f', replaced], env);
        expect(refused.code).toBe(4);
        expect(changeLines(refused.stdout)).toEqual(['± replace environment prod', '+ create override prod/snowflake', '+ create override prod/aws']);
        expect(refused.stderr).toContain('rerun with --allow-delete');
        const allowed = await runCli(['apply', '-f', replaced, '--allow-delete'], env);
        expect(allowed.code, allowed.stderr).toBe(0);
        expect(allowed.stdout).toContain('Apply complete: 2 created, 0 updated, 1 replaced');
        expect(await projectInventory(api, 'analytics')).toEqual(EXPECTED);
        expect((await runCli(['plan', '-f', replaced], env)).code).toBe(0);
      },
      T,
    );

    it(
      'an apply interrupted by killing the server converges on rerun, with no duplicates',
      async () => {
        const file = exampleAs('interrupted');
        // The 6th change (the AWS connection) is committed, then the server dies before answering.
        proxy.afterCommit((m, u) => m === 'POST' && /\/v1\/projects\/[^/]+\/connections$/.test(u), () => server.kill());
        const broken = await runCli(['apply', '-f', file, '--retries', '1'], env);
        expect(broken.code).toBe(1);
        expect(broken.stderr).toMatch(/apply stopped after 5 of 12 change\(s\); run it again to converge/);
        expect(broken.stderr).toMatch(/no answer from/);

        server = await startServer(db); // same database, new process
        proxy.retarget(server.port);
        api = createClient({ baseUrl: `http://127.0.0.1:${server.port}`, clientId: ADMIN_ID, clientSecret: ADMIN_SECRET });
        const plan = await runCli(['plan', '-f', file], env);
        expect(plan.code).toBe(2);
        expect(changeLines(plan.stdout)).toEqual(['+ create environment dev', '+ create override dev/snowflake', '+ create environment prod', '+ create override prod/snowflake', '+ create override prod/aws', '+ create repository analytics-pipelines']);
        const rerun = await runCli(['apply', '-f', file], env);
        expect(rerun.code, rerun.stderr).toBe(0);
        expect(await projectInventory(api, 'interrupted')).toEqual(EXPECTED);
        const after = await runCli(['plan', '-f', file], env);
        expect(after.code).toBe(0);
      },
      T,
    );

    it(
      'a create whose response is lost is retried and adopted (409 → found by name), not duplicated',
      async () => {
        const file = exampleAs('lost-response');
        proxy.afterCommit((m, u) => m === 'POST' && u === '/v1/projects', () => {});
        proxy.afterCommit((m, u) => m === 'POST' && u.endsWith('/environments'), () => {});
        const r = await runCli(['apply', '-f', file], env);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toContain('retrying');
        const creates = proxy.seen.filter((s) => s.method === 'POST' && s.url === '/v1/projects');
        expect(creates.slice(-2).map((s) => s.status)).toEqual(['dropped', 409]);
        expect(await projectInventory(api, 'lost-response')).toEqual(EXPECTED);
        expect((await runCli(['plan', '-f', file], env)).code).toBe(0);
      },
      T,
    );

    it(
      'a 429 storm is ridden out, honouring Retry-After',
      async () => {
        const file = exampleAs('storm');
        proxy.storm(5, '1');
        const r = await runCli(['apply', '-f', file], env);
        expect(r.code, r.stderr).toBe(0);
        expect(proxy.seen.filter((s) => s.status === 'stormed')).toHaveLength(5);
        expect((r.stderr.match(/answered 429; retrying in 1\.0 s/g) ?? []).length).toBe(5);
        expect(r.ms).toBeGreaterThanOrEqual(5000);
        expect(await projectInventory(api, 'storm')).toEqual(EXPECTED);
      },
      T,
    );
  });
}
