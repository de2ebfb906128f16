import type { Selectable } from 'kysely';
import type { Db } from '../../core/db/db.js';
import { countRows, paged } from '../../core/db/paging.js';

declare module '../../core/db/schema.js' {
  interface Database {
    artifacts: ArtifactsTable;
    artifact_files: ArtifactFilesTable;
    artifact_deployments: ArtifactDeploymentsTable;
    connector_profiles: ConnectorProfilesTable;
    shared_pipeline_artifacts: SharedPipelineArtifactsTable;
    shared_pipeline_files: SharedPipelineFilesTable;
  }
}

export interface ArtifactsTable {
  id: string;
  project_id: string;
  version_name: string;
  commit_hash: string | null;
  branch: string | null;
  provider: string;
  created_by: string;
  created_at: string;
}
export type ArtifactRow = Selectable<ArtifactsTable>;

export interface ArtifactFilesTable {
  artifact_id: string;
  path: string;
  media_type: string;
  content: string;
}
export type FileRow = Pick<Selectable<ArtifactFilesTable>, 'path' | 'media_type' | 'content'>;

export interface ArtifactDeploymentsTable {
  id: string;
  project_id: string;
  environment_id: string;
  artifact_id: string;
  /** 1 enabled, 0 disabled (portable boolean). */
  enabled: number;
  deployed_at: string;
  updated_at: string;
}
export type DeploymentRow = Selectable<ArtifactDeploymentsTable>;

export interface ConnectorProfilesTable {
  account_id: string;
  kind: string;
  connector_id: string;
  profile: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface SharedPipelineArtifactsTable {
  id: string;
  account_id: string;
  prefix: string;
  version_name: string;
  commit_hash: string | null;
  branch: string | null;
  provider: string;
  enabled: number;
  created_by: string;
  created_at: string;
}
export type SharedArtifactRow = Selectable<SharedPipelineArtifactsTable>;

export interface SharedPipelineFilesTable {
  artifact_id: string;
  path: string;
  media_type: string;
  content: string;
}

/** An artifact as deployed to one environment: the artifact's row and the deployment's state. */
export type DeployedArtifact = ArtifactRow & { deployment_id: string; environment_id: string; enabled: number; deployed_at: string };

// SQLite has a 32766-variable limit per statement; four columns per file row.
const FILE_BATCH = 500;

function deployedSelect(db: Db) {
  return db
    .selectFrom('artifact_deployments as d')
    .innerJoin('artifacts as a', 'a.id', 'd.artifact_id')
    .selectAll('a')
    .select(['d.id as deployment_id', 'd.environment_id', 'd.enabled', 'd.deployed_at']);
}

export function createArtifactsRepo(db: Db) {
  return {
    async insertArtifact(trx: Db, row: ArtifactRow, files: FileRow[]) {
      await trx.insertInto('artifacts').values(row).execute();
      for (let i = 0; i < files.length; i += FILE_BATCH) {
        await trx
          .insertInto('artifact_files')
          .values(files.slice(i, i + FILE_BATCH).map((f) => ({ artifact_id: row.id, ...f })))
          .execute();
      }
    },
    async insertDeployment(trx: Db, row: DeploymentRow) {
      await trx.insertInto('artifact_deployments').values(row).execute();
    },
    async findVersion(projectId: string, versionName: string, trx: Db = db) {
      return trx.selectFrom('artifacts').selectAll().where('project_id', '=', projectId).where('version_name', '=', versionName).executeTakeFirst();
    },
    /** The artifact `versionName` as deployed to the environment, if it is. */
    async deployed(environmentId: string, versionName: string, trx: Db = db): Promise<DeployedArtifact | undefined> {
      return deployedSelect(trx).where('d.environment_id', '=', environmentId).where('a.version_name', '=', versionName).executeTakeFirst();
    },
    /** The environment's most recent deployment (optionally enabled only). */
    async latest(environmentId: string, enabledOnly: boolean, trx: Db = db): Promise<DeployedArtifact | undefined> {
      let q = deployedSelect(trx).where('d.environment_id', '=', environmentId);
      if (enabledOnly) q = q.where('d.enabled', '=', 1);
      return q.orderBy('d.deployed_at', 'desc').orderBy('d.id', 'desc').limit(1).executeTakeFirst();
    },
    /** Deployments of an environment, newest first. */
    async page(environmentId: string, enabledOnly: boolean, offset: number, limit: number) {
      let base = db.selectFrom('artifact_deployments as d').where('d.environment_id', '=', environmentId);
      if (enabledOnly) base = base.where('d.enabled', '=', 1);
      let rows = deployedSelect(db).where('d.environment_id', '=', environmentId);
      if (enabledOnly) rows = rows.where('d.enabled', '=', 1);
      return paged(rows.orderBy('d.deployed_at', 'desc').orderBy('d.id', 'desc').offset(offset).limit(limit).execute(), base.select(countRows).executeTakeFirstOrThrow());
    },
    /** Every deployment of a project's environments, newest first (published pipelines, all environments). */
    async deploymentsOfProject(projectId: string, trx: Db = db) {
      // The environment's name is read with the row (environments own that table; only its name is read here).
      return deployedSelect(trx)
        .innerJoin('environments as e', 'e.id', 'd.environment_id')
        .select('e.name as environment_name')
        .where('d.project_id', '=', projectId)
        .orderBy('d.deployed_at', 'desc')
        .orderBy('d.id', 'desc')
        .execute();
    },
    async setEnabled(trx: Db, deploymentId: string, enabled: boolean, now: string) {
      await trx.updateTable('artifact_deployments').set({ enabled: enabled ? 1 : 0, updated_at: now }).where('id', '=', deploymentId).execute();
    },
    async paths(artifactId: string, trx: Db = db) {
      const rows = await trx.selectFrom('artifact_files').select('path').where('artifact_id', '=', artifactId).orderBy('path').execute();
      return rows.map((r) => r.path);
    },
    async files(artifactId: string, trx: Db = db): Promise<FileRow[]> {
      return trx.selectFrom('artifact_files').select(['path', 'media_type', 'content']).where('artifact_id', '=', artifactId).orderBy('path').execute();
    },
    /** The paths of several artifacts' pipeline files (published pipelines). */
    async pipelinePaths(artifactIds: string[], trx: Db = db) {
      if (artifactIds.length === 0) return [];
      return trx
        .selectFrom('artifact_files')
        .select(['artifact_id', 'path'])
        .where('artifact_id', 'in', artifactIds)
        .where((eb) => eb.or([eb('path', 'like', '%.orch.yaml'), eb('path', 'like', '%.tran.yaml')]))
        .orderBy('path')
        .execute();
    },
  };
}
export type ArtifactsRepo = ReturnType<typeof createArtifactsRepo>;

export function createConnectorProfilesRepo(db: Db) {
  return {
    async list(accountId: string, kind: string) {
      const rows = await db.selectFrom('connector_profiles').select('profile').where('account_id', '=', accountId).where('kind', '=', kind).orderBy('created_at').orderBy('connector_id').execute();
      return rows.map((r) => r.profile);
    },
    /** Inserts or replaces the profile; true when it was new. */
    async upsert(trx: Db, row: Selectable<ConnectorProfilesTable>) {
      const existing = await trx
        .selectFrom('connector_profiles')
        .select('created_at')
        .where('account_id', '=', row.account_id)
        .where('kind', '=', row.kind)
        .where('connector_id', '=', row.connector_id)
        .executeTakeFirst();
      if (existing) {
        await trx
          .updateTable('connector_profiles')
          .set({ profile: row.profile, updated_at: row.updated_at })
          .where('account_id', '=', row.account_id)
          .where('kind', '=', row.kind)
          .where('connector_id', '=', row.connector_id)
          .execute();
        return false;
      }
      await trx.insertInto('connector_profiles').values(row).execute();
      return true;
    },
  };
}
export type ConnectorProfilesRepo = ReturnType<typeof createConnectorProfilesRepo>;

export function createSharedPipelinesRepo(db: Db) {
  return {
    async insert(trx: Db, row: SharedArtifactRow, files: FileRow[]) {
      await trx.insertInto('shared_pipeline_artifacts').values(row).execute();
      for (let i = 0; i < files.length; i += FILE_BATCH) {
        await trx
          .insertInto('shared_pipeline_files')
          .values(files.slice(i, i + FILE_BATCH).map((f) => ({ artifact_id: row.id, ...f })))
          .execute();
      }
    },
    async find(accountId: string, prefix: string, versionName: string) {
      return db.selectFrom('shared_pipeline_artifacts').selectAll().where('account_id', '=', accountId).where('prefix', '=', prefix).where('version_name', '=', versionName).executeTakeFirst();
    },
    async latest(accountId: string, prefix: string) {
      return db
        .selectFrom('shared_pipeline_artifacts')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('prefix', '=', prefix)
        .where('enabled', '=', 1)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
    },
    async page(accountId: string, prefix: string | undefined, offset: number, limit: number) {
      let base = db.selectFrom('shared_pipeline_artifacts').where('account_id', '=', accountId);
      if (prefix !== undefined) base = base.where('prefix', '=', prefix);
      return paged(
        base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').offset(offset).limit(limit).execute(),
        base.select(countRows).executeTakeFirstOrThrow(),
      );
    },
    /** The latest enabled version of every prefix of the account. */
    async latestPerPrefix(accountId: string) {
      const rows = await db
        .selectFrom('shared_pipeline_artifacts')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('enabled', '=', 1)
        .orderBy('prefix')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      const seen = new Set<string>();
      return rows.filter((r) => !seen.has(r.prefix) && seen.add(r.prefix));
    },
    async files(artifactId: string): Promise<FileRow[]> {
      return db.selectFrom('shared_pipeline_files').select(['path', 'media_type', 'content']).where('artifact_id', '=', artifactId).orderBy('path').execute();
    },
  };
}
export type SharedPipelinesRepo = ReturnType<typeof createSharedPipelinesRepo>;
