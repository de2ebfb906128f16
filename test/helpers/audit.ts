import { sql } from 'kysely';
import type { AuditEventView } from '../../src/resources/audit-events/service.js';
import type { TestApp } from './app.js';

export const WIDE = { from: '2000-01-01T00:00:00.000Z', to: '2999-12-31T23:59:59.999Z' };

/** One item of GET /v1/events, as the service shapes it. */
export type EventItem = AuditEventView;

/** Every event the token's account can see (all pages, oldest first), optionally of one name. */
export async function allEvents(t: TestApp, token: string, eventName?: string): Promise<EventItem[]> {
  const out: EventItem[] = [];
  for (let page = 0; ; page++) {
    const q = new URLSearchParams({ ...WIDE, page: String(page), size: '100', ...(eventName ? { eventName } : {}) });
    const r = await t.inject({ method: 'GET', url: `/v1/events?${q}`, token });
    if (r.statusCode !== 200) throw new Error(`GET /v1/events: ${r.statusCode} ${r.body}`);
    const body = r.json();
    out.push(...body.results);
    if (out.length >= body.total || body.results.length === 0) return out;
  }
}

/** The one event of `eventName` about `subjectId` (fails the test when there is not exactly one). */
export async function oneEvent(t: TestApp, token: string, eventName: string, subjectId: string): Promise<EventItem> {
  const found = (await allEvents(t, token, eventName)).filter((e) => e.eventSubjectId === subjectId);
  if (found.length !== 1) throw new Error(`expected one ${eventName} event for ${subjectId}, found ${found.length}`);
  return found[0]!;
}

/**
 * A failure injected inside the transaction, after the change's own write: an INSERT of an audit
 * event whose subject is named `name` raises. Returns the function that removes it.
 */
export async function failEventsNamed(t: TestApp, name: string): Promise<() => Promise<void>> {
  const db = t.app.store.db;
  if (t.kind === 'sqlite') {
    await sql
      .raw(`create trigger audit_fail before insert on audit_events when new.subject_name = '${name}' begin select raise(abort, 'injected failure'); end`)
      .execute(db);
    return async () => void (await sql.raw('drop trigger audit_fail').execute(db));
  }
  await sql
    .raw(
      `create function audit_fail() returns trigger language plpgsql as $$ begin if new.subject_name = '${name}' then raise exception 'injected failure'; end if; return new; end $$`,
    )
    .execute(db);
  await sql.raw('create trigger audit_fail before insert on audit_events for each row execute function audit_fail()').execute(db);
  return async () => {
    await sql.raw('drop trigger audit_fail on audit_events').execute(db);
    await sql.raw('drop function audit_fail()').execute(db);
  };
}
