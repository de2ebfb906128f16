import type { ProjectsService } from './service.js';
import type { RouteBinder } from '../../core/http/binder.js';
import { serializedOnce } from '../../core/http/serialized-once.js';

export function projectRoutes(r: RouteBinder, projects: ProjectsService) {
  r.op('createProject', 'projects.create', async (req, reply) => reply.code(201).send(await projects.create(req.actor!, req.body)));
  const sendPage = serializedOnce();
  r.op('listProjects', 'authenticated', async (req, reply) => sendPage(reply, await projects.list(req.actor!, req.query)));
  r.op('getProject', 'projects.read', async (req) => projects.get(req.actor!, req.params.projectId));
  r.op('deleteProject', 'projects.delete', async (req, reply) => {
    await projects.delete(req.actor!, req.params.projectId);
    return reply.code(204).send();
  });
}
