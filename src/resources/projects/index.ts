import type { ProjectAccess } from '../../core/access.js';
import { insertOwnerMember } from '../../core/identity/grants-store.js';
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
      audit: ctx.audit,
      projects: createProjectsRepo(ctx.db, ctx.dialect, { cache: ctx.readCache }),
      policy: ctx.policy,
      clock: ctx.clock,
      hooks: ctx.projectHooks,
      grantedProjectIds: (actor) => ctx.policy.grantedProjectIds(actor),
      changes: ctx.credentialChanges,
      async addCreator(trx, project, actor) {
        await insertOwnerMember(trx, project.id, actor, project.createdAt);
        await ctx.audit.record(trx, actor, {
          eventName: 'member_added',
          eventType: 'CREATE',
          description: 'Project creator added as Owner',
          subjectType: 'MEMBER',
          subjectId: actor.clientId,
          subjectName: actor.email ?? actor.clientId,
          projectId: project.id,
          additionalInfo: { role: 'OWNER', principalType: actor.principalType ?? 'API_CREDENTIAL', reason: 'project_creator' },
        });
        return [actor.clientId];
      },
    });
    ctx.provide('projects', service);
    ctx.provide('projectAccess', service.access);
    return ({ api }) => projectRoutes(api, service);
  },
});
