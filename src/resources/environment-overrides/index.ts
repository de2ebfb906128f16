import { defineResource } from '../../core/module.js';
import { overrideRoutes } from './routes.js';
import { createEnvironmentOverridesService, type EnvironmentOverridesService } from './service.js';
import { createOverridesRepo } from './store.js';

declare module '../../core/module.js' {
  interface Services {
    environmentOverrides: EnvironmentOverridesService;
  }
}

export default defineResource({
  name: 'environment-overrides',
  register(ctx) {
    const overrides = createOverridesRepo(ctx.db);
    const connections = ctx.use('connections');
    const environments = ctx.later('environments');
    const service = createEnvironmentOverridesService({
      db: ctx.db,
      audit: ctx.audit,
      projects: ctx.use('projectAccess'),
      connections,
      // Environments are registered after this resource (they create their overrides through it).
      environments: { find: (...a) => environments().find(...a), resolveSecrets: (...a) => environments().resolveSecrets(...a) },
      overrides,
      clock: ctx.clock,
    });
    connections.addUsage({ asOverride: (id, trx) => overrides.usersOf(id, trx) });
    ctx.provide('environmentOverrides', service);
    return ({ api }) => overrideRoutes(api, service);
  },
});
