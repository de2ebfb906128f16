import { projectGrantKey } from '../../core/grants.js';
import { defineResource } from '../../core/module.js';
import { memberRoutes } from './routes.js';
import { createMembersService, type MembersService } from './service.js';
import { createMembersRepo } from './store.js';

declare module '../../core/module.js' {
  interface Services {
    /** Project membership; SCIM grants through `withGrants`. */
    members: MembersService;
  }
}

export default defineResource({
  name: 'members',
  register(ctx) {
    const service = createMembersService({
      db: ctx.db,
      members: createMembersRepo(ctx.db),
      projects: ctx.use('projectAccess'),
      changes: ctx.credentialChanges,
      audit: ctx.audit,
      clock: ctx.clock,
    });
    // A deleted project's memberships go with it (foreign keys); its members' cached grants are
    // dropped on every node once the deletion commits.
    ctx.projectHooks.push({
      async beforeDelete(trx, project) {
        const keys = [projectGrantKey(project.id)];
        await ctx.credentialChanges.announce(trx, keys);
        return async () => ctx.credentialChanges.committed(keys);
      },
    });
    // A removed user's grants go with it, in the removing transaction (which announces the user id).
    ctx.use('users').hooks.push({
      async beforeRemove(trx, _accountId, userId) {
        await service.removePrincipal(trx, userId);
      },
    });
    // Likewise a deleted API credential's (agent credentials are never principals); the deleting
    // transaction announces the client id, which is the principal id.
    ctx.use('apiCredentials').hooks.push({
      async beforeDelete(trx, _accountId, clientId) {
        await service.removePrincipal(trx, clientId);
      },
    });
    ctx.provide('members', service);
    return ({ api }) => memberRoutes(api, service);
  },
});
