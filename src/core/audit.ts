import type { Db } from './db/db.js';
import type { Actor } from './policy.js';

/**
 * Audit events (issue 13, `GET /v1/events`): every state change, through any interface, writes
 * one event with the same `db` handle as the change — the transaction that makes the change — so
 * both commit or neither does. Events never carry a secret (no client secrets, vault values,
 * tokens, passwords); `additionalInfo` holds names and ids only.
 *
 * The catalogue of `eventName` / `eventType` values is documented in the audit-events resource's
 * OpenAPI fragment; `eventName` is snake_case (`project_created`), `eventType` upper case
 * (`CREATE`, `UPDATE`, `DELETE`, `LOGIN`, `LOGIN_FAILED`, …).
 */
export interface AuditEventInput {
  eventName: string;
  eventType: string;
  /** One sentence a person reads in the console ("Project created"). */
  description: string;
  /** PROJECT, ENVIRONMENT, CONNECTION, SECRET, USER, INVITATION, API_CREDENTIAL, MEMBER, … */
  subjectType: string;
  subjectId?: string | null;
  subjectName?: string | null;
  projectId?: string | null;
  /** Names and ids only, never a secret. */
  additionalInfo?: Record<string, unknown>;
}

/** Where a change came from; set per request by the HTTP layer, or by a background job. */
export type AuditSource = 'API' | 'SCIM' | 'CONSOLE' | 'CLI' | 'JOB' | 'SYSTEM';

/** Who did it, when there is no signed-in actor (a job, a failed sign-in, the bootstrap). */
export interface SystemActor {
  accountId: string;
  /** e.g. 'system:token-rotation', or the client id / email tried in a failed sign-in. */
  actorId: string;
  actorEmail?: string | null;
}

export interface Audit {
  /** Writes one event with `db` (pass the change's transaction). */
  record(db: Db, actor: Actor | SystemActor, event: AuditEventInput): Promise<void>;
}

/** Used until the audit-events module installs the real writer (and in unit tests). */
export const noAudit: Audit = { record: async () => {} };
