import { defineResource } from '../../core/module.js';
import { streamingPipelineRoutes } from './routes.js';
import { createStreamingPipelinesService, type StreamingPipelinesService } from './service.js';
import { createStreamingPipelinesRepo } from './store.js';

declare module '../../core/module.js' {
  interface Services {
    streamingPipelines: StreamingPipelinesService;
  }
}

export default defineResource({
  name: 'streaming-pipelines',
  register(ctx) {
    const service = createStreamingPipelinesService({
      db: ctx.db,
      pipelines: createStreamingPipelinesRepo(ctx.db),
      projects: ctx.use('projectAccess'),
      agents: ctx.use('agents'),
      audit: ctx.audit,
      clock: ctx.clock,
    });
    ctx.provide('streamingPipelines', service);
    return ({ api }) => streamingPipelineRoutes(api, service);
  },
});
