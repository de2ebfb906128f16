import type { ProjectAccess } from '../../core/access.js';
import { defineResource } from '../../core/module.js';
import { projectRoutes } from './routes.js';
import { createProjectsService, type ProjectsService } from './service.js';
import { createProjectsRepo } from './store.js';

declare module '../../core/module.js' {
  interface Services {
    projects: ProjectsService;
    /** "May this actor do X on project P" for every other resource. */
    projectAccess: ProjectAccess;
  }
}

export default defineResource({
  name: 'projects',
  register(ctx) {
    const service = createProjectsService({
      db: ctx.db,
      projects: createProjectsRepo(ctx.db, ctx.dialect),
      policy: ctx.policy,
      clock: ctx.clock,
      hooks: ctx.projectHooks,
    });
    ctx.provide('projects', service);
    ctx.provide('projectAccess', service.access);
    return ({ api }) => projectRoutes(api, service);
  },
});
