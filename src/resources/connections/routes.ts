import type { ConnectionsService } from './service.js';
import type { RouteBinder } from '../../core/http/binder.js';

/** Connections and default warehouse connections. */
export function connectionRoutes(r: RouteBinder, connections: ConnectionsService) {
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
  r.op('deleteProjectConnection', 'projects.delete', async (req, reply) => {
    await connections.delete(req.actor!, req.params.projectId, req.query.connectionName);
    return reply.code(204).send();
  });

}
