import { defineResource } from '../../core/module.js';
import { artifactRoutes } from './routes.js';
import { createArtifactsService, type ArtifactsService } from './service.js';
import { createSharedService } from './shared.js';
import { createArtifactsRepo, createConnectorProfilesRepo, createSharedPipelinesRepo } from './store.js';

declare module '../../core/module.js' {
  interface Services {
    /** Artifacts and the pipeline files they hold (see the top of ./service.ts). */
    artifacts: ArtifactsService;
  }
}

/**
 * Artifacts, published pipelines, connector profiles and shared-pipeline artifacts (issue 15):
 * the CI/CD publishing surface. Publish bodies are multipart, parsed only in their own scope.
 */
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
    const shared = createSharedService({ db: ctx.db, profiles: createConnectorProfilesRepo(ctx.db), shared: createSharedPipelinesRepo(ctx.db), audit: ctx.audit, clock: ctx.clock, policy: ctx.policy });
    ctx.provide('artifacts', service);
    return ({ api, app, bind }) => artifactRoutes(app, bind, api, service, shared);
  },
});
