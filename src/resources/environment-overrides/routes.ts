import type { RouteBinder } from '../../core/http/binder.js';
import type { EnvironmentOverridesService } from './service.js';

export function overrideRoutes(r: RouteBinder, overrides: EnvironmentOverridesService) {
  r.op('createEnvironmentConnectionOverride', 'projects.write', async (req, reply) =>
    reply.code(201).send(await overrides.create(req.actor!, req.params.projectId, req.body)),
  );
  r.op('updateEnvironmentConnectionOverride', 'projects.write', async (req) =>
    overrides.replace(req.actor!, req.params.projectId, req.body),
  );
  r.op('listEnvironmentConnectionOverrides', 'projects.read', async (req) =>
    overrides.list(req.actor!, req.params.projectId, req.query),
  );
  r.op('deleteEnvironmentConnectionOverrides', 'projects.write', async (req, reply) => {
    await overrides.delete(req.actor!, req.params.projectId, req.query.environmentName, req.query.connectionNames);
    return reply.code(204).send();
  });
}
