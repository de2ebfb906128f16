import type { ApiCredentialsService } from './service.js';
import type { RouteBinder } from '../../core/http/binder.js';

export function apiCredentialRoutes(r: RouteBinder, credentials: ApiCredentialsService) {
  r.op('createApiCredential', 'apiCredentials.manage', async (req, reply) =>
    reply.code(201).header('cache-control', 'no-store').send(await credentials.create(req.actor!, req.body)),
  );
  r.op('listApiCredentials', 'apiCredentials.manage', async (req) => credentials.list(req.actor!, req.query));
  r.op('deleteApiCredential', 'apiCredentials.manage', async (req, reply) => {
    await credentials.delete(req.actor!, req.params.clientId);
    return reply.code(204).send();
  });
}
