import { defineResource } from '../../core/module.js';
import { secretRoutes } from './routes.js';
import { createSecretsService, type SecretsService } from './service.js';
import { createSecretsRepo } from './store.js';

declare module '../../core/module.js' {
  interface Services {
    secrets: SecretsService;
  }
}

export default defineResource({
  name: 'secrets',
  register(ctx) {
    const service = createSecretsService({ db: ctx.db, audit: ctx.audit, agents: ctx.use('agents'), secrets: createSecretsRepo(ctx.db), vault: ctx.vault, policy: ctx.policy, clock: ctx.clock });
    ctx.provide('secrets', service);
    return ({ api }) => secretRoutes(api, service);
  },
});
