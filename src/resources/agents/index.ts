import { defineResource } from '../../core/module.js';
import { hostedAgentHooks } from './hosted.js';
import { agentRoutes } from './routes.js';
import { createAgentsService, type AgentsService } from './service.js';
import { createAgentsRepo } from './store.js';

declare module '../../core/module.js' {
  interface Services {
    agents: AgentsService;
  }
}

export default defineResource({
  name: 'agents',
  register(ctx) {
    const agents = createAgentsRepo(ctx.db, ctx.dialect);
    const credentials = ctx.use('apiCredentials').agents;
    const service = createAgentsService({ db: ctx.db, audit: ctx.audit, agents, projects: ctx.use('projectAccess'), policy: ctx.policy, clock: ctx.clock, credentials });
    ctx.projectHooks.push(hostedAgentHooks({ agents, credentials, clock: ctx.clock }));
    ctx.provide('agents', service);
    return ({ api }) => agentRoutes(api, service);
  },
});
