import { defineResource } from '../../core/module.js';
import { createAuditPurge, type AuditPurge } from './purge.js';
import { auditEventRoutes } from './routes.js';
import { createAuditEventsService, type AuditEventsService } from './service.js';
import { createAuditEventsRepo } from './store.js';

declare module '../../core/module.js' {
  interface Services {
    auditEvents: AuditEventsService;
    /** The retention purge (`runOnce()` deletes every event past retention now). */
    auditPurge: AuditPurge;
  }
}

// The writer is the core's (src/core/audit.ts, installed by createApp); this module serves the
// reads and runs the retention purge.
export default defineResource({
  name: 'audit-events',
  register(ctx) {
    const service = createAuditEventsService({ events: createAuditEventsRepo(ctx.db), policy: ctx.policy });
    const purge = createAuditPurge({ db: ctx.db, clock: ctx.clock, retentionDays: ctx.config.auditRetentionDays, logger: ctx.logger, metrics: ctx.metrics });
    if (ctx.options.scheduleJobs) ctx.job(purge);
    ctx.provide('auditEvents', service);
    ctx.provide('auditPurge', purge);
    return ({ api }) => auditEventRoutes(api, service);
  },
});
