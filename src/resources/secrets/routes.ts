import type { RouteBinder } from '../../core/http/binder.js';
import type { SecretsService } from './service.js';

export function secretRoutes(r: RouteBinder, secrets: SecretsService) {
  r.op('createSecretValue', 'agents.manage', async (req, reply) =>
    reply.code(201).send(await secrets.create(req.actor!, req.params.agentId, req.body as Parameters<SecretsService['create']>[2])),
  );
  r.op('listSecretValues', 'agents.read', async (req) => secrets.list(req.actor!, req.params.agentId, req.query));
  r.op('deleteSecretValue', 'agents.manage', async (req, reply) => {
    await secrets.delete(req.actor!, req.params.agentId, req.params.secretName);
    return reply.code(204).send();
  });
}
