import { defineResource } from '../../core/module.js';
import { oauthRoutes } from './routes.js';
import { createTokenGrant } from './service.js';

/** The token endpoint (`POST /oauth/dpc/token`) and the public keys (`/.well-known/jwks.json`). */
export default defineResource({
  name: 'oauth',
  register(ctx) {
    const grant = createTokenGrant({
      identity: ctx.identity,
      tokens: ctx.tokens,
      audiences: ctx.config.audiences,
      failureLimit: ctx.config.authFailureLimit,
      limiters: ctx.limiters,
      db: ctx.db,
      audit: ctx.audit,
      users: ctx.later('users'),
    });
    return ({ app, bind }) => oauthRoutes(app, bind, { grant, tokens: ctx.tokens });
  },
});
