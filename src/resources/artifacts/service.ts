/**
 * Artifacts: immutable bundles of pipeline files published to a project and deployed to its
 * environments (publish, promotions, enable/disable), and the published pipelines they make.
 *
 * In-process API for other resources (`ctx.use('artifacts')`, registered before
 * pipeline-executions and schedules):
 *
 * - `resolvePipeline(accountId, projectId, environmentName, pipelineName, versionName?)` →
 *   `PipelineResolution`, one of
 *   - `{ kind: 'found', versionName, environmentName, path, name, type, content, enabled: true,
 *      deployedAt, paths, files(path), pipeline(ref) }` — `path` is the stored path with its
 *      extension (`AI/Load.orch.yaml`); `files(path)` is any file of that artifact by exact path;
 *      `pipeline(ref)` finds a pipeline of the same artifact by a reference with or without the
 *      extension (`AI/Load` as Run Orchestration components name their child);
 *   - `{ kind: 'gone', versionName, path, enabled: false, message }` — the pipeline is in an
 *      artifact that is disabled in that environment (executions answer 410);
 *   - `{ kind: 'not_found', what: 'project' | 'environment' | 'version' | 'pipeline', message }`.
 *   Without `versionName`, the environment's latest ENABLED artifact is used. `pipelineName` is
 *   accepted with or without `.orch.yaml` / `.tran.yaml`, with or without a leading `/`.
 *   No permission check: the caller checks `environment.run` (or view) itself.
 * - `listPublished(accountId, projectId, environmentName?)` → `PublishedPipeline[]`: the pipelines
 *   of each environment's latest enabled artifact (`name` with extension, `publishedTime`,
 *   `environmentName`, `versionName`), by environment name then path.
 *
 * Pipeline naming rules (extension handling) are the pure `rules.ts` of this folder.
 */
import { LRUCache } from 'lru-cache';
import type { ProjectAccess } from '../../core/access.js';
import type { Audit } from '../../core/audit.js';
import { isUniqueViolation, type Db } from '../../core/db/db.js';
import { conflict, DomainError, invalid, notFound } from '../../core/errors.js';
import { orderedId } from '../../core/ids.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import type { Actor } from '../../core/policy.js';
import type { EnvironmentsService } from '../environments/service.js';
import { environmentNameCandidates, findPipelinePath, isPipelinePath, pipelineTypeOf, withoutExtension, type PipelineType } from './rules.js';
import type { ArtifactsRepo, DeployedArtifact, FileRow } from './store.js';

export interface ArtifactsDeps {
  db: Db;
  projects: ProjectAccess;
  environments: Pick<EnvironmentsService, 'find'>;
  artifacts: ArtifactsRepo;
  audit: Audit;
  clock: () => Date;
  fileCache?: FileCache;
}

export const PROVIDER = 'matillion';

/**
 * An artifact's files never change once published (versions are immutable), so a node may keep
 * them in memory: executions resolve their pipeline (and children) on every run. Whether a
 * version is deployed and enabled is always read from the database; only contents are cached.
 */
export type FileCache = LRUCache<string, FileRow[]>;
export const newFileCache = (maxBytes = 32 * 1024 * 1024): FileCache =>
  new LRUCache<string, FileRow[]>({ maxSize: maxBytes, sizeCalculation: (files) => files.reduce((n, f) => n + f.content.length + f.path.length, 1) });

export interface PublishInput {
  versionName?: string;
  environmentName?: string;
  commitHash?: string;
  branch?: string;
  files: { path: string; mediaType: string; content: string }[];
  ignoredResources: { name: string; reason: string }[];
}

export type PipelineResolution =
  | {
      kind: 'found';
      versionName: string;
      environmentName: string;
      path: string;
      name: string;
      type: PipelineType;
      content: string;
      enabled: true;
      deployedAt: string;
      paths: string[];
      files: (path: string) => string | undefined;
      pipeline: (ref: string) => { path: string; type: PipelineType; content: string } | undefined;
    }
  | { kind: 'gone'; versionName: string; environmentName: string; path: string; enabled: false; message: string }
  | { kind: 'not_found'; what: 'project' | 'environment' | 'version' | 'pipeline'; message: string };

export interface PublishedPipeline {
  name: string;
  publishedTime: string;
  environmentName: string;
  versionName: string;
}

type Env = { id: string; name: string };

const MAX_NAME = 255;

/** The environment a client-sent name means (raw, then `+`/percent-decoded), if any. */
async function findEnvironment(d: ArtifactsDeps, projectId: string, raw: string): Promise<Env | undefined> {
  for (const name of environmentNameCandidates(raw)) {
    try {
      return await d.environments.find(projectId, name, 'environmentName');
    } catch (err) {
      if (!(err instanceof DomainError && err.kind === 'not_found')) throw err;
    }
  }
  return undefined;
}

/**
 * The environment for an operation, after the access check: an invisible project is a 404 and a
 * forbidden one a 403 before anything is said about the environment.
 */
async function environmentFor(d: ArtifactsDeps, actor: Actor, projectId: string, raw: string, field: string, permission: 'environment.view' | 'environment.publish') {
  const env = await findEnvironment(d, projectId, raw);
  await d.projects.requireEnvironment(actor, projectId, env?.name ?? raw, permission);
  if (!env) throw notFound(`Environment "${raw}" not found in project ${projectId}`, [{ field, rule: `no environment named "${raw}" in the project` }]);
  return env;
}

function checkName(field: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw invalid(field, 'is required (a header, or a form field of the multipart body)');
  if (value.length > MAX_NAME) throw invalid(field, `must be at most ${MAX_NAME} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) throw invalid(field, 'must not contain control characters');
  return value;
}

const optional = (field: string, v: string | undefined) => (v === undefined || v === '' ? null : checkName(field, v));

const detailsOf = (a: DeployedArtifact) => ({
  versionName: a.version_name,
  ...(a.branch !== null ? { branch: a.branch } : {}),
  ...(a.commit_hash !== null ? { commitHash: a.commit_hash } : {}),
  createdAt: a.created_at,
  deployedAt: a.deployed_at,
  enabled: a.enabled === 1,
  provider: a.provider,
});

async function publish(d: ArtifactsDeps, actor: Actor, projectId: string, input: PublishInput) {
  const versionName = checkName('versionName', input.versionName);
  const rawEnv = checkName('environmentName', input.environmentName);
  const commitHash = optional('commitHash', input.commitHash);
  const branch = optional('branch', input.branch);
  const env = await environmentFor(d, actor, projectId, rawEnv, 'environmentName', 'environment.publish');
  if (input.files.length === 0) throw invalid('files', 'at least one text file part is required (one part per file, named by its relative path)');
  if (await d.artifacts.findVersion(projectId, versionName)) throw versionTaken(versionName);
  const now = d.clock().toISOString();
  const artifactId = orderedId();
  try {
    await d.db.transaction().execute(async (trx) => {
      const files: FileRow[] = input.files.map((f) => ({ path: f.path, media_type: f.mediaType, content: f.content }));
      await d.artifacts.insertArtifact(trx, { id: artifactId, project_id: projectId, version_name: versionName, commit_hash: commitHash, branch, provider: PROVIDER, created_by: actor.clientId, created_at: now }, files);
      await d.artifacts.insertDeployment(trx, { id: orderedId(), project_id: projectId, environment_id: env.id, artifact_id: artifactId, enabled: 1, deployed_at: now, updated_at: now });
      await d.audit.record(trx, actor, {
        eventName: 'artifact_published',
        eventType: 'CREATE',
        description: 'Artifact published',
        subjectType: 'ARTIFACT',
        subjectId: artifactId,
        subjectName: versionName,
        projectId,
        additionalInfo: { environmentName: env.name, files: files.length, ignored: input.ignoredResources.length, ...(commitHash ? { commitHash } : {}), ...(branch ? { branch } : {}) },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw versionTaken(versionName);
    throw err;
  }
  return { ignoredResources: input.ignoredResources, versionName };
}

const versionTaken = (versionName: string) =>
  conflict(`Version "${versionName}" already exists in this project; artifact versions are immutable`, [{ field: 'versionName', rule: 'must be unique within the project (versions cannot be overwritten)' }]);

async function listArtifacts(d: ArtifactsDeps, actor: Actor, projectId: string, q: PageQuery & { environmentName: string; enabledOnly?: boolean }) {
  const env = await environmentFor(d, actor, projectId, q.environmentName, 'environmentName', 'environment.view');
  const w = pageWindow(q);
  const { rows, total } = await d.artifacts.page(env.id, q.enabledOnly ?? true, w.offset, w.limit);
  return toPage(w, total, rows, detailsOf);
}

async function deployedOrThrow(d: ArtifactsDeps, env: Env, versionName: string | undefined) {
  const a = versionName !== undefined ? await d.artifacts.deployed(env.id, versionName) : await d.artifacts.latest(env.id, true);
  if (!a) {
    if (versionName !== undefined) throw notFound(`Version "${versionName}" is not deployed to environment "${env.name}"`, [{ field: 'versionName', rule: `no artifact "${versionName}" in environment "${env.name}"` }]);
    throw notFound(`Environment "${env.name}" has no enabled artifact`);
  }
  return a;
}

async function details(d: ArtifactsDeps, actor: Actor, projectId: string, q: { environmentName: string; versionName?: string }) {
  const env = await environmentFor(d, actor, projectId, q.environmentName, 'environmentName', 'environment.view');
  const a = await deployedOrThrow(d, env, q.versionName);
  return { assets: await d.artifacts.paths(a.id), details: detailsOf(a) };
}

async function promote(d: ArtifactsDeps, actor: Actor, projectId: string, body: { sourceEnvironmentName: string; targetEnvironmentName: string; versionName: string }) {
  const source = await environmentFor(d, actor, projectId, body.sourceEnvironmentName, 'sourceEnvironmentName', 'environment.view');
  const target = await environmentFor(d, actor, projectId, body.targetEnvironmentName, 'targetEnvironmentName', 'environment.publish');
  const a = await d.artifacts.deployed(source.id, body.versionName);
  if (!a) throw notFound(`Version "${body.versionName}" is not deployed to environment "${source.name}"`, [{ field: 'versionName', rule: `no artifact "${body.versionName}" in the source environment` }]);
  const already = () => conflict(`Version "${body.versionName}" is already deployed to environment "${target.name}"`, [{ field: 'targetEnvironmentName', rule: 'must not already have this version' }]);
  if (await d.artifacts.deployed(target.id, body.versionName)) throw already();
  const now = d.clock().toISOString();
  try {
    await d.db.transaction().execute(async (trx) => {
      await d.artifacts.insertDeployment(trx, { id: orderedId(), project_id: projectId, environment_id: target.id, artifact_id: a.id, enabled: 1, deployed_at: now, updated_at: now });
      await d.audit.record(trx, actor, {
        eventName: 'artifact_promoted',
        eventType: 'CREATE',
        description: 'Artifact promoted',
        subjectType: 'ARTIFACT',
        subjectId: a.id,
        subjectName: a.version_name,
        projectId,
        additionalInfo: { sourceEnvironmentName: source.name, targetEnvironmentName: target.name },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw already();
    throw err;
  }
  return { environmentName: target.name, versionName: a.version_name };
}

async function setEnabled(d: ArtifactsDeps, actor: Actor, projectId: string, q: { environmentName: string; versionName: string }, enabled: boolean) {
  const env = await environmentFor(d, actor, projectId, q.environmentName, 'environmentName', 'environment.publish');
  const a = await deployedOrThrow(d, env, q.versionName);
  if ((a.enabled === 1) !== enabled) {
    const now = d.clock().toISOString();
    await d.db.transaction().execute(async (trx) => {
      await d.artifacts.setEnabled(trx, a.deployment_id, enabled, now);
      await d.audit.record(trx, actor, {
        eventName: enabled ? 'artifact_enabled' : 'artifact_disabled',
        eventType: 'UPDATE',
        description: enabled ? 'Artifact enabled' : 'Artifact disabled',
        subjectType: 'ARTIFACT',
        subjectId: a.id,
        subjectName: a.version_name,
        projectId,
        additionalInfo: { environmentName: env.name },
      });
    });
  }
  return { assets: await d.artifacts.paths(a.id), details: detailsOf({ ...a, enabled: enabled ? 1 : 0 }) };
}

/** The pipelines of each environment's latest enabled artifact. */
async function published(d: ArtifactsDeps, projectId: string, environmentName?: string): Promise<PublishedPipeline[]> {
  const rows = await d.artifacts.deploymentsOfProject(projectId);
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    if (r.enabled !== 1 || latest.has(r.environment_id)) continue;
    if (environmentName !== undefined && r.environment_name !== environmentName) continue;
    latest.set(r.environment_id, r);
  }
  const chosen = [...latest.values()];
  const paths = await d.artifacts.pipelinePaths(chosen.map((r) => r.id));
  const out: PublishedPipeline[] = [];
  for (const r of chosen) {
    for (const p of paths) {
      if (p.artifact_id === r.id) out.push({ name: p.path, publishedTime: r.deployed_at, environmentName: r.environment_name, versionName: r.version_name });
    }
  }
  return out.sort((a, b) => (a.environmentName === b.environmentName ? cmp(a.name, b.name) : cmp(a.environmentName, b.environmentName)));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function publishedPipelines(d: ArtifactsDeps, actor: Actor, projectId: string, q: PageQuery & { environmentName?: string }) {
  let list: PublishedPipeline[];
  if (q.environmentName !== undefined) {
    const env = await environmentFor(d, actor, projectId, q.environmentName, 'environmentName', 'environment.view');
    list = await published(d, projectId, env.name);
  } else {
    await d.projects.require(actor, projectId, 'projects.read');
    list = await visible(d, actor, projectId, await published(d, projectId));
  }
  const w = pageWindow(q);
  return toPage(w, list.length, list.slice(w.offset, w.offset + w.limit), (p) => ({ name: p.name, publishedTime: p.publishedTime }));
}

/** Only the environments the actor may view (environment roles). */
async function visible(d: ArtifactsDeps, actor: Actor, projectId: string, list: PublishedPipeline[]) {
  const allowed = new Map<string, boolean>();
  for (const name of new Set(list.map((p) => p.environmentName))) {
    try {
      await d.projects.requireEnvironment(actor, projectId, name, 'environment.view');
      allowed.set(name, true);
    } catch (err) {
      // The project is visible (checked before): a refusal here is about this environment only.
      if (!(err instanceof DomainError && (err.kind === 'forbidden' || err.kind === 'not_found'))) throw err;
      allowed.set(name, false);
    }
  }
  return list.filter((p) => allowed.get(p.environmentName));
}

function found(env: Env, a: DeployedArtifact, files: FileRow[], path: string): PipelineResolution {
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const paths = files.map((f) => f.path);
  return {
    kind: 'found',
    versionName: a.version_name,
    environmentName: env.name,
    path,
    name: withoutExtension(path),
    type: pipelineTypeOf(path)!,
    content: byPath.get(path)!,
    enabled: true,
    deployedAt: a.deployed_at,
    paths,
    files: (p) => byPath.get(p),
    pipeline: (ref) => {
      const p = findPipelinePath(byPath.keys(), ref);
      return p ? { path: p, type: pipelineTypeOf(p)!, content: byPath.get(p)! } : undefined;
    },
  };
}

async function filesOf(d: ArtifactsDeps, artifactId: string) {
  const hit = d.fileCache?.get(artifactId);
  if (hit) return hit;
  const files = await d.artifacts.files(artifactId);
  d.fileCache?.set(artifactId, files);
  return files;
}

async function pipelineIn(d: ArtifactsDeps, a: DeployedArtifact, pipelineName: string) {
  const files = await filesOf(d, a.id);
  return { files, path: findPipelinePath(files.map((f) => f.path).filter(isPipelinePath), pipelineName) };
}

async function resolvePipeline(d: ArtifactsDeps, accountId: string, projectId: string, environmentName: string, pipelineName: string, versionName?: string): Promise<PipelineResolution> {
  if (!(await d.projects.find(accountId, projectId))) return { kind: 'not_found', what: 'project', message: `Project ${projectId} not found` };
  const env = await findEnvironment(d, projectId, environmentName);
  if (!env) return { kind: 'not_found', what: 'environment', message: `Environment "${environmentName}" not found in project ${projectId}` };
  const gone = (a: DeployedArtifact, path: string): PipelineResolution => ({
    kind: 'gone', versionName: a.version_name, environmentName: env.name, path, enabled: false,
    message: `Pipeline "${pipelineName}" is in artifact "${a.version_name}", which is disabled in environment "${env.name}"`,
  });
  const missing: PipelineResolution = { kind: 'not_found', what: 'pipeline', message: `Pipeline "${pipelineName}" is not published to environment "${env.name}"` };
  if (versionName !== undefined) {
    const a = await d.artifacts.deployed(env.id, versionName);
    if (!a) return { kind: 'not_found', what: 'version', message: `Version "${versionName}" is not deployed to environment "${env.name}"` };
    const { files, path } = await pipelineIn(d, a, pipelineName);
    if (!path) return missing;
    return a.enabled === 1 ? found(env, a, files, path) : gone(a, path);
  }
  const current = await d.artifacts.latest(env.id, true);
  if (current) {
    const { files, path } = await pipelineIn(d, current, pipelineName);
    if (path) return found(env, current, files, path);
  }
  // Not in the enabled artifact: a newer disabled one that holds it makes it "gone", not unknown.
  const newest = await d.artifacts.latest(env.id, false);
  if (newest && newest.enabled === 0) {
    const { path } = await pipelineIn(d, newest, pipelineName);
    if (path) return gone(newest, path);
  }
  return missing;
}

export function createArtifactsService(deps: ArtifactsDeps) {
  const d: ArtifactsDeps = { ...deps, fileCache: deps.fileCache ?? newFileCache() };
  return {
    publish: (actor: Actor, projectId: string, input: PublishInput) => publish(d, actor, projectId, input),
    list: (actor: Actor, projectId: string, q: PageQuery & { environmentName: string; enabledOnly?: boolean }) => listArtifacts(d, actor, projectId, q),
    details: (actor: Actor, projectId: string, q: { environmentName: string; versionName?: string }) => details(d, actor, projectId, q),
    promote: (actor: Actor, projectId: string, body: { sourceEnvironmentName: string; targetEnvironmentName: string; versionName: string }) => promote(d, actor, projectId, body),
    setEnabled: (actor: Actor, projectId: string, q: { environmentName: string; versionName: string }, enabled: boolean) => setEnabled(d, actor, projectId, q, enabled),
    publishedPipelines: (actor: Actor, projectId: string, q: PageQuery & { environmentName?: string }) => publishedPipelines(d, actor, projectId, q),

    // In-process, for pipeline executions and schedules (see the top of this file).
    resolvePipeline: (accountId: string, projectId: string, environmentName: string, pipelineName: string, versionName?: string) =>
      resolvePipeline(d, accountId, projectId, environmentName, pipelineName, versionName),
    listPublished: async (accountId: string, projectId: string, environmentName?: string): Promise<PublishedPipeline[]> => {
      if (!(await d.projects.find(accountId, projectId))) return [];
      if (environmentName === undefined) return published(d, projectId);
      const env = await findEnvironment(d, projectId, environmentName);
      return env ? published(d, projectId, env.name) : [];
    },
  };
}
export type ArtifactsService = ReturnType<typeof createArtifactsService>;
