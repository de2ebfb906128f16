import { invalid } from '../../core/errors.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import type { Actor, Policy } from '../../core/policy.js';
import type { AuditEventRow, AuditEventsRepo } from './store.js';

export interface EventsQuery extends PageQuery {
  from: string;
  to: string;
  eventName?: string;
  eventType?: string;
  projectId?: string;
  actorId?: string;
  order?: 'asc' | 'desc';
}

export interface AuditEventView {
  eventId: string;
  actorEmail: string | null;
  actorId: string;
  additionalInfo: Record<string, unknown>;
  eventDescription: string;
  eventName: string;
  eventType: string;
  eventSource: string;
  eventProjectId: string | null;
  eventSubjectId: string | null;
  eventSubjectName: string | null;
  eventSubjectType: string;
  eventTimestamp: string;
}

function parseInfo(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

const view = (r: AuditEventRow): AuditEventView => ({
  eventId: r.event_id,
  actorEmail: r.actor_email,
  actorId: r.actor_id,
  additionalInfo: parseInfo(r.additional_info),
  eventDescription: r.description,
  eventName: r.event_name,
  eventType: r.event_type,
  eventSource: r.event_source,
  eventProjectId: r.project_id,
  eventSubjectId: r.subject_id,
  eventSubjectName: r.subject_name,
  eventSubjectType: r.subject_type,
  eventTimestamp: r.event_timestamp,
});

/** The instant as stored (UTC, milliseconds): `2025-02-20T07:15:15.000-01:00` → `…T08:15:15.000Z`. */
function utc(field: 'from' | 'to', s: string): string {
  const d = new Date(s);
  // The schema checked the shape; a value it lets through that Date cannot place (a leap second) is still the caller's.
  if (Number.isNaN(d.getTime())) throw invalid(field, 'must be an ISO 8601 date-time with an offset, e.g. 2025-02-20T07:15:15.000-01:00');
  return d.toISOString();
}

export function createAuditEventsService({ events, policy }: { events: AuditEventsRepo; policy: Policy }) {
  return {
    /** The caller's account's events only; `from`/`to` are both inclusive. */
    async list(actor: Actor, q: EventsQuery) {
      policy.assert(actor, 'audit.read');
      const from = utc('from', q.from);
      const to = utc('to', q.to);
      if (from > to) throw invalid('from', 'must not be after to');
      const w = pageWindow(q);
      const { rows, total } = await events.page(
        { accountId: actor.accountId, from, to, eventName: q.eventName, eventType: q.eventType, projectId: q.projectId, actorId: q.actorId, order: q.order ?? 'asc' },
        w.offset,
        w.limit,
      );
      return toPage(w, total, rows, view);
    },
  };
}
export type AuditEventsService = ReturnType<typeof createAuditEventsService>;
