/**
 * Resource commands: `plinth <resource> <verb>` for the common operations, on the SDK.
 *
 *   projects            list | get <project> | create --name --warehouse --deployment | delete <project>
 *   api-credentials     list | create --name --role | delete <clientId>
 *   agents              list | get <agent> | create -f | delete <agent> | command <agent> RESTART|PAUSE|RESUME
 *   secrets             list | create -f | delete <name>          (hosted secret values; --project or --agent)
 *   secret-references   list | create <name> -f | delete <name>   (--project)
 *   connections         list | get <name> | create -f | update <name> -f | delete <name>   (--project)
 *   environments        list | get <name> | create -f | delete <name>                    (--project)
 *   overrides           list --environment | create -f | update -f | delete --environment --connection  (--project)
 *   repositories        get | associate -f [--token-env VAR]      (--project)
 *
 * `<project>` and `<agent>` are a name or an id. Bodies (`-f`) are the API's request bodies, in
 * JSON or YAML (`-` for stdin). Lists read every page. `--output json|yaml|table`.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import YAML from 'yaml';
import type { PlinthClient } from '../sdk/index.js';
import { action, allOptions, makeClient, outputOption, parseFormat, withGlobals, type GlobalOptions } from './common.js';
import { ExitError, EXIT, progress, render, UsageError, type Column } from './output.js';
import { findProject, listAgents } from './state.js';

type Opts = GlobalOptions & { output?: string; project?: string; agent?: string; file?: string; environment?: string; connection?: string; limit?: string; [k: string]: unknown };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readBody(file: string | undefined): any {
  if (!file) throw new UsageError('give the request body with -f <file> (JSON or YAML, - for stdin)');
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return YAML.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is neither JSON nor YAML: ${(err as Error).message.split('\n')[0]}`);
  }
}

async function projectId(api: PlinthClient, ref: string | undefined): Promise<string> {
  if (!ref) throw new UsageError('give the project with --project <name|id>');
  if (UUID.test(ref)) return ref.toLowerCase();
  const p = await findProject(api, ref);
  if (!p) throw new ExitError(`no project named "${ref}"`, EXIT.ERROR);
  return p.id;
}

async function agentId(api: PlinthClient, ref: string): Promise<string> {
  if (UUID.test(ref)) return ref.toLowerCase();
  const { agents } = await listAgents(api);
  const found = agents.filter((a) => a.name === ref);
  if (found.length !== 1) throw new ExitError(found.length ? `several agents are named "${ref}": give the id` : `no agent named "${ref}"`, EXIT.ERROR);
  return found[0].agentId;
}

/** The agent whose secrets `secrets` works on: --agent, or the hosted agent of --project. */
async function secretsAgent(api: PlinthClient, o: Opts): Promise<string> {
  if (o.agent) return agentId(api, o.agent);
  const pid = await projectId(api, o.project);
  const { agents } = await listAgents(api);
  const hosted = agents.find((a) => a.hosted && a.projectId === pid);
  if (!hosted) throw new ExitError('the project has no Matillion-hosted agent (hosted secrets need a FULL_SAAS project); give --agent', EXIT.ERROR);
  return hosted.agentId;
}

async function list<T>(items: AsyncIterable<T>, o: Opts): Promise<T[]> {
  const limit = o.limit !== undefined ? Number(o.limit) : Infinity;
  if (!Number.isInteger(limit) && limit !== Infinity) throw new UsageError('--limit must be a whole number');
  const out: T[] = [];
  const tty = !o.quiet && !!process.stderr.isTTY;
  for await (const x of items) {
    out.push(x);
    if (tty && out.length % 100 === 0) process.stderr.write(`\r${out.length} read …`);
    if (out.length >= limit) break;
  }
  if (tty && out.length >= 100) process.stderr.write('\r\x1b[K');
  return out;
}

interface Verb {
  name: string;
  description: string;
  args?: string[];
  options?: [string, string][];
  body?: boolean;
  columns?: Column<any>[];
  run(api: PlinthClient, o: Opts, ...args: string[]): Promise<unknown>;
}

function resource(program: Command, name: string, description: string, verbs: Verb[], scope?: 'project' | 'project-or-agent') {
  const group = program.command(name).description(description);
  for (const v of verbs) {
    const cmd = group.command(v.name).description(v.description);
    for (const a of v.args ?? []) cmd.argument(a);
    if (scope === 'project' || scope === 'project-or-agent') cmd.option('-p, --project <project>', 'project name or id');
    if (scope === 'project-or-agent') cmd.option('--agent <agent>', 'agent name or id (default: the hosted agent of --project)');
    if (v.body) cmd.option('-f, --file <path>', 'request body, JSON or YAML (- for stdin)');
    for (const [flags, desc] of v.options ?? []) cmd.option(flags, desc);
    outputOption(withGlobals(cmd));
    cmd.action(
      action(async (...raw: unknown[]) => {
        const c = raw[raw.length - 1] as Command;
        const args = raw.slice(0, raw.length - 2) as string[];
        const o = allOptions<Opts>(c);
        const format = parseFormat(o.output);
        const api = makeClient(o, progress(!o.quiet));
        const result = await v.run(api, o, ...args);
        if (result !== undefined) process.stdout.write(render(result, format, Array.isArray(result) ? v.columns : undefined));
      }),
    );
  }
}

const col = <T>(header: string, get: (r: T) => unknown): Column<T> => ({ header, get });

export function register(program: Command) {
  resource(program, 'projects', 'projects of the account', [
    { name: 'list', description: 'list projects', options: [['--limit <n>', 'at most n']], columns: [col('name', (r: any) => r.name), col('id', (r: any) => r.id), col('warehouse', (r: any) => r.warehouse), col('deployment', (r: any) => r.agentDeploymentType), col('description', (r: any) => r.description)], run: (api, o) => list(api.paginate('/v1/projects'), o) },
    { name: 'get', description: 'one project', args: ['<project>'], run: async (api, _o, ref) => api.GET('/v1/projects/{projectId}', { params: { path: { projectId: await projectId(api, ref) } } }) },
    {
      name: 'create',
      description: 'create a project',
      options: [
        ['--name <name>', 'project name'],
        ['--warehouse <warehouse>', 'SNOWFLAKE | REDSHIFT'],
        ['--deployment <type>', 'FULL_SAAS | HYBRID (agentDeploymentType)'],
        ['--description <text>', 'description'],
      ],
      body: true,
      run: async (api, o) => {
        const body = o.file ? readBody(o.file) : { name: o.name, warehouse: o.warehouse, agentDeploymentType: o.deployment, ...(o.description ? { description: o.description } : {}) };
        if (!body.name || !body.warehouse || !body.agentDeploymentType) throw new UsageError('give --name, --warehouse and --deployment (or -f)');
        return api.POST('/v1/projects', { body });
      },
    },
    { name: 'delete', description: 'delete a project and everything in it (Plinth extension)', args: ['<project>'], run: async (api, _o, ref) => void (await api.DELETE('/v1/projects/{projectId}', { params: { path: { projectId: await projectId(api, ref) } } })) },
  ]);

  resource(program, 'api-credentials', 'API credentials (Plinth extension; Super Admin)', [
    { name: 'list', description: 'list credentials (never secrets)', columns: [col('name', (r: any) => r.name), col('clientId', (r: any) => r.clientId), col('role', (r: any) => r.role), col('createdAt', (r: any) => r.createdAt)], run: (api, o) => list(api.paginate('/v1/api-credentials'), o) },
    {
      name: 'create',
      description: 'create a credential; its secret is shown once',
      options: [
        ['--name <name>', 'credential name'],
        ['--role <role>', 'SUPER_ADMIN | BILLING_ADMIN | ADMIN | MEMBER'],
      ],
      run: async (api, o) => {
        if (!o.name || !o.role) throw new UsageError('give --name and --role');
        // Never retried on a lost response: the secret would be lost with it.
        return api.POST('/v1/api-credentials', { body: { name: String(o.name), role: String(o.role) as any } });
      },
    },
    { name: 'delete', description: 'delete a credential', args: ['<clientId>'], run: async (api, _o, id) => void (await api.DELETE('/v1/api-credentials/{clientId}', { params: { path: { clientId: id } } })) },
  ]);

  resource(program, 'agents', 'agents of the account', [
    { name: 'list', description: 'list agents', columns: [col('name', (r: any) => r.name), col('agentId', (r: any) => r.agentId), col('status', (r: any) => r.agentStatus), col('type', (r: any) => r.agentType), col('cloud', (r: any) => r.cloudProvider), col('deployment', (r: any) => r.deployment), col('hosted', (r: any) => (r.hosted ? 'yes' : ''))], run: (api, o) => list(api.paginate('/v1/agents'), o) },
    { name: 'get', description: 'one agent', args: ['<agent>'], run: async (api, _o, ref) => api.GET('/v1/agents/{agentId}', { params: { path: { agentId: await agentId(api, ref) } } }) },
    {
      name: 'create',
      description: 'create a customer-hosted agent (body: CreateAgentRequest)',
      body: true,
      run: async (api, o) => {
        const body = readBody(o.file);
        const r = await api.create('/v1/agents', { body }, async () => (await listAgents(api)).agents.find((a) => a.name === body.name && !a.hosted));
        return r.data ?? r.existing;
      },
    },
    { name: 'delete', description: 'delete an agent (not while running)', args: ['<agent>'], run: async (api, _o, ref) => void (await api.DELETE('/v1/agents/{agentId}', { params: { path: { agentId: await agentId(api, ref) } } })) },
    {
      name: 'command',
      description: 'RESTART, PAUSE or RESUME an agent',
      args: ['<agent>', '<command>'],
      run: async (api, _o, ref, command) => {
        const c = command.toUpperCase();
        if (!['RESTART', 'PAUSE', 'RESUME'].includes(c)) throw new UsageError('the command is RESTART, PAUSE or RESUME');
        await api.POST('/v1/agents/{agentId}/commands', { params: { path: { agentId: await agentId(api, ref) } }, body: { command: c as 'RESTART' } });
        return undefined;
      },
    },
  ]);

  resource(
    program,
    'secrets',
    'secret values in the Matillion-hosted vault (values are write-only)',
    [
      { name: 'list', description: 'list secrets (Plinth extension; never values)', columns: [col('name', (r: any) => r.name), col('type', (r: any) => r.type), col('key', (r: any) => r.key), col('updatedAt', (r: any) => r.updatedAt)], run: async (api, o) => list(api.paginate('/v1/secrets/{agentId}/secret-values', { params: { path: { agentId: await secretsAgent(api, o) } } }), o) },
      {
        name: 'create',
        description: 'store a secret value, read from an environment variable or a file',
        options: [
          ['--name <name>', 'secret name'],
          ['--type <type>', 'DWH_PASSWORD | CLOUD_PROVIDER_SECRET'],
          ['--key <key>', 'the key holding the credential'],
          ['--value-env <var>', 'read the value from this environment variable'],
          ['--value-file <path>', 'read the value from this file'],
        ],
        run: async (api, o) => {
          if (!o.name || !o.type || !o.key) throw new UsageError('give --name, --type and --key');
          const v = o.valueEnv ? process.env[String(o.valueEnv)] : o.valueFile ? readFileSync(String(o.valueFile), 'utf8') : undefined;
          if (!v) throw new UsageError('give the value with --value-env <var> (set) or --value-file <path>; never on the command line');
          const value = o.type === 'CLOUD_PROVIDER_SECRET' && v.trim().startsWith('{') ? JSON.parse(v) : v;
          return api.POST('/v1/secrets/{agentId}/secret-value', { params: { path: { agentId: await secretsAgent(api, o) } }, body: { name: String(o.name), type: String(o.type) as any, key: String(o.key), value } });
        },
      },
      { name: 'delete', description: 'delete a secret (Plinth extension)', args: ['<name>'], run: async (api, o, name) => void (await api.DELETE('/v1/secrets/{agentId}/secret-values/{secretName}', { params: { path: { agentId: await secretsAgent(api, o), secretName: name } } })) },
    ],
    'project-or-agent',
  );

  resource(
    program,
    'secret-references',
    'secret references of a project',
    [
      { name: 'list', description: 'list secret references (Plinth extension; never values)', columns: [col('name', (r: any) => r.name), col('agentType', (r: any) => r.agentType), col('secretName', (r: any) => r.secretName), col('secretKey', (r: any) => r.secretKey), col('description', (r: any) => r.description)], run: async (api, o) => list(api.paginate('/v1/projects/{projectId}/secret-references', { params: { path: { projectId: await projectId(api, o.project) } } }), o) },
      {
        name: 'create',
        description: 'create a secret reference (body: the API request; --value-env fills secretValue)',
        args: ['<name>'],
        body: true,
        options: [['--value-env <var>', 'Matillion hosted: secretValue from this environment variable (JSON object or text)']],
        run: async (api, o, name) => {
          const body = readBody(o.file);
          if (o.valueEnv) {
            const v = process.env[String(o.valueEnv)];
            if (!v) throw new UsageError(`$${o.valueEnv} is not set`);
            body.secretValue = v.trim().startsWith('{') ? JSON.parse(v) : v;
          }
          await api.POST('/v1/projects/{projectId}/secret-references/{secretReferenceName}', { params: { path: { projectId: await projectId(api, o.project), secretReferenceName: name } }, body });
          return undefined;
        },
      },
      { name: 'delete', description: 'delete a secret reference (Plinth extension)', args: ['<name>'], run: async (api, o, name) => void (await api.DELETE('/v1/projects/{projectId}/secret-references/{secretReferenceName}', { params: { path: { projectId: await projectId(api, o.project), secretReferenceName: name } } })) },
    ],
    'project',
  );

  const connCols = [col('name', (r: any) => r.name), col('type', (r: any) => r.platformConnectionType), col('authProvider', (r: any) => r.authProvider), col('authType', (r: any) => r.authType), col('createdDate', (r: any) => r.createdDate)];
  resource(
    program,
    'connections',
    'connections of a project (the warehouse connection included)',
    [
      { name: 'list', description: 'list connections', options: [['--type <types>', 'comma-separated platformConnectionType filter']], columns: connCols, run: async (api, o) => list(api.paginate('/v1/projects/{projectId}/connections', { params: { path: { projectId: await projectId(api, o.project) }, query: o.type ? { platformConnectionType: String(o.type) } : {} } }), o) },
      {
        name: 'get',
        description: 'one connection',
        args: ['<name>'],
        run: async (api, o, name) => {
          const page = await api.GET('/v1/projects/{projectId}/connections', { params: { path: { projectId: await projectId(api, o.project) }, query: { connectionNames: name } } });
          const c = page.results.find((x) => x.name === name);
          if (!c) throw new ExitError(`no connection named "${name}"`, EXIT.ERROR);
          return c;
        },
      },
      {
        name: 'create',
        description: 'create a connection (body: CreateConnectionRequest; platformConnectionType DWH creates the warehouse connection)',
        body: true,
        run: async (api, o) => {
          const body = readBody(o.file);
          const path = { projectId: await projectId(api, o.project) };
          if (String(body?.platformConnectionType).toUpperCase() === 'DWH') return api.POST('/v1/projects/{projectId}/data-platform-connections', { params: { path }, body });
          return api.POST('/v1/projects/{projectId}/connections', { params: { path }, body });
        },
      },
      { name: 'update', description: 'replace a connection (body: UpdateConnectionRequest)', args: ['<name>'], body: true, run: async (api, o, name) => api.PUT('/v1/projects/{projectId}/connections', { params: { path: { projectId: await projectId(api, o.project) }, query: { connectionName: name } }, body: readBody(o.file) }) },
      { name: 'delete', description: 'delete a connection', args: ['<name>'], run: async (api, o, name) => void (await api.DELETE('/v1/projects/{projectId}/connections', { params: { path: { projectId: await projectId(api, o.project) }, query: { connectionName: name } } })) },
    ],
    'project',
  );

  resource(
    program,
    'environments',
    'environments of a project',
    [
      { name: 'list', description: 'list environments', columns: [col('name', (r: any) => r.name), col('displayName', (r: any) => r.displayName), col('agent', (r: any) => r.defaultAgentName ?? r.defaultAgentId), col('access', (r: any) => r.defaultUserAccessLevel), col('defaultConnections', (r: any) => r.defaultConnections)], run: async (api, o) => list(api.paginate('/v1/projects/{projectId}/environments', { params: { path: { projectId: await projectId(api, o.project) } } }), o) },
      { name: 'get', description: 'one environment with its overrides (Plinth extension)', args: ['<name>'], run: async (api, o, name) => api.GET('/v1/projects/{projectId}/environments/{environmentName}', { params: { path: { projectId: await projectId(api, o.project), environmentName: name } } }) },
      { name: 'create', description: 'create an environment (body: CreateEnvironmentRequest)', body: true, run: async (api, o) => api.POST('/v1/projects/{projectId}/environments', { params: { path: { projectId: await projectId(api, o.project) } }, body: readBody(o.file) }) },
      { name: 'delete', description: 'delete an environment (Plinth extension)', args: ['<name>'], run: async (api, o, name) => void (await api.DELETE('/v1/projects/{projectId}/environments/{environmentName}', { params: { path: { projectId: await projectId(api, o.project), environmentName: name } } })) },
    ],
    'project',
  );

  resource(
    program,
    'overrides',
    'environment connection overrides of a project',
    [
      {
        name: 'list',
        description: 'list the overrides of an environment',
        options: [['-e, --environment <name>', 'environment name']],
        columns: [col('connection', (r: any) => r.name), col('environment', (r: any) => r.environmentName), col('authType', (r: any) => r.authType), col('properties', (r: any) => Object.keys(r.connectionOverrides?.connectionProperties ?? {}).join(','))],
        run: async (api, o) => {
          if (!o.environment) throw new UsageError('give --environment');
          return list(api.paginate('/v1/projects/{projectId}/connections/environment-overrides', { params: { path: { projectId: await projectId(api, o.project) }, query: { environmentName: o.environment } } }), o);
        },
      },
      { name: 'create', description: 'create an override (body: EnvironmentConnectionOverrideRequest)', body: true, run: async (api, o) => api.POST('/v1/projects/{projectId}/connections/environment-overrides', { params: { path: { projectId: await projectId(api, o.project) } }, body: readBody(o.file) }) },
      { name: 'update', description: 'replace an override (same body)', body: true, run: async (api, o) => api.PUT('/v1/projects/{projectId}/connections/environment-overrides', { params: { path: { projectId: await projectId(api, o.project) } }, body: readBody(o.file) }) },
      {
        name: 'delete',
        description: 'delete overrides',
        options: [
          ['-e, --environment <name>', 'environment name'],
          ['-c, --connection <names>', 'comma-separated connection names'],
        ],
        run: async (api, o) => {
          if (!o.environment || !o.connection) throw new UsageError('give --environment and --connection');
          await api.DELETE('/v1/projects/{projectId}/connections/environment-overrides', { params: { path: { projectId: await projectId(api, o.project) }, query: { environmentName: o.environment, connectionNames: o.connection } } });
          return undefined;
        },
      },
    ],
    'project',
  );

  resource(
    program,
    'repositories',
    "a project's Git repository",
    [
      { name: 'get', description: 'the repository, with GitLab token status (Plinth extension)', run: async (api, o) => (await api.GET('/v1/projects/{projectId}/repositories', { params: { path: { projectId: await projectId(api, o.project) } } })).results[0] ?? null },
      {
        name: 'associate',
        description: 'associate a repository (body: AssociateRepositoryRequest)',
        body: true,
        options: [['--token-env <var>', 'GitLab: the access token from this environment variable']],
        run: async (api, o) => {
          const token = o.tokenEnv ? process.env[String(o.tokenEnv)] : undefined;
          if (o.tokenEnv && !token) throw new UsageError(`$${o.tokenEnv} is not set`);
          return api.POST('/v1/projects/{projectId}/repositories', { params: { path: { projectId: await projectId(api, o.project) }, ...(token ? { header: { 'Git-Provider-Access-Token': token } } : {}) }, body: readBody(o.file) });
        },
      },
    ],
    'project',
  );
}
