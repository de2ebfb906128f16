import type { ConnectionsService } from '../../domain/connections.js';
import type { EnvironmentsService } from '../../domain/environments.js';
import type { RouteBinder } from '../context.js';

/** Connections, default warehouse connections and environment connection overrides. */
export function connectionRoutes(r: RouteBinder, connections: ConnectionsService, environments: EnvironmentsService) {
  r.op('createDataPlatformConnection', 'projects.write', async (req, reply) =>
    reply.code(201).send(await connections.createDataPlatform(req.actor!, req.params.projectId, req.body)),
  );
  r.op('createProjectConnection', 'projects.write', async (req, reply) =>
    reply.code(201).send(await connections.create(req.actor!, req.params.projectId, req.body)),
  );
  r.op('listProjectConnections', 'projects.read', async (req) => connections.list(req.actor!, req.params.projectId, req.query));
  r.op('updateProjectConnection', 'projects.write', async (req) =>
    connections.replace(req.actor!, req.params.projectId, req.query.connectionName, req.body),
  );
  r.op('deleteProjectConnection', 'projects.write', async (req, reply) => {
    await connections.delete(req.actor!, req.params.projectId, req.query.connectionName);
    return reply.code(204).send();
  });

  r.op('createEnvironmentConnectionOverride', 'projects.write', async (req, reply) =>
    reply.code(201).send(await environments.createOverride(req.actor!, req.params.projectId, req.body)),
  );
  r.op('updateEnvironmentConnectionOverride', 'projects.write', async (req) =>
    environments.replaceOverride(req.actor!, req.params.projectId, req.body),
  );
  r.op('listEnvironmentConnectionOverrides', 'projects.read', async (req) =>
    environments.listOverrides(req.actor!, req.params.projectId, req.query),
  );
  r.op('deleteEnvironmentConnectionOverrides', 'projects.write', async (req, reply) => {
    await environments.deleteOverrides(req.actor!, req.params.projectId, req.query.environmentName, req.query.connectionNames);
    return reply.code(204).send();
  });
}
