import type { ProjectAccess, ProjectRef } from '../../core/access.js';
import type { Audit } from '../../core/audit.js';
import { isUniqueViolation, type Db } from '../../core/db/db.js';
import { conflict, invalid, notFound } from '../../core/errors.js';
import { orderedId } from '../../core/ids.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import type { Actor } from '../../core/policy.js';
import type { AgentsService } from '../agents/service.js';
import { normaliseDefinition, type Definition } from './rules.js';
import { applyCommand, currentStatus } from './status.js';
import type { StreamingPipelineRow, StreamingPipelinesRepo } from './store.js';

export interface StreamingPipelineInput {
  name: string;
  agentId: string;
  streamingSource: Record<string, unknown>;
  streamingTarget: Record<string, unknown>;
  advancedProperties?: Record<string, string>;
}

export interface StreamingPipelinesDeps {
  db: Db;
  pipelines: StreamingPipelinesRepo;
  projects: ProjectAccess;
  agents: Pick<AgentsService, 'lookup'>;
  audit: Audit;
  clock: () => Date;
}

export const streamingPipelineView = (r: StreamingPipelineRow) => {
  const d = JSON.parse(r.definition) as Definition;
  return { streamingPipelineId: r.id, projectId: r.project_id, name: r.name, agentId: r.agent_id, advancedProperties: d.advancedProperties, streamingSource: d.streamingSource, streamingTarget: d.streamingTarget };
};

const duplicateName = (name: string) => conflict(`A streaming pipeline named "${name}" already exists in the project`, [{ field: 'name', rule: 'must be unique within the project' }]);

/** The agent must be of the account and usable by the project (as an environment's default agent). */
async function checkAgent(d: StreamingPipelinesDeps, project: ProjectRef, agentId: string) {
  const agent = await d.agents.lookup(project.accountId, agentId.toLowerCase());
  if (!agent) throw invalid('agentId', 'must name an agent of this account');
  if (!agent.usableBy(project.id)) throw invalid('agentId', `agent ${agent.id} is not allowed for this project (another project's hosted agent, or its allow list does not name the project)`);
  return agent.id;
}

async function prepare(d: StreamingPipelinesDeps, project: ProjectRef, input: StreamingPipelineInput) {
  const definition = normaliseDefinition(input);
  const agentId = await checkAgent(d, project, input.agentId);
  return { agentId, definition: JSON.stringify(definition) };
}

const event = (r: Pick<StreamingPipelineRow, 'id' | 'name' | 'project_id'>, eventName: string, eventType: string, description: string, extra: Record<string, unknown> = {}) => ({
  eventName,
  eventType,
  description,
  subjectType: 'STREAMING_PIPELINE',
  subjectId: r.id,
  subjectName: r.name,
  projectId: r.project_id,
  additionalInfo: extra,
});

/** Runs `fn` in a transaction; a name another pipeline of the project has is a 409. */
async function uniquely<T>(d: StreamingPipelinesDeps, name: string, fn: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return await d.db.transaction().execute(fn);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName(name);
    throw err;
  }
}

async function createPipeline(d: StreamingPipelinesDeps, actor: Actor, projectId: string, input: StreamingPipelineInput) {
  const project = await d.projects.require(actor, projectId, 'projects.write');
  const { agentId, definition } = await prepare(d, project, input);
  const now = d.clock().toISOString();
  const row = { id: orderedId(Date.parse(now)), project_id: project.id, account_id: project.accountId, name: input.name, agent_id: agentId, definition, status: 'NOT_RUNNING', status_changed_at: now, created_at: now, updated_at: now };
  await uniquely(d, input.name, async (trx) => {
    await d.pipelines.insert(row, trx);
    await d.audit.record(trx, actor, event(row, 'streaming_pipeline_created', 'CREATE', 'Streaming pipeline created', { agentId }));
  });
  return { ...streamingPipelineView(row), streamingPipelineId: row.id };
}

async function requirePipeline(d: StreamingPipelinesDeps, actor: Actor, projectId: string, id: string, permission: 'projects.read' | 'projects.write' | 'projects.delete') {
  const project = await d.projects.require(actor, projectId, permission);
  const row = await d.pipelines.find(project.id, id);
  if (!row) throw notFound(`Streaming pipeline ${id} not found`);
  return { project, row };
}

async function replacePipeline(d: StreamingPipelinesDeps, actor: Actor, projectId: string, id: string, input: StreamingPipelineInput) {
  const { project, row } = await requirePipeline(d, actor, projectId, id, 'projects.write');
  const { agentId, definition } = await prepare(d, project, input);
  const change = { name: input.name, agent_id: agentId, definition, updated_at: d.clock().toISOString() };
  await uniquely(d, input.name, async (trx) => {
    if (!(await d.pipelines.replace(project.id, id, change, trx))) throw notFound(`Streaming pipeline ${id} not found`);
    await d.audit.record(trx, actor, event({ ...row, name: input.name }, 'streaming_pipeline_updated', 'UPDATE', 'Streaming pipeline updated', { agentId }));
  });
  return streamingPipelineView({ ...row, ...change });
}

async function deletePipeline(d: StreamingPipelinesDeps, actor: Actor, projectId: string, id: string) {
  const { project, row } = await requirePipeline(d, actor, projectId, id, 'projects.delete');
  await d.db.transaction().execute(async (trx) => {
    if (!(await d.pipelines.delete(project.id, id, trx))) throw notFound(`Streaming pipeline ${id} not found`);
    await d.audit.record(trx, actor, event(row, 'streaming_pipeline_deleted', 'DELETE', 'Streaming pipeline deleted'));
  });
}

/** START or STOP (any case): moves the phase by compare-and-set, retried once if a command raced it. */
async function runCommand(d: StreamingPipelinesDeps, actor: Actor, projectId: string, id: string, given: string) {
  const command = given.toUpperCase();
  if (command !== 'START' && command !== 'STOP') throw invalid('command', 'must be START or STOP (any case)');
  for (let attempt = 0; attempt < 3; attempt++) {
    const { row } = await requirePipeline(d, actor, projectId, id, 'projects.write');
    const now = d.clock();
    const outcome = applyCommand(command, currentStatus(row.status, row.status_changed_at, now));
    if ('conflict' in outcome) throw conflict(outcome.conflict, [{ field: 'command', rule: outcome.conflict }]);
    if (outcome.change === null) return { streamingPipelineId: row.id, command, status: currentStatus(row.status, row.status_changed_at, now) };
    const to = { status: outcome.change, at: now.toISOString() };
    const moved = await d.db.transaction().execute(async (trx) => {
      if (!(await d.pipelines.setPhase(row.id, { status: row.status, at: row.status_changed_at }, to, trx))) return false;
      const started = command === 'START';
      await d.audit.record(trx, actor, event(row, started ? 'streaming_pipeline_started' : 'streaming_pipeline_stopped', started ? 'START' : 'STOP', started ? 'Streaming pipeline started' : 'Streaming pipeline stopped'));
      return true;
    });
    if (moved) return { streamingPipelineId: row.id, command, status: currentStatus(to.status, to.at, now) };
  }
  throw conflict('The streaming pipeline is receiving other commands at the same time; retry');
}

/** Streaming pipelines of a project (`/v1/projects/{projectId}/streaming-pipelines`). */
export function createStreamingPipelinesService(d: StreamingPipelinesDeps) {
  return {
    create: (actor: Actor, projectId: string, input: StreamingPipelineInput) => createPipeline(d, actor, projectId, input),
    async list(actor: Actor, projectId: string, q: PageQuery) {
      const project = await d.projects.require(actor, projectId, 'projects.read');
      const w = pageWindow(q);
      const { rows, total } = await d.pipelines.page(project.id, w.offset, w.limit);
      return toPage(w, total, rows, streamingPipelineView);
    },
    get: async (actor: Actor, projectId: string, id: string) => streamingPipelineView((await requirePipeline(d, actor, projectId, id, 'projects.read')).row),
    replace: (actor: Actor, projectId: string, id: string, input: StreamingPipelineInput) => replacePipeline(d, actor, projectId, id, input),
    delete: (actor: Actor, projectId: string, id: string) => deletePipeline(d, actor, projectId, id),
    async status(actor: Actor, projectId: string, id: string) {
      const { row } = await requirePipeline(d, actor, projectId, id, 'projects.read');
      return { status: currentStatus(row.status, row.status_changed_at, d.clock()) };
    },
    command: (actor: Actor, projectId: string, id: string, command: string) => runCommand(d, actor, projectId, id, command),
  };
}
export type StreamingPipelinesService = ReturnType<typeof createStreamingPipelinesService>;
