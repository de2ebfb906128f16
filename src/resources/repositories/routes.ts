import type { RepositoriesService } from './service.js';
import type { RouteBinder } from '../../core/http/binder.js';

export function repositoryRoutes(r: RouteBinder, repositories: RepositoriesService) {
  r.op('associateRepository', 'projects.write', async (req, reply) =>
    reply.code(201).send(await repositories.associate(req.actor!, req.params.projectId, req.body, req.headers['git-provider-access-token'])),
  );
  r.op('listRepositories', 'projects.read', async (req) => repositories.list(req.actor!, req.params.projectId, req.query));
  r.op('rotateRepositoryToken', 'projects.write', async (req) =>
    repositories.rotateToken(req.actor!, req.params.projectId, req.headers['git-provider-access-token']),
  );
}
