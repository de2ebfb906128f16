import { defineResource } from '../../core/module.js';
import { createScheduleFiring, type ScheduleFiring, type ScheduleRunner } from './firing.js';
import { scheduleRoutes } from './routes.js';
import { createSchedulesService, type SchedulesService } from './service.js';
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
    const service = createSchedulesService({
      db: ctx.db,
      schedules,
      projects: ctx.use('projectAccess'),
      environments: ctx.use('environments'),
      audit: ctx.audit,
      clock: ctx.clock,
    });
    const runner = (ctx.later as (name: string) => () => unknown)('pipelineExecutions') as () => ScheduleRunner;
    const firing = createScheduleFiring({ db: ctx.db, schedules, runner, audit: ctx.audit, clock: ctx.clock, logger: ctx.logger, metrics: ctx.metrics });
    if (ctx.options.scheduleJobs) ctx.job(firing);
    ctx.provide('schedules', service);
    ctx.provide('scheduleFiring', firing);
    return ({ api }) => scheduleRoutes(api, service);
  },
});
