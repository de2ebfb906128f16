import type { RouteBinder } from '../../core/http/binder.js';
import type { AuditEventsService } from './service.js';

export function auditEventRoutes(r: RouteBinder, events: AuditEventsService) {
  r.op('listAuditEvents', 'audit.read', async (req) => events.list(req.actor!, req.query));
}
