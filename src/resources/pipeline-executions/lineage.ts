import { orderedId } from '../../core/ids.js';
import type { ExecutionRow, LineageRow } from './store.js';

/**
 * OpenLineage RunEvents of simulated runs (contract §9): START when a run is created, COMPLETE /
 * FAIL / ABORT when it ends. `job.namespace` is `matillion://<account id>.<project id>` and
 * `job.name` the pipeline's path in the artifact with its extension, as DataHub matches them to
 * published pipelines. A child run carries the OpenLineage `parent` run facet.
 */
export const PRODUCER = 'https://www.matillion.com';
export const SCHEMA_URL = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const FACET_SCHEMA = 'https://openlineage.io/spec/facets/2-0-2/JobTypeJobFacet.json#/$defs/JobTypeJobFacet';

type Row = Pick<ExecutionRow, 'id' | 'account_id' | 'project_id' | 'pipeline_path' | 'pipeline_type' | 'parent_id' | 'environment_name'>;

export const namespaceOf = (accountId: string, projectId: string) => `matillion://${accountId}.${projectId}`;

export function lineageEvent(row: Row, eventType: 'START' | 'COMPLETE' | 'FAIL' | 'ABORT', eventTime: string): LineageRow {
  const namespace = namespaceOf(row.account_id, row.project_id);
  const event = {
    eventType,
    eventTime,
    producer: PRODUCER,
    schemaURL: SCHEMA_URL,
    job: {
      namespace,
      name: row.pipeline_path,
      facets: { jobType: { _producer: PRODUCER, _schemaURL: FACET_SCHEMA, jobType: row.pipeline_type, integration: 'MATILLION', processingType: 'BATCH' } },
    },
    run: {
      runId: row.id,
      facets: row.parent_id ? { parent: { _producer: PRODUCER, _schemaURL: 'https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet', run: { runId: row.parent_id } } } : {},
    },
    inputs: [],
    outputs: [],
  };
  return { id: orderedId(Date.parse(eventTime)), account_id: row.account_id, project_id: row.project_id, execution_id: row.id, event_time: eventTime, event: JSON.stringify(event) };
}
