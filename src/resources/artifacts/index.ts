import { defineResource } from '../../core/module.js';
import { createArtifactsService, type ArtifactsService } from './service.js';
import { createArtifactsRepo } from './store.js';

declare module '../../core/module.js' {
  interface Services {
    /** Artifacts and the pipeline files they hold (see the top of ./service.ts). */
    artifacts: ArtifactsService;
  }
}

export default defineResource({
  name: 'artifacts',
  register(ctx) {
    const service = createArtifactsService({
      db: ctx.db,
      projects: ctx.use('projectAccess'),
      environments: ctx.use('environments'),
      artifacts: createArtifactsRepo(ctx.db),
      audit: ctx.audit,
      clock: ctx.clock,
    });
    ctx.provide('artifacts', service);
    return () => {};
  },
});
