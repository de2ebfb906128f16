import { defineResource } from '../../core/module.js';
import { connectionRoutes } from './routes.js';
import { createConnectionsService, type ConnectionsService } from './service.js';
import { createConnectionsRepo } from './store.js';

declare module '../../core/module.js' {
  interface Services {
    connections: ConnectionsService;
  }
}

export default defineResource({
  name: 'connections',
  register(ctx) {
    const service = createConnectionsService({ db: ctx.db, audit: ctx.audit, projects: ctx.use('projectAccess'), connections: createConnectionsRepo(ctx.db, ctx.dialect), clock: ctx.clock });
    ctx.provide('connections', service);
    return ({ api }) => connectionRoutes(api, service);
  },
});
