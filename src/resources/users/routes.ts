import type { RouteBinder } from '../../core/http/binder.js';
import type { UsersService } from './service.js';

export function userRoutes(r: RouteBinder, users: UsersService) {
  r.op('listUsers', 'users.read', async (req) => users.list(req.actor!, req.query));
  r.op('getUser', 'users.read', async (req) => users.get(req.actor!, req.params.userId));
  r.op('updateUser', 'users.manage', async (req) => users.update(req.actor!, req.params.userId, req.body));
  r.op('deleteUser', 'users.manage', async (req, reply) => {
    await users.remove(req.actor!, req.params.userId);
    return reply.code(204).send();
  });
  r.op('createInvitation', 'users.manage', async (req, reply) =>
    reply.code(201).header('cache-control', 'no-store').send(await users.invitations.invite(req.actor!, req.body)),
  );
  r.op('listInvitations', 'users.manage', async (req) => users.invitations.list(req.actor!, req.query));
  r.op('deleteInvitation', 'users.manage', async (req, reply) => {
    await users.invitations.remove(req.actor!, req.params.invitationId);
    return reply.code(204).send();
  });
  r.op('acceptInvitation', 'public', async (req, reply) => reply.code(201).header('cache-control', 'no-store').send(await users.invitations.accept(req.body)));
}
