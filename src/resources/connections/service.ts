import type { ProjectAccess } from '../../core/access.js';
import type { Audit, AuditEventInput } from '../../core/audit.js';
import { iso } from '../../core/clock.js';
import { isForeignKeyViolation, isUniqueViolation, type Db } from '../../core/db/db.js';
import { badRequest, conflict, notFound, Violations } from '../../core/errors.js';
import { orderedId } from '../../core/ids.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import type { Actor } from '../../core/policy.js';
import type { ConnectionRow, ConnectionsRepo } from './store.js';
import {
  ALL_AUTH_TYPES,
  AUTH_TYPES,
  canonicalEnum,
  checkCombination,
  cleanConnectionDetails,
  inferProvider,
  PLATFORM_TYPES,
  WAREHOUSE_AUTH,
  WAREHOUSES,
  type Json,
  type Warehouse,
} from './rules.js';

/** A stored connection as other resources read it. */
export type ConnectionRecord = ConnectionRow;

/**
 * Who uses a connection (an environment's default connection, an override): registered by the
 * resources that do, so a connection in use is not deleted or re-pointed under them.
 */
export interface ConnectionUsage {
  /** Environments that use the connection as a default, with the kind of default. */
  asDefault?(connectionId: string, trx?: Db): Promise<{ name: string; kind: string }[]>;
  /** Environments that override the connection. */
  asOverride?(connectionId: string, trx?: Db): Promise<string[]>;
}

export interface ConnectionView {
  id: string;
  name: string;
  platformConnectionType: string;
  authProvider?: string;
  authType: string;
  createdBy: string;
  createdDate: string;
  projectId: string;
  connectionDetails?: Json;
}

export function connectionView(r: ConnectionRow): ConnectionView {
  const { id, name, auth_provider: authProvider, auth_type: authType, created_by: createdBy, created_at: createdDate, project_id: projectId, connection_details: details } = r;
  const platformConnectionType = r.platform_connection_type;
  // A literal for each combination of the optional keys, not spreads of them: on Node 20 a spread
  // inside a literal takes V8's slow path, ~0.9 µs a row (90 µs on a page of 100) against ~0.35.
  if (authProvider === null) {
    if (details === null) return { id, name, platformConnectionType, authType, createdBy, createdDate, projectId };
    return { id, name, platformConnectionType, authType, createdBy, createdDate, projectId, connectionDetails: JSON.parse(details) as Json };
  }
  if (details === null) return { id, name, platformConnectionType, authProvider, authType, createdBy, createdDate, projectId };
  return { id, name, platformConnectionType, authProvider, authType, createdBy, createdDate, projectId, connectionDetails: JSON.parse(details) as Json };
}

export interface DataPlatformConnectionInput {
  name: string;
  platformConnectionType: string;
  authProvider: string;
  authType: string;
}

export interface ConnectionInput {
  name: string;
  platformConnectionType: string;
  authProvider?: string;
  authType: string;
  connectionDetails?: Json;
}

export type ConnectionUpdate = Omit<ConnectionInput, 'name'>;

export interface ConnectionListQuery extends PageQuery {
  platformConnectionType?: string;
  authProvider?: string;
  connectionNames?: string;
}

export interface ConnectionsDeps {
  db: Db;
  audit: Audit;
  projects: ProjectAccess;
  connections: ConnectionsRepo;
  clock: () => Date;
}

const csv = (s: string | undefined) => (s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter((x) => x.length > 0));

/** Who uses a connection, from every registered usage. */
type UsersOf = (connectionId: string, trx?: Db) => Promise<{ asDefault: { name: string; kind: string }[]; asOverride: string[] }>;

type ConnectionEventName = 'connection_created' | 'connection_updated' | 'connection_deleted' | 'data_platform_connection_created';
const CONNECTION_EVENTS: Record<ConnectionEventName, [string, string]> = {
  connection_created: ['CREATE', 'Connection created'],
  connection_updated: ['UPDATE', 'Connection replaced'],
  connection_deleted: ['DELETE', 'Connection deleted'],
  data_platform_connection_created: ['CREATE', 'Data platform connection created'],
};

/** A connection's audit event: its kind and provider, never its details (which point at secrets). */
const connectionEvent = (eventName: ConnectionEventName, row: Pick<ConnectionRow, 'id' | 'name' | 'project_id' | 'platform_connection_type' | 'auth_provider' | 'auth_type'>): AuditEventInput => ({
  eventName,
  eventType: CONNECTION_EVENTS[eventName][0],
  description: CONNECTION_EVENTS[eventName][1],
  subjectType: 'CONNECTION',
  subjectId: row.id,
  subjectName: row.name,
  projectId: row.project_id,
  additionalInfo: { platformConnectionType: row.platform_connection_type, authProvider: row.auth_provider, authType: row.auth_type },
});

const duplicate = (name: string) => conflict(`A connection named "${name}" already exists in this project`, [{ field: 'name', rule: 'must be unique within the project' }]);

async function insert(d: ConnectionsDeps, actor: Actor, row: ConnectionRow) {
  try {
    await d.db.transaction().execute(async (trx) => {
      await d.connections.insert(row, trx);
      await d.audit.record(trx, actor, connectionEvent('data_platform_connection_created', row));
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(row.name);
    // The project was deleted while this request ran.
    if (isForeignKeyViolation(err)) throw notFound(`Project ${row.project_id} not found`);
    throw err;
  }
  return connectionView(row);
}

async function find(d: ConnectionsDeps, projectId: string, name: string) {
  const row = await d.connections.findByName(projectId, name);
  if (!row) throw notFound(`Connection "${name}" not found in project ${projectId}`, [{ field: `connectionName`, rule: `no connection named "${name}" in the project` }]);
  return row;
}

/**
 * The validated, canonical form of a connection body (shared by create and replace). An omitted
 * authProvider is inferred (rules.ts `inferProvider`): on replace the connection's `current`
 * provider stays when the table admits it with the new authType; a DWH connection's is the
 * project's warehouse.
 */
function validate(input: ConnectionUpdate, warehouse: string, allowDwh: boolean, current?: string | null) {
  const v = new Violations();
  const type = canonicalEnum(v, 'platformConnectionType', input.platformConnectionType, allowDwh ? PLATFORM_TYPES : (['COMPONENT_BASIC', 'CLOUD_PLATFORM_CREDENTIALS'] as const));
  const authType = canonicalEnum(v, 'authType', input.authType, type === 'DWH' ? (['KEY_PAIR', 'PASSWORD'] as const) : type ? AUTH_TYPES : ALL_AUTH_TYPES);
  let provider = input.authProvider;
  if (type === 'DWH') {
    provider = checkWarehouse(v, warehouse, input.authProvider ?? warehouse, authType);
  } else if (type && authType) {
    if (provider === undefined) provider = inferProvider(v, type, authType, current);
    else checkCombination(v, type, provider, authType);
  }
  const details = type && input.connectionDetails !== undefined ? cleanConnectionDetails(v, type, input.connectionDetails) : undefined;
  v.throwIfAny();
  return { type: type!, authType: authType!, provider, details };
}

/** A DWH connection: authProvider is the project's warehouse, with that warehouse's auth type. */
function checkWarehouse(v: Violations, warehouse: string, provider: string, authType: string | undefined): string | undefined {
  const w = canonicalEnum(v, 'authProvider', provider, WAREHOUSES);
  if (!w) return undefined;
  if (w !== warehouse) v.add('authProvider', `must be the project's warehouse (${warehouse})`);
  else if (authType && authType !== WAREHOUSE_AUTH[w]) v.add('authType', `must be ${WAREHOUSE_AUTH[w]} for ${w} (supported: SNOWFLAKE with KEY_PAIR, REDSHIFT with PASSWORD)`);
  return w;
}

async function createDataPlatform(d: ConnectionsDeps, actor: Actor, projectId: string, input: DataPlatformConnectionInput) {
  const project = await d.projects.require(actor, projectId, 'projects.write');
  const v = new Violations();
  const type = canonicalEnum(v, 'platformConnectionType', input.platformConnectionType, PLATFORM_TYPES);
  if (type && type !== 'DWH') v.add('platformConnectionType', 'must be DWH for a data-platform connection');
  const authType = canonicalEnum(v, 'authType', input.authType, ['KEY_PAIR', 'PASSWORD'] as const);
  const provider = checkWarehouse(v, project.warehouse, input.authProvider, authType);
  v.throwIfAny();
  const now = iso(d.clock());
  return insert(d, actor, {
    id: orderedId(),
    project_id: projectId,
    name: input.name,
    platform_connection_type: 'DWH',
    auth_provider: provider as Warehouse,
    auth_type: authType!,
    connection_details: null,
    created_by: actor.clientId,
    created_at: now,
    updated_at: now,
  });
}

/**
 * One statement on the success path: the project's existence is checked by the insert itself
 * (no warehouse is needed, since DWH connections go through createDataPlatform). A missing
 * project still answers 404 before any 400, as `require` first would.
 */
async function createConnection(d: ConnectionsDeps, actor: Actor, projectId: string, input: ConnectionInput) {
  await d.projects.authorize(actor, projectId, 'projects.write');
  let c;
  try {
    c = validate(input, '', false);
  } catch (err) {
    await d.projects.require(actor, projectId, 'projects.write'); // 404 first
    throw err;
  }
  const now = iso(d.clock());
  const row: ConnectionRow = {
    id: orderedId(),
    project_id: projectId,
    name: input.name,
    platform_connection_type: c.type,
    auth_provider: c.provider ?? null,
    auth_type: c.authType,
    connection_details: c.details !== undefined ? JSON.stringify(c.details) : null,
    created_by: actor.clientId,
    created_at: now,
    updated_at: now,
  };
  let inserted: boolean;
  try {
    // The insert (which checks the project) and its event, written together by the store: one
    // statement on PostgreSQL (no BEGIN/COMMIT), a transaction on SQLite.
    inserted = await d.connections.insertIntoProject(actor.accountId, row, undefined, d.audit.event(actor, connectionEvent('connection_created', row)));
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(row.name);
    if (isForeignKeyViolation(err)) throw notFound(`Project ${projectId} not found`);
    throw err;
  }
  if (!inserted) throw notFound(`Project ${projectId} not found`);
  return connectionView(row);
}

async function listConnections(d: ConnectionsDeps, actor: Actor, projectId: string, q: ConnectionListQuery) {
  await d.projects.require(actor, projectId, 'projects.read');
  const v = new Violations();
  const types = csv(q.platformConnectionType)?.map((t) => canonicalEnum(v, 'platformConnectionType', t, PLATFORM_TYPES));
  v.throwIfAny();
  const w = pageWindow(q);
  const { rows, total } = await d.connections.page(
    projectId,
    { types: types as string[] | undefined, providers: csv(q.authProvider)?.map((p) => p.toLowerCase()), names: csv(q.connectionNames) },
    w.offset,
    w.limit,
  );
  return toPage(w, total, rows, connectionView);
}

async function replaceConnection(d: ConnectionsDeps, usersOf: UsersOf, actor: Actor, projectId: string, name: string, input: ConnectionUpdate) {
  const project = await d.projects.require(actor, projectId, 'projects.write');
  const current = await find(d, projectId, name);
  const c = validate(input, project.warehouse, true, current.auth_provider);
  if (c.type !== current.platform_connection_type) {
    throw badRequest([{ field: 'platformConnectionType', rule: `must be the connection's current type (${current.platform_connection_type})` }], `A connection's type cannot change`);
  }
  if (c.type === 'CLOUD_PLATFORM_CREDENTIALS' && c.provider?.toLowerCase() !== current.auth_provider?.toLowerCase()) {
    const { asDefault } = await usersOf(current.id);
    const env = asDefault.find((d) => d.kind === 'CLOUD_PLATFORM');
    if (env) {
      throw conflict(`Connection "${name}" is the CLOUD_PLATFORM default of environment "${env.name}"`, [{ field: `authProvider`, rule: `cannot change while environment "${env.name}" uses the connection as its ${current.auth_provider} CLOUD_PLATFORM default` }]);
    }
  }
  const now = iso(d.clock());
  const fields = {
    auth_provider: c.provider ?? null,
    auth_type: c.authType,
    connection_details: c.details !== undefined ? JSON.stringify(c.details) : null,
    updated_at: now,
  };
  const replaced = { ...current, ...fields };
  await d.db.transaction().execute(async (trx) => {
    if (!(await d.connections.replace(current.id, fields, trx))) throw notFound(`Connection "${name}" not found in project ${projectId}`, [{ field: `connectionName`, rule: `no connection named "${name}" in the project` }]);
    await d.audit.record(trx, actor, connectionEvent('connection_updated', replaced));
  });
  return connectionView(replaced);
}

async function deleteConnection(d: ConnectionsDeps, usersOf: UsersOf, actor: Actor, projectId: string, name: string) {
  // Contributors create and change a project's connections; deleting is the Owner's (contract §6).
  await d.projects.require(actor, projectId, 'projects.delete');
  const current = await find(d, projectId, name);
  const inUse = (envName: string, how: string) =>
    conflict(`Connection "${name}" is in use by environment "${envName}"`, [{ field: `connectionName`, rule: `connection is used by environment "${envName}" ${how}` }]);
  try {
    await d.db.transaction().execute(async (trx) => {
      const { asDefault, asOverride } = await usersOf(current.id, trx);
      if (asDefault[0]) throw inUse(asDefault[0].name, `as its ${asDefault[0].kind} default connection`);
      if (asOverride[0]) throw inUse(asOverride[0], 'through an environment connection override');
      if (await d.connections.delete(current.id, trx)) await d.audit.record(trx, actor, connectionEvent('connection_deleted', current));
    });
  } catch (err) {
    // An environment started using it between the check and the delete.
    if (isForeignKeyViolation(err)) throw conflict(`Connection "${name}" is in use by an environment`, [{ field: 'connectionName', rule: 'connection is used by an environment' }]);
    throw err;
  }
}

/** Project connections (`/connections`) and default warehouse connections (`/data-platform-connections`). */
export function createConnectionsService(d: ConnectionsDeps) {
  const usages: ConnectionUsage[] = [];
  const usersOf: UsersOf = async (connectionId, trx) => {
    const asDefault: { name: string; kind: string }[] = [];
    const asOverride: string[] = [];
    for (const u of usages) {
      asDefault.push(...((await u.asDefault?.(connectionId, trx)) ?? []));
      asOverride.push(...((await u.asOverride?.(connectionId, trx)) ?? []));
    }
    return { asDefault, asOverride };
  };
  return {
    createDataPlatform: (actor: Actor, projectId: string, input: DataPlatformConnectionInput) => createDataPlatform(d, actor, projectId, input),
    create: (actor: Actor, projectId: string, input: ConnectionInput) => createConnection(d, actor, projectId, input),
    list: (actor: Actor, projectId: string, q: ConnectionListQuery) => listConnections(d, actor, projectId, q),
    replace: (actor: Actor, projectId: string, name: string, input: ConnectionUpdate) => replaceConnection(d, usersOf, actor, projectId, name, input),
    delete: (actor: Actor, projectId: string, name: string) => deleteConnection(d, usersOf, actor, projectId, name),

    // In-process, for the resources that use connections.
    findByName: (projectId: string, name: string) => d.connections.findByName(projectId, name),
    addUsage(u: ConnectionUsage) {
      usages.push(u);
    },
  };
}
export type ConnectionsService = ReturnType<typeof createConnectionsService>;
