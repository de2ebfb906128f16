import { defineResource } from '../../core/module.js';
import { createScheduleFiring, type ScheduleFiring } from './firing.js';
import { scheduleRoutes } from './routes.js';
import { createSchedulesService, scheduleEnvironmentHooks, type SchedulesService } from './service.js';
import { createSchedulesRepo } from './store.js';

declare module '../../core/module.js' {
  interface Services {
    schedules: SchedulesService;
    /** The schedule job: `tick()` fires every due tick now (tests, the clock controls). */
    scheduleFiring: ScheduleFiring;
  }
}

export default defineResource({
  name: 'schedules',
  register(ctx) {
    const schedules = createSchedulesRepo(ctx.db);
    const environments = ctx.use('environments');
    environments.addHooks(scheduleEnvironmentHooks({ schedules, audit: ctx.audit }));
    const service = createSchedulesService({
      db: ctx.db,
      schedules,
      projects: ctx.use('projectAccess'),
      environments,
      audit: ctx.audit,
      clock: ctx.clock,
    });
    const firing = createScheduleFiring({
      db: ctx.db,
      dialect: ctx.dialect,
      schedules,
      runner: ctx.use('pipelineExecutions'),
      audit: ctx.audit,
      clock: ctx.clock,
      logger: ctx.logger,
      metrics: ctx.metrics,
    });
    if (ctx.options.scheduleJobs) ctx.job(firing);
    ctx.provide('schedules', service);
    ctx.provide('scheduleFiring', firing);
    return ({ api }) => scheduleRoutes(api, service);
  },
});
