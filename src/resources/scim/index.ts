import { defineResource } from '../../core/module.js';
import { scimRoutes } from './routes.js';
import { createScimService, type ScimService } from './service.js';
import { createBindingsReader } from './bindings-store.js';
import { createScimTokensRepo } from './store.js';
import { createScimTokenService } from './tokens.js';

declare module '../../core/module.js' {
  interface Services {
    scim: ScimService;
  }
}

/**
 * SCIM 2.0 (issue 13) at /v1/directory-integration/scim/v2: users through the users service,
 * groups derived from projects, environments and memberships, grants through the members
 * service; plus the SCIM bearer secrets identity providers are configured with.
 */
export default defineResource({
  name: 'scim',
  register(ctx) {
    const service = createScimService({
      users: ctx.use('users'),
      members: ctx.use('members'),
      access: ctx.use('projectAccess'),
      policy: ctx.policy,
      reader: createBindingsReader(ctx.db),
    });
    const tokens = createScimTokenService({ db: ctx.db, tokens: createScimTokensRepo(ctx.db), identity: ctx.identity, policy: ctx.policy, clock: ctx.clock, audit: ctx.audit });
    ctx.provide('scim', service);
    return (http) => scimRoutes(http, { service, tokens, policy: ctx.policy, coreTokens: ctx.tokens, identity: ctx.identity });
  },
});
