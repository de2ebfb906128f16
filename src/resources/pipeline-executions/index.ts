import { defineResource } from '../../core/module.js';
import { createEngine } from './engine.js';
import { createReporting } from './reporting.js';
import { pipelineExecutionRoutes } from './routes.js';
import { createExecutionsService, type ExecutionsService } from './service.js';
import { createExecutionsRepo } from './store.js';

declare module '../../core/module.js' {
  interface Services {
    /** Executions and the simulated runtime (see the top of ./service.ts for the in-process API). */
    pipelineExecutions: ExecutionsService;
  }
}

export default defineResource({
  name: 'pipeline-executions',
  register(ctx) {
    const repo = createExecutionsRepo(ctx.db);
    const artifacts = ctx.use('artifacts');
    const resolve = () => artifacts.resolvePipeline;
    const engine = createEngine({ db: ctx.db, repo, clock: ctx.clock, nodeId: ctx.nodeId, resolve, logger: ctx.logger }, { workerIdleMs: ctx.options.executionsIdleMs });
    const service = createExecutionsService({ db: ctx.db, repo, engine, projects: ctx.use('projectAccess'), policy: ctx.policy, audit: ctx.audit, clock: ctx.clock, resolve });
    // The worker advances due runs on its own when background jobs run; reads advance them too
    // (engine.ts), so a test instance without jobs still sees its runs finish, deterministically.
    if (ctx.options.scheduleJobs) ctx.job(engine.worker());
    ctx.provide('pipelineExecutions', service);
    return ({ api }) => pipelineExecutionRoutes(api, service, createReporting({ repo, policy: ctx.policy }));
  },
});
