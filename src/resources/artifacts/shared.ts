/**
 * Account-level parts of the CI/CD surface: connector profiles (`GET /v1/custom-connectors`,
 * `/v1/flex-connectors`, and the extension that registers them) and shared-pipeline artifacts
 * (`/v1/shared-pipelines…`, Admin or Super Admin only).
 */
import { parse as parseYaml } from 'yaml';
import type { Audit } from '../../core/audit.js';
import { isUniqueViolation, type Db } from '../../core/db/db.js';
import { conflict, invalid, notFound } from '../../core/errors.js';
import { orderedId } from '../../core/ids.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import type { Actor, Policy } from '../../core/policy.js';
import { isPipelinePath, withoutExtension } from './rules.js';
import { PROVIDER, type PublishInput } from './service.js';
import type { ConnectorProfilesRepo, FileRow, SharedArtifactRow, SharedPipelinesRepo } from './store.js';

export interface SharedDeps {
  db: Db;
  profiles: ConnectorProfilesRepo;
  shared: SharedPipelinesRepo;
  audit: Audit;
  clock: () => Date;
  policy: Pick<Policy, 'assert'>;
}

export type ConnectorKind = 'custom' | 'flex';
/** The key each kind of profile is named by (publish.py names parts `custom-<id>`, `flex-<alternateId>`). */
const KEY: Record<ConnectorKind, string> = { custom: 'id', flex: 'alternateId' };

async function registerProfile(d: SharedDeps, actor: Actor, kind: ConnectorKind, profile: Record<string, unknown>) {
  d.policy.assert(actor, 'connectorProfiles.manage');
  const key = KEY[kind];
  const id = profile[key];
  if (typeof id !== 'string' || id.trim() === '' || id.length > 255) throw invalid(key, 'is required: a string of 1–255 characters that names the profile');
  const now = d.clock().toISOString();
  const created = await d.db.transaction().execute(async (trx) => {
    const isNew = await d.profiles.upsert(trx, { account_id: actor.accountId, kind, connector_id: id, profile: JSON.stringify(profile), created_by: actor.clientId, created_at: now, updated_at: now });
    await d.audit.record(trx, actor, {
      eventName: 'connector_profile_registered',
      eventType: isNew ? 'CREATE' : 'UPDATE',
      description: `${kind === 'custom' ? 'Custom' : 'Flex'} connector profile registered`,
      subjectType: 'CONNECTOR_PROFILE',
      subjectId: `${kind}-${id}`,
      subjectName: typeof profile.name === 'string' ? profile.name : id,
      additionalInfo: { kind },
    });
    return isNew;
  });
  return { created, profile };
}

async function listProfiles(d: SharedDeps, actor: Actor, kind: ConnectorKind) {
  return (await d.profiles.list(actor.accountId, kind)).map((p) => JSON.parse(p) as Record<string, unknown>);
}

function describe(content: string): string {
  try {
    const doc = parseYaml(content, { maxAliasCount: 100 }) as { pipeline?: { metadata?: { description?: unknown } } } | null;
    const desc = doc?.pipeline?.metadata?.description;
    return typeof desc === 'string' ? desc : '';
  } catch {
    return '';
  }
}

const sharedPipelinesOf = (prefix: string, files: FileRow[]) =>
  files.filter((f) => isPipelinePath(f.path)).map((f) => ({ description: describe(f.content), sharedPipelineId: `${prefix}/${withoutExtension(f.path)}`, sourcePipeline: f.path }));

const artifactDetails = (r: SharedArtifactRow) => ({
  ...(r.branch !== null ? { branch: r.branch } : {}),
  ...(r.commit_hash !== null ? { commitHash: r.commit_hash } : {}),
  createdAt: r.created_at,
  enabled: r.enabled === 1,
  provider: r.provider,
  sharedPipelineIdPrefix: r.prefix,
  versionName: r.version_name,
});

function checkName(field: string, value: string | undefined, required: boolean): string | null {
  if (value === undefined || value.trim() === '') {
    if (required) throw invalid(field, 'is required (a header, or a form field of the multipart body)');
    return null;
  }
  if (value.length > 255) throw invalid(field, 'must be at most 255 characters');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) throw invalid(field, 'must not contain control characters');
  return value;
}

type SharedPublishInput = Omit<PublishInput, 'environmentName'> & { sharedPipelineIdPrefix?: string };

async function publishShared(d: SharedDeps, actor: Actor, input: SharedPublishInput) {
  d.policy.assert(actor, 'sharedPipelines.manage');
  const versionName = checkName('versionName', input.versionName, true)!;
  const prefix = checkName('sharedPipelineIdPrefix', input.sharedPipelineIdPrefix, true)!;
  const commitHash = checkName('commitHash', input.commitHash, false);
  const branch = checkName('branch', input.branch, false);
  if (input.files.length === 0) throw invalid('files', 'at least one text file part is required (one part per file, named by its relative path)');
  const taken = () => conflict(`Version "${versionName}" of "${prefix}" already exists; versions cannot be overwritten`, [{ field: 'versionName', rule: 'must be unique for the sharedPipelineIdPrefix' }]);
  if (await d.shared.find(actor.accountId, prefix, versionName)) throw taken();
  const row: SharedArtifactRow = { id: orderedId(), account_id: actor.accountId, prefix, version_name: versionName, commit_hash: commitHash, branch, provider: PROVIDER, enabled: 1, created_by: actor.clientId, created_at: d.clock().toISOString() };
  try {
    await d.db.transaction().execute(async (trx) => {
      await d.shared.insert(trx, row, input.files.map((f) => ({ path: f.path, media_type: f.mediaType, content: f.content })));
      await d.audit.record(trx, actor, {
        eventName: 'shared_pipeline_published',
        eventType: 'CREATE',
        description: 'Shared pipeline artifact published',
        subjectType: 'SHARED_PIPELINE_ARTIFACT',
        subjectId: row.id,
        subjectName: `${prefix}@${versionName}`,
        additionalInfo: { sharedPipelineIdPrefix: prefix, versionName, files: input.files.length },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
  return { ignoredResources: input.ignoredResources, versionName };
}

async function sharedDetails(d: SharedDeps, actor: Actor, q: { sharedPipelineIdPrefix: string; versionName?: string }) {
  d.policy.assert(actor, 'sharedPipelines.manage');
  const r = q.versionName !== undefined ? await d.shared.find(actor.accountId, q.sharedPipelineIdPrefix, q.versionName) : await d.shared.latest(actor.accountId, q.sharedPipelineIdPrefix);
  if (!r) {
    const what = q.versionName !== undefined ? `Version "${q.versionName}" of "${q.sharedPipelineIdPrefix}"` : `An enabled version of "${q.sharedPipelineIdPrefix}"`;
    throw notFound(`${what} does not exist`);
  }
  return { artifactDetails: artifactDetails(r), sharedPipelines: sharedPipelinesOf(r.prefix, await d.shared.files(r.id)) };
}

async function listSharedArtifacts(d: SharedDeps, actor: Actor, q: PageQuery & { sharedPipelineIdPrefix?: string }) {
  d.policy.assert(actor, 'sharedPipelines.manage');
  const w = pageWindow(q);
  const { rows, total } = await d.shared.page(actor.accountId, q.sharedPipelineIdPrefix, w.offset, w.limit);
  return toPage(w, total, rows, artifactDetails);
}

async function listSharedPipelines(d: SharedDeps, actor: Actor, q: PageQuery) {
  d.policy.assert(actor, 'sharedPipelines.manage');
  const all = [];
  for (const r of await d.shared.latestPerPrefix(actor.accountId)) {
    for (const p of sharedPipelinesOf(r.prefix, await d.shared.files(r.id))) all.push({ ...p, sharedPipelineIdPrefix: r.prefix, versionName: r.version_name });
  }
  all.sort((a, b) => (a.sharedPipelineId < b.sharedPipelineId ? -1 : a.sharedPipelineId > b.sharedPipelineId ? 1 : 0));
  const w = pageWindow(q);
  return toPage(w, all.length, all.slice(w.offset, w.offset + w.limit), (x) => x);
}

export function createSharedService(d: SharedDeps) {
  return {
    registerProfile: (actor: Actor, kind: ConnectorKind, profile: Record<string, unknown>) => registerProfile(d, actor, kind, profile),
    listProfiles: (actor: Actor, kind: ConnectorKind) => listProfiles(d, actor, kind),
    publish: (actor: Actor, input: SharedPublishInput) => publishShared(d, actor, input),
    details: (actor: Actor, q: { sharedPipelineIdPrefix: string; versionName?: string }) => sharedDetails(d, actor, q),
    listArtifacts: (actor: Actor, q: PageQuery & { sharedPipelineIdPrefix?: string }) => listSharedArtifacts(d, actor, q),
    listPipelines: (actor: Actor, q: PageQuery) => listSharedPipelines(d, actor, q),
  };
}
export type SharedService = ReturnType<typeof createSharedService>;
