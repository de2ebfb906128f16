/**
 * The resource commands inside a project (--project, a name or an id): secrets (or --agent),
 * secret references, connections, environments, overrides, the repository.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ExitError, EXIT, UsageError } from '../output.js';
import { col, list, projectId, readBody, resource, secretsAgent } from './verbs.js';

export function secrets(program: Command) {
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
}

export function secretReferences(program: Command) {
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
}

export function connections(program: Command) {
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
}

export function environments(program: Command) {
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
}

export function overrides(program: Command) {
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
}

export function repositories(program: Command) {
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
