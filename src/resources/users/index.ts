import { defineResource } from '../../core/module.js';
import { userRoutes } from './routes.js';
import { createUsersService, type UsersService } from './service.js';
import { createInvitationsRepo, createUsersRepo } from './store.js';

declare module '../../core/module.js' {
  interface Services {
    users: UsersService;
  }
}

/** Sign-in failures are counted like the token endpoint's (PLINTH_AUTH_FAILURE_LIMIT per 15 minutes). */
const FAILURE_WINDOW_SECONDS = 15 * 60;

export default defineResource({
  name: 'users',
  register(ctx) {
    const limit = ctx.config.authFailureLimit;
    const service = createUsersService({
      db: ctx.db,
      users: createUsersRepo(ctx.db, ctx.dialect),
      invitations: createInvitationsRepo(ctx.db),
      identity: ctx.identity,
      policy: ctx.policy,
      clock: ctx.clock,
      changes: ctx.credentialChanges,
      audit: ctx.audit,
      limits: {
        perUser: ctx.limiters.get({ keyPrefix: 'auth-user', points: limit, durationSeconds: FAILURE_WINDOW_SECONDS }),
        // The same counter as the token endpoint's per-address limit: one budget per address.
        perAddress: ctx.limiters.get({ keyPrefix: 'auth-address', points: limit * 3, durationSeconds: FAILURE_WINDOW_SECONDS }),
      },
      publicUrl: ctx.config.publicUrl,
      invitationTtlHours: ctx.config.invitationTtlHours,
    });
    // A token whose subject is a user id resolves to that person (cached like credentials).
    ctx.identity.resolveUsersWith(service.actorById);
    ctx.provide('users', service);
    return ({ api }) => userRoutes(api, service);
  },
});
