import { defineResource } from '../../core/module.js';
import { installSessionAuth, pageRoutes, sessionRoutes } from './routes.js';
import { createConsoleSessions, type ConsoleSessions } from './service.js';
import { createSessionsRepo } from './store.js';

declare module '../../core/module.js' {
  interface Services {
    consoleSessions: ConsoleSessions;
  }
}

/**
 * The console (issue 14): its pages at /console (built by `npm run build` into dist/console),
 * and the sign-in session they use to call the public API (service.ts explains the session).
 */
export default defineResource({
  name: 'console',
  register(ctx) {
    const users = ctx.use('users');
    const sessions = createConsoleSessions({ db: ctx.db, sessions: createSessionsRepo(ctx.db), users: () => users, clock: ctx.clock, audit: ctx.audit });
    // A removed user's sessions go with it, and a password change (or deactivation) ends them, in the change's transaction.
    users.hooks.push({
      beforeRemove: (trx, _accountId, userId) => sessions.revokeUser(userId, trx),
      onSignInsRevoked: (trx, _accountId, userId) => sessions.revokeUser(userId, trx),
    });
    ctx.provide('consoleSessions', sessions);
    return ({ api, app }) => {
      installSessionAuth(app, sessions);
      sessionRoutes(api, sessions, ctx.config.consoleTrustForwardedProto);
      pageRoutes(app, ctx.config.consoleDir);
    };
  },
});
