import type { RouteBinder } from '../../core/http/binder.js';
import type { StreamingPipelinesService } from './service.js';

export function streamingPipelineRoutes(r: RouteBinder, pipelines: StreamingPipelinesService) {
  r.op('createStreamingPipeline', 'projects.write', async (req, reply) => reply.code(201).send(await pipelines.create(req.actor!, req.params.projectId, req.body)));
  r.op('listStreamingPipelines', 'projects.read', async (req) => pipelines.list(req.actor!, req.params.projectId, req.query));
  r.op('getStreamingPipeline', 'projects.read', async (req) => pipelines.get(req.actor!, req.params.projectId, req.params.streamingPipelineId));
  r.op('replaceStreamingPipeline', 'projects.write', async (req) => pipelines.replace(req.actor!, req.params.projectId, req.params.streamingPipelineId, req.body));
  r.op('deleteStreamingPipeline', 'projects.delete', async (req, reply) => {
    await pipelines.delete(req.actor!, req.params.projectId, req.params.streamingPipelineId);
    return reply.code(204).send();
  });
  r.op('getStreamingPipelineStatus', 'projects.read', async (req) => pipelines.status(req.actor!, req.params.projectId, req.params.streamingPipelineId));
  r.op('executeStreamingPipelineCommand', 'projects.write', async (req) => pipelines.command(req.actor!, req.params.projectId, req.params.streamingPipelineId, req.body.command));
}
