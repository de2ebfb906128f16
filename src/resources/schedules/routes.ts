import type { RouteBinder } from '../../core/http/binder.js';
import type { SchedulesService } from './service.js';

export function scheduleRoutes(r: RouteBinder, schedules: SchedulesService) {
  // The route's permission only keeps agent tokens out; the service asks the environment's
  // (environment.view / environment.manage through ProjectAccess.requireEnvironment).
  r.op('createSchedule', 'projects.write', async (req, reply) => reply.code(201).send(await schedules.create(req.actor!, req.params.projectId, req.body)));
  r.op('listSchedules', 'projects.read', async (req) => schedules.list(req.actor!, req.params.projectId, req.query));
  r.op('getSchedule', 'projects.read', async (req) => schedules.get(req.actor!, req.params.projectId, req.params.scheduleId));
  r.op('updateSchedule', 'projects.write', async (req) => schedules.update(req.actor!, req.params.projectId, req.params.scheduleId, req.body));
  r.op('deleteSchedule', 'projects.write', async (req, reply) => {
    await schedules.delete(req.actor!, req.params.projectId, req.params.scheduleId);
    return reply.code(204).send();
  });
}
