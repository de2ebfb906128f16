import type { AgentsService } from './service.js';
import type { RouteBinder } from '../../core/http/binder.js';

export function agentRoutes(r: RouteBinder, agents: AgentsService) {
  r.op('listAgents', 'agents.read', async (req) => agents.list(req.actor!, req.query));
  r.op('createAgent', 'agents.manage', async (req, reply) => reply.code(201).send(await agents.create(req.actor!, req.body)));
  // 'authenticated': an agent's own token may read its own agent; the service decides.
  r.op('getAgent', 'authenticated', async (req) => agents.get(req.actor!, req.params.agentId));
  r.op('updateAgent', 'agents.manage', async (req, reply) => reply.code(202).send(await agents.update(req.actor!, req.params.agentId, req.body)));
  r.op('deleteAgent', 'agents.manage', async (req, reply) => {
    await agents.delete(req.actor!, req.params.agentId);
    return reply.code(202).send();
  });
  r.op('getAgentCredentials', 'agents.manage', async (req, reply) =>
    reply.header('cache-control', 'no-store').send(await agents.credentials(req.actor!, req.params.agentId)),
  );
  r.op('refreshAgentCredentials', 'agents.manage', async (req, reply) =>
    reply.header('cache-control', 'no-store').send(await agents.credentialsAction(req.actor!, req.params.agentId, req.body.action)),
  );
  r.op('getAgentAllowlist', 'agents.read', async (req) => agents.allowlist(req.actor!, req.params.agentId));
  r.op('updateAgentAllowlist', 'agents.manage', async (req) => agents.addToAllowlist(req.actor!, req.params.agentId, req.body));
  r.op('agentCommand', 'agents.manage', async (req, reply) => reply.code(202).send(await agents.command(req.actor!, req.params.agentId, req.body.command)));
}
