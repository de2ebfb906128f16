import type { RouteBinder } from '../../core/http/binder.js';
import type { Reporting } from './reporting.js';
import type { ExecutionsService } from './service.js';

export function pipelineExecutionRoutes(r: RouteBinder, executions: ExecutionsService, reporting: Reporting) {
  r.op('executePublishedPipeline', 'authenticated', async (req, reply) => reply.code(201).send(await executions.execute(req.actor!, req.params.projectId, req.body)));
  r.op('getPipelineExecution', 'authenticated', async (req) => executions.get(req.actor!, req.params.projectId, req.params.pipelineExecutionId));
  r.op('getExecutionStatusOnly', 'authenticated', async (req) => executions.status(req.actor!, req.params.projectId, req.params.pipelineExecutionId));
  r.op('getPipelineExecutionSteps', 'authenticated', async (req) => executions.steps(req.actor!, req.params.projectId, req.params.pipelineExecutionId, req.query));
  r.op('cancelPipelineExecution', 'authenticated', async (req) => executions.cancel(req.actor!, req.params.projectId, req.params.pipelineExecutionId, req.body));
  r.op('listPipelineExecutions', 'authenticated', async (req) => executions.list(req.actor!, req.query));
  r.op('putPipelineBehaviour', 'authenticated', async (req) => executions.putBehaviour(req.actor!, req.params.projectId, req.body));
  r.op('startTestExecution', 'authenticated', async (req, reply) => reply.code(201).send(await executions.tests.start(req.actor!, req.params.projectId, req.body)));
  r.op('getTestExecution', 'authenticated', async (req) => executions.tests.get(req.actor!, req.params.projectId, req.params.testExecutionId));
  r.op('cancelTestExecution', 'authenticated', async (req) => executions.tests.cancel(req.actor!, req.params.projectId, req.params.testExecutionId, req.body));
  r.op('getLineageEvents', 'lineage.read', async (req) => reporting.lineage(req.actor!, req.query));
  r.op('getConsumption', 'billing.manage', async (req) => reporting.consumption(req.actor!, req.query));
  r.op('getEtlUsersConsumption', 'billing.manage', async (req) => reporting.etlUsers(req.actor!, req.query));
}
