import { sql } from 'kysely';
import type { Db, Dialect } from '../db/db.js';

/**
 * Cross-node notice that api_credentials rows changed (PostgreSQL LISTEN/NOTIFY), so every node
 * drops its cached copy (src/domain/credential-cache.ts).
 *
 * `notifyCredentialChange` must run inside the transaction that changes the rows: NOTIFY is
 * transactional, so the notice is delivered exactly when the change commits and never for a
 * change that rolled back. The payload is the affected client ids separated by spaces (client
 * ids never contain one), after `@<node id>` of the sending node when it is named, split to stay
 * under PostgreSQL's 8000-byte payload limit; `*` means "forget everything". The channel is
 * database-wide: deployments in other schemas of the same database receive each other's
 * notices, which only costs them a re-read.
 */
export const CREDENTIALS_CHANNEL = 'plinth_credentials';
const MAX_PAYLOAD = 7000;

export async function notifyCredentialChange(trx: Db, dialect: Dialect, clientIds: readonly string[] | '*', sender?: string): Promise<void> {
  if (dialect !== 'postgres') return;
  for (const n of credentialNotices(clientIds, sender)) await sql`select pg_notify(${n.channel}, ${n.payload})`.execute(trx);
}

/** A `pg_notify(channel, payload)` call's arguments. */
export interface Notice {
  channel: string;
  payload: string;
}

/**
 * The notices `notifyCredentialChange` sends, as `pg_notify` arguments: for a PostgreSQL
 * statement that makes a change and announces it at once (delivered when that statement's
 * transaction commits, like any NOTIFY).
 */
export function credentialNotices(clientIds: readonly string[] | '*', sender?: string): Notice[] {
  const payloads: string[] = [];
  // `@<node id>` first names the sending node: it evicts for itself once the change committed
  // and skips its own notice, which would only throw away what it has read since.
  const from = sender === undefined ? '' : `@${sender.replace(/\s/g, '_')}`;
  if (clientIds === '*') payloads.push(from ? `${from} *` : '*');
  else {
    let cur = from;
    for (const id of clientIds) {
      if (cur !== from && cur.length + 1 + id.length > MAX_PAYLOAD) {
        payloads.push(cur);
        cur = from;
      }
      cur = cur ? `${cur} ${id}` : id;
    }
    if (cur !== from) payloads.push(cur);
  }
  return payloads.map((payload) => ({ channel: CREDENTIALS_CHANNEL, payload }));
}

export interface CredentialListenerEvents {
  /** Client ids whose rows changed, or '*' for all; `sender`: the announcing node, when named. */
  changed(clientIds: string[] | '*', sender?: string): void;
  /** LISTEN is in place: from now on every committed change is announced. */
  up(): void;
  /** The listening connection is gone: notices may be lost until `up` again. */
  down(err: unknown): void;
}

export interface CredentialListener {
  close(): Promise<void>;
}

/**
 * A dedicated connection (outside the pool) that LISTENs on the channel. On any failure (error,
 * end, a heartbeat `select 1` not answered within `heartbeatMs`) it reports `down` and
 * reconnects with exponential backoff (100 ms doubling to 10 s, with jitter), for as long as it
 * takes: the 'error' listener stays on every client it ever made (a dropped client may still
 * emit one), so a database restart never reaches Node as an unhandled 'error' event.
 */
export async function listenCredentialChanges(
  url: string,
  events: CredentialListenerEvents,
  opts: { heartbeatMs?: number; applicationName?: string } = {},
): Promise<CredentialListener> {
  const pg = (await import('pg')).default;
  const heartbeatMs = opts.heartbeatMs ?? 5000;
  let closed = false;
  let client: InstanceType<typeof pg.Client> | undefined;
  let retry: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let delay = 100;

  const drop = (c: InstanceType<typeof pg.Client>, err: unknown) => {
    if (client !== c) return; // already handled
    client = undefined;
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = undefined;
    c.removeAllListeners('notification');
    c.on('error', () => {});
    c.end().catch(() => {});
    events.down(err);
    if (!closed) {
      retry = setTimeout(connect, delay * (0.5 + Math.random()));
      retry.unref();
      delay = Math.min(delay * 2, 10_000);
    }
  };

  async function connect() {
    retry = undefined;
    if (closed) return;
    const c = new pg.Client({
      connectionString: url,
      keepAlive: true,
      connectionTimeoutMillis: 5000,
      application_name: (opts.applicationName ?? 'plinth-credentials').slice(0, 63),
    });
    client = c;
    c.on('error', (err) => drop(c, err));
    c.on('end', () => drop(c, new Error('listener connection ended')));
    c.on('notification', (msg) => {
      if (msg.channel !== CREDENTIALS_CHANNEL) return;
      const names = (msg.payload ?? '*').split(' ').filter((s) => s.length > 0);
      const sender = names[0]?.startsWith('@') ? names.shift()!.slice(1) : undefined;
      // Thrown here, an error would surface inside pg's socket handler as an uncaught exception.
      try {
        events.changed(names.length === 0 || names.includes('*') ? '*' : names, sender);
      } catch (err) {
        drop(c, err);
      }
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CREDENTIALS_CHANNEL}`);
    } catch (err) {
      drop(c, err);
      return;
    }
    if (client !== c || closed) return;
    delay = 100;
    events.up();
    heartbeat = setInterval(() => {
      let answered = false;
      const timer = setTimeout(() => {
        if (!answered) drop(c, new Error('listener heartbeat timed out'));
      }, heartbeatMs);
      c.query('select 1').then(
        () => {
          answered = true;
          clearTimeout(timer);
        },
        (err) => {
          answered = true;
          clearTimeout(timer);
          drop(c, err);
        },
      );
    }, heartbeatMs);
    heartbeat.unref();
  }

  await connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      if (heartbeat) clearInterval(heartbeat);
      const c = client;
      client = undefined;
      if (c) {
        c.removeAllListeners();
        c.on('error', () => {});
        await c.end().catch(() => {});
      }
    },
  };
}
