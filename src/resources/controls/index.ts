import { defineResource } from '../../core/module.js';
import { controlRoutes } from './routes.js';
import { createControlsService } from './service.js';
import { createControlsRepo } from './store.js';

/**
 * The test-instance controls under `/plinth/controls` (state, clock, faults): an extension, off
 * unless PLINTH_CONTROLS=1. Registered last: it uses the services of every other module and its
 * fragment comes last in the served contract.
 */
export default defineResource({
  name: 'controls',
  register(ctx) {
    const { config } = ctx;
    const rotation = ctx.use('tokenRotation');
    const executions = ctx.use('pipelineExecutions');
    const schedules = ctx.use('scheduleFiring');
    const service = createControlsService({
      db: ctx.db,
      audit: ctx.audit,
      state: ctx.state,
      repo: createControlsRepo(ctx.db),
      identity: ctx.identity,
      changes: ctx.credentialChanges,
      limiters: ctx.limiters,
      clock: ctx.clockControl,
      faults: ctx.faults,
      // The jobs that act on Plinth's time, run at once when the clock moves.
      jobs: () => [
        { name: 'gitlabTokenRotation', runOnce: () => rotation.runOnce() },
        { name: 'schedules', runOnce: () => schedules.tick() },
        // Pipeline runs whose steps are now due (after schedules, so runs they start move too).
        { name: 'pipelineExecutions', runOnce: async () => ({ advanced: await executions.runDue() }) },
      ],
      bootstrap: config.bootstrapClientId ? { clientId: config.bootstrapClientId, clientSecret: config.bootstrapClientSecret! } : undefined,
      people: ctx.use('users').resetRules(config.bootstrapAdmin),
      logger: ctx.logger,
    });
    return (http) =>
      controlRoutes(http, service, {
        enabled: config.controls.enabled,
        database: ctx.dialect,
        tokens: ctx.tokens,
        identity: ctx.identity,
        policy: ctx.policy,
      });
  },
});
