import type { Logger } from 'pino';
import type { QueryCreator } from 'kysely';
import { iso } from './clock.js';
import type { Db } from './db/db.js';
import { orderedId } from './ids.js';
import { marker, precompile } from './db/precompiled.js';
import type { Actor, Origin } from './policy.js';

declare module './db/schema.js' {
  interface Database {
    audit_events: AuditEventsTable;
  }
}

export interface AuditEventsTable {
  event_id: string;
  account_id: string;
  event_timestamp: string;
  event_name: string;
  event_type: string;
  event_source: string;
  description: string;
  actor_id: string;
  actor_email: string | null;
  subject_type: string;
  subject_id: string | null;
  subject_name: string | null;
  project_id: string | null;
  /** JSON text of an object. */
  additional_info: string;
}

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
export type AuditSource = Origin['source'];

/** Who did it, when there is no signed-in actor (a job, a failed sign-in, the bootstrap). */
export interface SystemActor {
  accountId: string;
  /** e.g. 'system:token-rotation', or the client id / email tried in a failed sign-in. */
  actorId: string;
  actorEmail?: string | null;
  /** JOB for a background job's actor; absent (SYSTEM) at start-up. */
  origin?: Origin;
}

export interface Audit {
  /** Writes one event with `db` (pass the change's transaction). */
  record(db: Db, actor: Actor | SystemActor, event: AuditEventInput): Promise<void>;
  /**
   * The event, made now, for a store to write together with its change: on PostgreSQL inside the
   * change's own statement (a data-modifying CTE, `auditInsertAfter`), which is atomic by itself
   * and needs no transaction around it; elsewhere with `write` in the change's transaction.
   * Undefined when events are not written (`noAudit`).
   */
  event(actor: Actor | SystemActor, event: AuditEventInput): PendingAuditEvent | undefined;
}

/** An event's row, not yet written. */
export interface PendingAuditEvent {
  /** The column values in `AUDIT_COLUMNS` order. */
  readonly values: AuditValues;
  /** Writes the row with `db` (the change's transaction). */
  write(db: Db): Promise<void>;
}

/** Used until the audit-events module installs the real writer (and in unit tests). */
export const noAudit: Audit = { record: async () => {}, event: () => undefined };

/**
 * Where the change being made came from, and the caller's address: the actor's `origin`, set on
 * the request's actor by the HTTP layer (src/core/http/plugins/audit-context.ts) and on a job's
 * actor by the job. It travels with the actor the services already pass down, rather than in
 * AsyncLocalStorage: an AsyncLocalStorage in use installs promise hooks that run on every promise
 * of the process, and without it a validated, persisted POST costs 10–13% less server CPU
 * (docs/benchmarks.md). Without an origin (start-up, the bootstrap credential) the source is SYSTEM.
 */
export const JOB_ORIGIN: Origin = Object.freeze({ source: 'JOB' });
const SYSTEM_ORIGIN: Origin = Object.freeze({ source: 'SYSTEM' });

/**
 * The guard against a secret reaching an event (defence in depth: callers pass names and ids
 * only). A key that names a secret (`secret`, `clientSecret`, `password`, `token`, `accessToken`,
 * `privateKey`, `passphrase`, `apiKey`, `credentials`, … — case-insensitive, but not `tokenId`
 * or `secretName`, which are names) is dropped, at any depth; so is a string value that looks
 * like a bearer token (a JWT), a GitLab token (`glpat-…`) or a PEM private key. What was dropped
 * is logged by key name only.
 */
const SECRET_KEY = /(secret|password|passwd|passphrase|token|privatekey|private_key|apikey|api_key|credentials?)$/i;
const SECRET_VALUE = /^(eyJ[\w-]+\.[\w-]+\.|glpat-|gl[a-z]{2,5}-[\w-]{16,}|-----BEGIN [A-Z ]*PRIVATE KEY)/;

export function scrubAdditionalInfo(info: Record<string, unknown>, dropped: string[] = [], at = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(info);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = info[k];
    if (namesSecret(k) || (typeof v === 'string' && SECRET_VALUE.test(v))) {
      dropped.push(at ? `${at}.${k}` : k);
      continue;
    }
    if (Array.isArray(v)) out[k] = scrubList(v, dropped, at ? `${at}.${k}` : k);
    else if (v && typeof v === 'object') out[k] = scrubAdditionalInfo(v as Record<string, unknown>, dropped, at ? `${at}.${k}` : k);
    else if (v !== undefined) out[k] = v;
  }
  return out;
}

// Events carry the same few key names over and over (the callers' own): each is tested once.
const secretKeys = new Map<string, boolean>();
function namesSecret(key: string): boolean {
  let known = secretKeys.get(key);
  if (known === undefined) {
    known = SECRET_KEY.test(key);
    if (secretKeys.size < 1024) secretKeys.set(key, known);
  }
  return known;
}

/** Objects in a list are scrubbed like any object; a secret-looking string in a list is dropped. */
function scrubList(list: unknown[], dropped: string[], at: string): unknown[] {
  const out: unknown[] = [];
  list.forEach((x, i) => {
    if (typeof x === 'string' && SECRET_VALUE.test(x)) dropped.push(`${at}[${i}]`);
    else if (Array.isArray(x)) out.push(scrubList(x, dropped, `${at}[${i}]`));
    else if (x && typeof x === 'object') out.push(scrubAdditionalInfo(x as Record<string, unknown>, dropped, `${at}[${i}]`));
    else out.push(x);
  });
  return out;
}

const isActor = (a: Actor | SystemActor): a is Actor => 'clientId' in a;

function actorFields(actor: Actor | SystemActor) {
  if (!isActor(actor)) return { id: actor.actorId, email: actor.actorEmail ?? null, type: 'SYSTEM' };
  const type = actor.kind === 'agent' ? 'AGENT' : (actor.principalType ?? 'API_CREDENTIAL');
  return { id: actor.clientId, email: actor.email ?? null, type };
}

export interface AuditDeps {
  clock: () => Date;
  logger?: Logger;
}

/**
 * The writer: one INSERT into audit_events with the handle it is given (the change's
 * transaction), so the event commits or rolls back with the change. `additionalInfo` gets the
 * client address (`ip`, as in the documented example) and the actor's kind (`actorType`:
 * API_CREDENTIAL, USER, AGENT or SYSTEM).
 */
export function createAudit({ clock, logger }: AuditDeps): Audit {
  // Every state change writes one: the INSERT is built once (src/core/db/precompiled.ts), from
  // the first handle it is given (the dialect is the same for every handle of the process).
  let insert: ReturnType<typeof auditInsert> | undefined;
  const write = (db: Db, values: AuditValues) => (insert ??= auditInsert(db)).run(db, ...values);
  const event: Audit['event'] = (actor, event) => {
    const ctx = actor.origin ?? SYSTEM_ORIGIN;
    const who = actorFields(actor);
    const dropped: string[] = [];
    const info = scrubAdditionalInfo(event.additionalInfo ?? {}, dropped);
    if (dropped.length) logger?.warn({ eventName: event.eventName, dropped }, 'audit event: secret-looking additionalInfo keys dropped');
    const now = clock();
    const values: AuditValues = [
      orderedId(now.getTime()),
      actor.accountId,
      iso(now),
      event.eventName,
      event.eventType,
      ctx.source,
      event.description,
      who.id,
      who.email,
      event.subjectType,
      event.subjectId ?? null,
      event.subjectName ?? null,
      event.projectId ?? null,
      // The same keys, in the same order, as `{ ...info, ip, actorType }`, which costs ~2 µs more
      // per event on Node 20 (a spread followed by new keys takes V8's slow path).
      JSON.stringify(Object.assign(info, ctx.ip ? { ip: ctx.ip } : undefined, { actorType: who.type })),
    ];
    return {
      values,
      write: async (db) => void (await write(db, values)),
    };
  };
  return {
    event,
    async record(db, actor, input) {
      await write(db, event(actor, input)!.values);
    },
  };
}

type Text = string | null;
/** audit_events' columns, in the order of `PendingAuditEvent.values`. */
export const AUDIT_COLUMNS = [
  'event_id',
  'account_id',
  'event_timestamp',
  'event_name',
  'event_type',
  'event_source',
  'description',
  'actor_id',
  'actor_email',
  'subject_type',
  'subject_id',
  'subject_name',
  'project_id',
  'additional_info',
] as const satisfies readonly (keyof AuditEventsTable)[];
export type AuditValues = [string, string, string, string, string, string, string, string, Text, string, Text, Text, Text, string];

/** Markers for the 14 values of an event, from argument `first` on (src/core/db/precompiled.ts). */
export const auditMarkers = (first: number) => AUDIT_COLUMNS.map((_, i) => marker(first + i)) as AuditValues;

/**
 * The event's INSERT as a member of a data-modifying CTE: it writes one row per row of the CTE
 * `after` (the change's RETURNING), so the event exists exactly when the change happened, and
 * the statement, atomic by itself, commits or fails both. All audit columns are text: PostgreSQL
 * types the parameters of an INSERT … SELECT from the target columns.
 */
export function auditInsertAfter<DB>(qb: QueryCreator<DB>, after: keyof DB & string, values: AuditValues) {
  // (Typed loosely inside: `after` is a CTE of the caller's statement, unknown here. RETURNING
  // only because Kysely types a CTE by its output.)
  const q = qb as unknown as QueryCreator<Record<string, Record<string, unknown>>>;
  return q
    .insertInto('audit_events')
    .columns([...AUDIT_COLUMNS])
    .expression(q.selectFrom(after as string).select((eb) => AUDIT_COLUMNS.map((c, i) => eb.val(values[i]).as(c))))
    .returning('event_id');
}

const auditInsert = (db: Db) =>
  precompile(
    (...v: AuditValues) => db.insertInto('audit_events').values(Object.fromEntries(AUDIT_COLUMNS.map((c, i) => [c, v[i]])) as unknown as AuditEventsTable),
    auditMarkers(0),
  );

/**
 * Deletes events older than `cutoff` in batches of `batch` rows, each batch its own short
 * statement (no long transaction, no lock held between batches). Deleting by time is
 * idempotent, so several nodes may purge at once: a row another node deleted first is simply
 * not there. Returns how many rows this call deleted.
 */
export async function purgeAuditEvents(db: Db, cutoff: Date, batch = 1000): Promise<number> {
  const before = cutoff.toISOString();
  let total = 0;
  for (;;) {
    const res = await db
      .deleteFrom('audit_events')
      .where('event_id', 'in', (eb) => eb.selectFrom('audit_events').select('event_id').where('event_timestamp', '<', before).limit(batch))
      .executeTakeFirst();
    const n = Number(res.numDeletedRows ?? 0);
    total += n;
    if (n < batch) return total;
  }
}
