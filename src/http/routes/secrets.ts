import type { SecretReferenceInput, SecretReferencesService } from '../../domain/secret-references.js';
import type { SecretsService } from '../../domain/secrets.js';
import type { RouteBinder } from '../context.js';

export function secretRoutes(r: RouteBinder, secrets: SecretsService, references: SecretReferencesService) {
  r.op('createSecretValue', 'agents.manage', async (req, reply) =>
    reply.code(201).send(await secrets.create(req.actor!, req.params.agentId, req.body as Parameters<SecretsService['create']>[2])),
  );
  r.op('listSecretValues', 'agents.read', async (req) => secrets.list(req.actor!, req.params.agentId, req.query));
  r.op('deleteSecretValue', 'agents.manage', async (req, reply) => {
    await secrets.delete(req.actor!, req.params.agentId, req.params.secretName);
    return reply.code(204).send();
  });

  // The body was validated against the flat schema (x-plinth-validate); the variant rules are the domain's.
  r.op('createSecretReference', 'projects.write', async (req, reply) => {
    await references.create(req.actor!, req.params.projectId, req.params.secretReferenceName, req.body as SecretReferenceInput);
    return reply.code(201).send();
  });
  r.op('listSecretReferences', 'projects.read', async (req) => references.list(req.actor!, req.params.projectId, req.query));
  r.op('deleteSecretReference', 'projects.write', async (req, reply) => {
    await references.delete(req.actor!, req.params.projectId, req.params.secretReferenceName);
    return reply.code(204).send();
  });
}
