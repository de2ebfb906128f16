/**
 * The client commands as a subprocess against `plinth serve` (SQLite): login and profiles,
 * resource commands and their output formats, exit codes, file validation, and the README's
 * quickstart and SDK examples, run as written.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { ADMIN_ID, ADMIN_SECRET, ROOT, changeLines, cliEnv, makeDatabase, runCli, startServer, type ServerProcess } from './helpers.js';

const T = 180_000;
let db: Awaited<ReturnType<typeof makeDatabase>>;
let server: ServerProcess;
let url: string;

beforeAll(async () => {
  db = await makeDatabase('sqlite');
  server = await startServer(db);
  url = `http://127.0.0.1:${server.port}`;
}, T);
afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

/** Code blocks of one README section. */
function readmeBlocks(section: string, lang: string): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${section}\n`);
  if (start < 0) throw new Error(`README has no "## ${section}" section`);
  const end = readme.indexOf('\n## ', start + 5);
  const body = readme.slice(start, end < 0 ? undefined : end);
  return [...body.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
}

describe('plinth login, profiles and resource commands', () => {
  it(
    'login stores a 0600 profile without the secret; resource commands use it, in every format',
    async () => {
      const config = mkdtempSync(path.join(tmpdir(), 'plinth-cfg-'));
      const env = { PLINTH_CONFIG_DIR: config, MY_SECRET: ADMIN_SECRET };
      const login = await runCli(['login', '--url', url, '--client-id', ADMIN_ID, '--client-secret-env', 'MY_SECRET', '--profile', 'local'], env);
      expect(login.code, login.stderr).toBe(0);
      const file = path.join(config, 'profiles.yaml');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const stored = readFileSync(file, 'utf8');
      expect(stored).not.toContain(ADMIN_SECRET);
      expect(YAML.parse(stored)).toEqual({ current: 'local', profiles: { local: { url, clientId: ADMIN_ID, clientSecretEnv: 'MY_SECRET' } } });

      const created = await runCli(['projects', 'create', '--name', 'cli-made', '--warehouse', 'REDSHIFT', '--deployment', 'FULL_SAAS', '-o', 'json'], env);
      expect(created.code, created.stderr).toBe(0);
      const { projectId } = JSON.parse(created.stdout);
      const table = await runCli(['projects', 'list'], env);
      expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+ID\s+WAREHOUSE\s+DEPLOYMENT\s+DESCRIPTION$/);
      expect(table.stdout).toMatch(new RegExp(`cli-made\\s+${projectId}\\s+REDSHIFT\\s+FULL_SAAS`));
      const asYaml = await runCli(['projects', 'get', 'cli-made', '-o', 'yaml'], env);
      expect(YAML.parse(asYaml.stdout)).toMatchObject({ id: projectId, name: 'cli-made', warehouse: 'REDSHIFT' });
      const agents = await runCli(['agents', 'list', '-o', 'json'], env);
      expect(JSON.parse(agents.stdout).filter((a: any) => a.projectId === projectId)).toHaveLength(1);
      const conn = path.join(config, 'dwh.json');
      writeFileSync(conn, JSON.stringify({ name: 'wh', platformConnectionType: 'dwh', authProvider: 'redshift', authType: 'password' }));
      expect((await runCli(['connections', 'create', '-p', 'cli-made', '-f', conn], env)).code).toBe(0);
      const conns = await runCli(['connections', 'list', '-p', projectId, '-o', 'json'], env);
      expect(JSON.parse(conns.stdout).map((c: any) => [c.name, c.platformConnectionType])).toEqual([['wh', 'DWH']]);
      expect((await runCli(['projects', 'delete', 'cli-made'], env)).code).toBe(0);
      expect((await runCli(['projects', 'get', projectId], env)).code).toBe(1);
    },
    T,
  );

  it(
    'exit codes: 3 for usage, 1 for an API error with its ProblemDetail, 1 for an invalid file',
    async () => {
      const env = cliEnv(url);
      const unknown = await runCli(['projects', 'list', '--bogus'], env);
      expect(unknown.code).toBe(3);
      const notLoggedIn = await runCli(['projects', 'list'], { PLINTH_CONFIG_DIR: mkdtempSync(path.join(tmpdir(), 'plinth-cfg-')) });
      expect(notLoggedIn.code).toBe(3);
      expect(notLoggedIn.stderr).toMatch(/^plinth: not logged in/);
      // `serve` starts without loading the client commands; help still lists them, and a usage
      // error of `serve` is still exit code 3.
      const help = await runCli(['--help'], env);
      expect(help.code).toBe(0);
      for (const c of ['serve', 'login', 'projects', 'plan', 'apply', 'export', 'schema']) expect(help.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
      expect((await runCli(['serve', '--bogus'], env)).code).toBe(3);
      const version = await runCli(['--version'], env);
      expect(version).toMatchObject({ code: 0, stdout: `${JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n` });

      const dup = await runCli(['api-credentials', 'create', '--name', 'x', '--role', 'KING'], env);
      expect(dup.code).toBe(1);
      expect(dup.stderr).toMatch(/^plinth: POST \/v1\/api-credentials answered 400 Bad Request/);
      expect(dup.stderr).toMatch(/\n  - body\.role: /);

      const bad = path.join(mkdtempSync(path.join(tmpdir(), 'plinth-spec-')), 'bad.yaml');
      writeFileSync(bad, 'apiVersion: plinth/v1\nkind: Project\nproject:\n  name: x\n  warehouse: ORACLE\n  agentDeploymentType: FULL_SAAS\n  colour: blue\nsecrets:\n  - name: s\n    type: DWH_PASSWORD\n    key: password\n    value: hunter2\n');
      const invalid = await runCli(['plan', '-f', bad], env);
      expect(invalid.code).toBe(1);
      expect(invalid.stderr).toContain('does not match the project schema');
      expect(invalid.stderr).toContain('project.warehouse: must be one of SNOWFLAKE, REDSHIFT');
      expect(invalid.stderr).toContain('project: has an unknown property "colour"');
      expect(invalid.stderr).toContain('secrets.0.value: must be object');
      expect(invalid.stderr).not.toContain('hunter2');

      const schema = await runCli(['schema'], env);
      expect(JSON.parse(schema.stdout)).toEqual(JSON.parse(readFileSync(path.join(ROOT, 'schemas/project.schema.json'), 'utf8')));
    },
    T,
  );
});

describe('the README runs as written', () => {
  it(
    'the quickstart provisions a project from YAML in two commands (login, apply)',
    async () => {
      const block = readmeBlocks('Quickstart', 'sh').find((b) => b.includes('plinth apply'))!;
      const commands = block.split('\n').filter((l) => l.startsWith('npx plinth '));
      expect(commands.map((c) => c.split(' ')[2])).toEqual(['login', 'apply']);
      const env = { PLINTH_CONFIG_DIR: mkdtempSync(path.join(tmpdir(), 'plinth-cfg-')), PLINTH_CLIENT_SECRET: ADMIN_SECRET };
      for (const line of commands) {
        const args = line.replace('npx plinth ', '').replace('http://127.0.0.1:8080', url).replace('$ID', ADMIN_ID).split(/\s+/);
        const r = await runCli(args, env);
        expect(r.code, `${line}\n${r.stdout}${r.stderr}`).toBe(0);
      }
      const plan = await runCli(['plan', '-f', 'examples/cli/quickstart.yaml'], env);
      expect(plan.code).toBe(0);
      expect(changeLines(plan.stdout)).toEqual([]);
    },
    T,
  );

  it(
    'the SDK examples run',
    async () => {
      const blocks = readmeBlocks('SDK', 'ts');
      expect(blocks.length).toBeGreaterThanOrEqual(2);
      const dir = mkdtempSync(path.join(tmpdir(), 'plinth-readme-'));
      const outputs: string[] = [];
      for (const [i, code] of blocks.entries()) {
        // `plinth/sdk` is the package export of the built SDK; the test runs the sources.
        const file = path.join(dir, `example-${i}.mts`);
        writeFileSync(file, code.replaceAll("'plinth/sdk'", JSON.stringify(path.join(ROOT, 'src/sdk/index.ts'))));
        const out = await new Promise<{ code: number | null; out: string }>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, env: { PATH: process.env.PATH!, PLINTH_URL: url, PLINTH_CLIENT_ID: ADMIN_ID, PLINTH_CLIENT_SECRET: ADMIN_SECRET } });
          let o = '';
          child.stdout.on('data', (d) => (o += d));
          child.stderr.on('data', (d) => (o += d));
          child.on('close', (c) => resolve({ code: c, out: o }));
        });
        expect(out.code, out.out).toBe(0);
        outputs.push(out.out);
      }
      expect(outputs[0]).toContain('sdk-demo true');
      expect(outputs[1]).toContain("Conflict [ 'body.name: must be unique within the account' ]");
    },
    T,
  );
});
