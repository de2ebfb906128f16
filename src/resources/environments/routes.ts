import type { EnvironmentsService } from './service.js';
import type { RouteBinder } from '../../core/http/binder.js';

export function environmentRoutes(r: RouteBinder, environments: EnvironmentsService) {
  r.op('createEnvironment', 'projects.write', async (req, reply) =>
    reply.code(201).send(await environments.create(req.actor!, req.params.projectId, req.body)),
  );
  r.op('listEnvironments', 'projects.read', async (req) => environments.list(req.actor!, req.params.projectId, req.query));
  r.op('getEnvironment', 'projects.read', async (req) => environments.get(req.actor!, req.params.projectId, req.params.environmentName));
  r.op('updateEnvironment', 'projects.write', async (req) => environments.update(req.actor!, req.params.projectId, req.params.environmentName, req.body));
  r.op('deleteEnvironment', 'projects.write', async (req, reply) => {
    await environments.delete(req.actor!, req.params.projectId, req.params.environmentName);
    return reply.code(204).send();
  });
}
