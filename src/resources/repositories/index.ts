import { defineResource } from '../../core/module.js';
import { createGitLabClient } from './gitlab.js';
import { repositoryRoutes } from './routes.js';
import { createRepositoriesService, repositoryProjectHooks, type RepositoriesService } from './service.js';
import { createRepositoriesRepo } from './store.js';
import { createTokenRotation, type TokenRotation } from './token-rotation.js';

declare module '../../core/module.js' {
  interface Services {
    repositories: RepositoriesService;
    /** The GitLab token rotation job (`runOnce()` rotates every due token now). */
    tokenRotation: TokenRotation;
  }
}

export default defineResource({
  name: 'repositories',
  register(ctx) {
    const { vault, clock, logger, nodeId } = ctx;
    const gitlab = createGitLabClient({ baseUrl: ctx.config.gitlabUrl, timeoutMs: ctx.options.gitlabTimeoutMs });
    const repos = createRepositoriesRepo(ctx.db);
    const service = createRepositoriesService({ db: ctx.db, audit: ctx.audit, repos, projects: ctx.use('projectAccess'), gitlab, vault, clock, logger, nodeId });
    // Deleting a project revokes its GitLab token once the deletion has committed.
    ctx.projectHooks.push(repositoryProjectHooks({ repos, gitlab, vault, logger }));
    const rotation = createTokenRotation({ db: ctx.db, audit: ctx.audit, repos, gitlab, vault, clock, logger, nodeId, intervalSeconds: ctx.config.rotationIntervalSeconds, metrics: ctx.metrics });
    if (ctx.options.scheduleJobs) ctx.job(rotation);
    ctx.provide('repositories', service);
    ctx.provide('tokenRotation', rotation);
    return ({ api }) => repositoryRoutes(api, service);
  },
});
