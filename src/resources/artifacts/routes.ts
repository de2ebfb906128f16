import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteBinder } from '../../core/http/binder.js';
import { HttpError } from '../../core/http/problem.js';
import { classifyPart } from './rules.js';
import type { ArtifactsService } from './service.js';
import type { SharedService } from './shared.js';

/** Plinth's limits on a publish body (413 beyond them, never a 5xx). */
export const UPLOAD_LIMITS = { parts: 2000, partBytes: 4 * 1024 * 1024, totalBytes: 64 * 1024 * 1024, metadataBytes: 64 * 1024 };

const MIB = 1024 * 1024;

interface Upload {
  fields: Record<string, string>;
  files: { path: string; mediaType: string; content: string }[];
  ignoredResources: { name: string; reason: string }[];
}

const tooLarge = (what: string) => new HttpError(413, `The multipart body is too large: ${what}`, [`body: ${what}`]);

/** A parser or limit error of the multipart body as a 4xx (the plugin's errors carry a code). */
function uploadError(err: unknown): Error {
  if (err instanceof HttpError) return err;
  const code = (err as { code?: string }).code;
  switch (code) {
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return tooLarge(`at most ${UPLOAD_LIMITS.parts} parts`);
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(`each part at most ${UPLOAD_LIMITS.partBytes / MIB} MiB`);
    case 'FST_PROTO_VIOLATION':
      return new HttpError(400, 'A part name is reserved (e.g. "__proto__", "constructor")', ['body: a part must not be named like an Object.prototype member']);
  }
  const reason = err instanceof Error ? err.message : 'unreadable';
  return new HttpError(400, `The multipart body could not be read (${reason})`, [`body: must be a well-formed multipart/form-data body (${reason})`]);
}

/** Reads every part: metadata fields by name, files classified by the rules (archives refused). */
async function readUpload(req: FastifyRequest, metadata: ReadonlySet<string>): Promise<Upload> {
  if (!req.isMultipart()) {
    throw new HttpError(415, 'The body must be multipart/form-data: one part per file, named by its relative path', ['body: must be multipart/form-data']);
  }
  const out: Upload = { fields: {}, files: [], ignoredResources: [] };
  const seen = new Set<string>();
  let total = 0;
  try {
    const parts = req.parts({
      limits: { parts: UPLOAD_LIMITS.parts, files: UPLOAD_LIMITS.parts, fields: UPLOAD_LIMITS.parts, fileSize: UPLOAD_LIMITS.partBytes, fieldSize: UPLOAD_LIMITS.metadataBytes, headerPairs: 100 },
      // Every part but the metadata fields is a file, read as raw bytes: whether it is text is
      // decided on its bytes, not after a charset decoding by the parser.
      isPartAFile: (name: string, _type: string, filename: string | undefined) => filename !== undefined || !metadata.has(name),
      // A filename is used as the path of a part named `file`: keep its folders.
      preservePath: true,
    } as Parameters<FastifyRequest['parts']>[0]);
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.valueTruncated) throw tooLarge(`a metadata field at most ${UPLOAD_LIMITS.metadataBytes / 1024} KiB`);
        if (typeof part.value === 'string') out.fields[part.fieldname] = part.value;
        continue;
      }
      const data = await part.toBuffer();
      total += data.length;
      if (total > UPLOAD_LIMITS.totalBytes) throw tooLarge(`at most ${UPLOAD_LIMITS.totalBytes / MIB} MiB in all`);
      addPart(out, seen, classifyPart({ name: part.fieldname, filename: part.filename || undefined, mimetype: part.mimetype ?? '', data }));
    }
  } catch (err) {
    throw uploadError(err);
  }
  return out;
}

function addPart(out: Upload, seen: Set<string>, p: ReturnType<typeof classifyPart>) {
  if (p.kind === 'archive') {
    throw new HttpError(400, `Archives are not supported: part "${p.name}" is an archive (${p.reason}). Send one multipart part per file, named by its relative path`, [
      `body.${p.name}: must be a text file, not an archive (${p.reason})`,
    ]);
  }
  if (p.kind === 'ignored') {
    out.ignoredResources.push({ name: p.name, reason: p.reason });
    return;
  }
  if (seen.has(p.path)) throw new HttpError(400, `Part "${p.path}" is sent twice`, [`body.${p.path}: each file must be sent once`]);
  seen.add(p.path);
  out.files.push({ path: p.path, mediaType: p.mediaType, content: p.content });
}

/** A metadata value: the header when sent, else the form field of the same name. */
function meta(req: FastifyRequest, upload: Upload, name: string): string | undefined {
  const h = req.headers[name.toLowerCase()];
  const header = Array.isArray(h) ? h[0] : h;
  return header !== undefined && header !== '' ? header : upload.fields[name];
}

const PROJECT_METADATA = new Set(['versionName', 'environmentName', 'commitHash', 'branch']);
const SHARED_METADATA = new Set(['versionName', 'sharedPipelineIdPrefix', 'commitHash', 'branch']);

/** The two publish operations: multipart bodies exist only inside this scope. */
function uploadRoutes(app: FastifyInstance, bind: (scope: FastifyInstance) => RouteBinder, artifacts: ArtifactsService, shared: SharedService) {
  app.register(async (scope) => {
    await scope.register(multipart, { limits: { parts: UPLOAD_LIMITS.parts, fileSize: UPLOAD_LIMITS.partBytes, fieldSize: UPLOAD_LIMITS.metadataBytes } });
    const r = bind(scope);
    r.op('createArtifact', 'projects.read', async (req, reply) => {
      const u = await readUpload(req, PROJECT_METADATA);
      const input = { versionName: meta(req, u, 'versionName'), environmentName: meta(req, u, 'environmentName'), commitHash: meta(req, u, 'commitHash'), branch: meta(req, u, 'branch') };
      return reply.code(201).send(await artifacts.publish(req.actor!, req.params.projectId, { ...input, files: u.files, ignoredResources: u.ignoredResources }));
    });
    r.op('createSharedPipelineArtifact', 'sharedPipelines.manage', async (req, reply) => {
      const u = await readUpload(req, SHARED_METADATA);
      const input = { versionName: meta(req, u, 'versionName'), sharedPipelineIdPrefix: meta(req, u, 'sharedPipelineIdPrefix'), commitHash: meta(req, u, 'commitHash'), branch: meta(req, u, 'branch') };
      return reply.code(201).send(await shared.publish(req.actor!, { ...input, files: u.files, ignoredResources: u.ignoredResources }));
    });
  });
}

export function artifactRoutes(app: FastifyInstance, bind: (scope: FastifyInstance) => RouteBinder, r: RouteBinder, artifacts: ArtifactsService, shared: SharedService) {
  uploadRoutes(app, bind, artifacts, shared);
  r.op('listArtifacts', 'projects.read', async (req) => artifacts.list(req.actor!, req.params.projectId, req.query));
  r.op('getArtifactDetails', 'projects.read', async (req) => artifacts.details(req.actor!, req.params.projectId, req.query));
  r.op('updateArtifactEnabled', 'projects.read', async (req) => artifacts.setEnabled(req.actor!, req.params.projectId, req.query, req.body.enabled));
  r.op('promoteArtifact', 'projects.read', async (req, reply) => reply.code(201).send(await artifacts.promote(req.actor!, req.params.projectId, req.body)));
  r.op('listPublishedPipelines', 'projects.read', async (req) => artifacts.publishedPipelines(req.actor!, req.params.projectId, req.query));

  r.op('listCustomConnectors', 'authenticated', async (req) => shared.listProfiles(req.actor!, 'custom'));
  r.op('listFlexConnectors', 'authenticated', async (req) => shared.listProfiles(req.actor!, 'flex'));
  r.op('registerCustomConnector', 'connectorProfiles.manage', async (req, reply) => {
    const { created, profile } = await shared.registerProfile(req.actor!, 'custom', req.body as Record<string, unknown>);
    return reply.code(created ? 201 : 200).send(profile);
  });
  r.op('registerFlexConnector', 'connectorProfiles.manage', async (req, reply) => {
    const { created, profile } = await shared.registerProfile(req.actor!, 'flex', req.body as Record<string, unknown>);
    return reply.code(created ? 201 : 200).send(profile);
  });

  r.op('listSharedPipelines', 'sharedPipelines.manage', async (req) => shared.listPipelines(req.actor!, req.query));
  r.op('listSharedPipelineArtifacts', 'sharedPipelines.manage', async (req) => shared.listArtifacts(req.actor!, req.query));
  r.op('getSharedPipelineArtifactDetails', 'sharedPipelines.manage', async (req) => shared.details(req.actor!, req.query));
}
