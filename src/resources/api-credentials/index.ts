import { defineResource } from '../../core/module.js';
import { apiCredentialRoutes } from './routes.js';
import { createApiCredentialsService, type ApiCredentialsService } from './service.js';
import { createApiCredentialsRepo } from './store.js';

declare module '../../core/module.js' {
  interface Services {
    apiCredentials: ApiCredentialsService;
  }
}

export default defineResource({
  name: 'api-credentials',
  register(ctx) {
    const service = createApiCredentialsService({
      db: ctx.db,
      credentials: createApiCredentialsRepo(ctx.db),
      identity: ctx.identity,
      vault: ctx.vault,
      policy: ctx.policy,
      clock: ctx.clock,
      changes: ctx.credentialChanges,
      audit: ctx.audit,
    });
    ctx.provide('apiCredentials', service);
    return ({ api }) => apiCredentialRoutes(api, service);
  },
});
