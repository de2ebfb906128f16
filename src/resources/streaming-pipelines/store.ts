import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../core/db/db.js';
import { countRows, paged } from '../../core/db/paging.js';

export interface StreamingPipelinesTable {
  id: string;
  project_id: string;
  account_id: string;
  name: string;
  agent_id: string;
  /** JSON text: { streamingSource, streamingTarget, advancedProperties } (secret references only). */
  definition: string;
  /** The phase the last command started (status.ts). */
  status: string;
  status_changed_at: string;
  created_at: string;
  updated_at: string;
}

declare module '../../core/db/schema.js' {
  interface Database {
    streaming_pipelines: StreamingPipelinesTable;
  }
}

export type StreamingPipelineRow = Selectable<StreamingPipelinesTable>;
export type NewStreamingPipeline = Insertable<StreamingPipelinesTable>;

export function createStreamingPipelinesRepo(db: Db) {
  return {
    async insert(row: NewStreamingPipeline, trx: Db = db) {
      await trx.insertInto('streaming_pipelines').values(row).execute();
    },
    async find(projectId: string, id: string) {
      return db.selectFrom('streaming_pipelines').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    },
    async page(projectId: string, offset: number, limit: number) {
      const base = db.selectFrom('streaming_pipelines').where('project_id', '=', projectId);
      return paged(base.selectAll().orderBy('created_at').orderBy('id').offset(offset).limit(limit).execute(), base.select(countRows).executeTakeFirstOrThrow());
    },
    async replace(projectId: string, id: string, change: { name: string; agent_id: string; definition: string; updated_at: string }, trx: Db) {
      const r = await trx.updateTable('streaming_pipelines').set(change).where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Compare-and-set of the phase: false when another command changed it since it was read. */
    async setPhase(id: string, from: { status: string; at: string }, to: { status: string; at: string }, trx: Db) {
      const r = await trx
        .updateTable('streaming_pipelines')
        .set({ status: to.status, status_changed_at: to.at })
        .where('id', '=', id)
        .where('status', '=', from.status)
        .where('status_changed_at', '=', from.at)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async delete(projectId: string, id: string, trx: Db) {
      const r = await trx.deleteFrom('streaming_pipelines').where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
export type StreamingPipelinesRepo = ReturnType<typeof createStreamingPipelinesRepo>;
