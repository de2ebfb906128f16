import { defineResource } from '../../core/module.js';
import { secretReferenceRoutes } from './routes.js';
import { createSecretReferencesService, type SecretReferencesService } from './service.js';
import { createSecretReferencesRepo } from './store.js';

declare module '../../core/module.js' {
  interface Services {
    secretReferences: SecretReferencesService;
  }
}

export default defineResource({
  name: 'secret-references',
  register(ctx) {
    const service = createSecretReferencesService({
      db: ctx.db,
      audit: ctx.audit,
      projects: ctx.use('projectAccess'),
      agents: ctx.use('agents'),
      secrets: createSecretReferencesRepo(ctx.db),
      vault: ctx.vault,
      clock: ctx.clock,
    });
    ctx.provide('secretReferences', service);
    return ({ api }) => secretReferenceRoutes(api, service);
  },
});
