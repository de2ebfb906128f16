import type { Selectable } from 'kysely';
import type { AuditEventsTable } from '../../core/audit.js';
import type { Db } from '../../core/db/db.js';
import { countRows, paged } from '../../core/db/paging.js';

export type AuditEventRow = Selectable<AuditEventsTable>;

export interface EventFilter {
  accountId: string;
  /** ISO 8601 UTC with milliseconds, inclusive. */
  from: string;
  /** ISO 8601 UTC with milliseconds, inclusive. */
  to: string;
  eventName?: string;
  eventType?: string;
  projectId?: string;
  actorId?: string;
  order: 'asc' | 'desc';
}

export function createAuditEventsRepo(db: Db) {
  return {
    /** One account's events in a time range: a range scan of (account_id, event_timestamp). */
    async page(f: EventFilter, offset: number, limit: number) {
      let base = db
        .selectFrom('audit_events')
        .where('account_id', '=', f.accountId)
        .where('event_timestamp', '>=', f.from)
        .where('event_timestamp', '<=', f.to);
      if (f.eventName !== undefined) base = base.where('event_name', '=', f.eventName);
      if (f.eventType !== undefined) base = base.where('event_type', '=', f.eventType);
      if (f.projectId !== undefined) base = base.where('project_id', '=', f.projectId);
      if (f.actorId !== undefined) base = base.where('actor_id', '=', f.actorId);
      // event_id (UUIDv7) breaks ties between events of one millisecond, in creation order.
      return paged(
        base.selectAll().orderBy('event_timestamp', f.order).orderBy('event_id', f.order).offset(offset).limit(limit).execute(),
        base.select(countRows).executeTakeFirstOrThrow(),
      );
    },
  };
}
export type AuditEventsRepo = ReturnType<typeof createAuditEventsRepo>;
