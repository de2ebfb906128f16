import { defineResource } from '../../core/module.js';
import { environmentRoutes } from './routes.js';
import { createEnvironmentsService, type EnvironmentsService } from './service.js';
import { createEnvironmentsRepo } from './store.js';

declare module '../../core/module.js' {
  interface Services {
    environments: EnvironmentsService;
  }
}

export default defineResource({
  name: 'environments',
  register(ctx) {
    const environments = createEnvironmentsRepo(ctx.db);
    const connections = ctx.use('connections');
    const overrides = ctx.use('environmentOverrides');
    const service = createEnvironmentsService({
      db: ctx.db,
      audit: ctx.audit,
      projects: ctx.use('projectAccess'),
      connections,
      environments,
      agents: ctx.use('agents'),
      secrets: ctx.use('secrets'),
      references: ctx.use('secretReferences'),
      overrides,
      clock: ctx.clock,
      grants: ctx.credentialChanges,
    });
    connections.addUsage({ asDefault: (id, trx) => environments.defaultUsersOf(id, trx) });
    ctx.provide('environments', service);
    return ({ api }) => environmentRoutes(api, service);
  },
});
