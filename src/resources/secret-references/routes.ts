import type { RouteBinder } from '../../core/http/binder.js';
import type { SecretReferenceInput, SecretReferencesService } from './service.js';

export function secretReferenceRoutes(r: RouteBinder, references: SecretReferencesService) {
  // The body was validated against the flat schema (x-plinth-validate); the variant rules are the service's.
  r.op('createSecretReference', 'projects.write', async (req, reply) => {
    await references.create(req.actor!, req.params.projectId, req.params.secretReferenceName, req.body as SecretReferenceInput);
    return reply.code(201).send();
  });
  r.op('listSecretReferences', 'projects.read', async (req) => references.list(req.actor!, req.params.projectId, req.query));
  r.op('deleteSecretReference', 'projects.delete', async (req, reply) => {
    await references.delete(req.actor!, req.params.projectId, req.params.secretReferenceName);
    return reply.code(204).send();
  });
}
