import type { RouteBinder } from '../../core/http/binder.js';
import type { MembersService } from './service.js';

export function memberRoutes(r: RouteBinder, members: MembersService) {
  r.op('listProjectMembers', 'projects.read', async (req) => members.list(req.actor!, req.params.projectId, req.query));
  // Managing members is the project OWNER's (the policy's projects.delete), checked in the service.
  r.op('putProjectMember', 'projects.delete', async (req) => members.put(req.actor!, req.params.projectId, req.params.principalId, req.body));
  r.op('deleteProjectMember', 'projects.delete', async (req, reply) => {
    await members.remove(req.actor!, req.params.projectId, req.params.principalId);
    return reply.code(204).send();
  });
}
