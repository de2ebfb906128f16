/** The resource commands of the account: projects, API credentials, agents (`<project>` and `<agent>` are a name or an id). */
import type { Command } from 'commander';
import { UsageError } from '../output.js';
import { listAgents } from '../state.js';
import { agentId, col, list, projectId, readBody, resource } from './verbs.js';

export function projects(program: Command) {
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
}

export function apiCredentials(program: Command) {
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
}

export function agents(program: Command) {
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
}
