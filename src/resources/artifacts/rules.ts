/**
 * Pure rules of artifacts: how an uploaded part becomes a stored file, how pipelines are named,
 * how a client-encoded environment name is read. Published for the pipeline-executions resource
 * (pipeline naming) as well.
 */

export const ORCHESTRATION_EXT = '.orch.yaml';
export const TRANSFORMATION_EXT = '.tran.yaml';

export type PipelineType = 'orchestration' | 'transformation';

/** The pipeline type a path names by its extension, if it is a pipeline file. */
export function pipelineTypeOf(path: string): PipelineType | undefined {
  const p = path.toLowerCase();
  if (p.endsWith(ORCHESTRATION_EXT)) return 'orchestration';
  if (p.endsWith(TRANSFORMATION_EXT)) return 'transformation';
  return undefined;
}

export const isPipelinePath = (path: string) => pipelineTypeOf(path) !== undefined;

/** The path without its pipeline extension (how pipelines name each other: `AI/Load Data`). */
export function withoutExtension(path: string): string {
  const t = pipelineTypeOf(path);
  return t ? path.slice(0, path.length - (t === 'orchestration' ? ORCHESTRATION_EXT : TRANSFORMATION_EXT).length) : path;
}

/**
 * The stored paths a pipeline name may mean, in order of preference. Names are accepted with or
 * without the extension (people type `folder/Load Data`, lineage and listings say
 * `folder/Load Data.orch.yaml`), with or without a leading `/` or `./`.
 */
export function pipelineCandidates(name: string): string[] {
  const n = name.trim().replace(/^\.?\/+/, '');
  if (n === '') return [];
  if (isPipelinePath(n)) return [n];
  return [n + ORCHESTRATION_EXT, n + TRANSFORMATION_EXT];
}

/** Finds a pipeline by name (either form) among stored paths. */
export function findPipelinePath(paths: Iterable<string>, name: string): string | undefined {
  const set = paths instanceof Set ? (paths as Set<string>) : new Set(paths);
  return pipelineCandidates(name).find((c) => set.has(c));
}

/**
 * The environment names a header or field value may mean: as sent, then percent-decoded with
 * `+` as a space (Matillion's publish.py sends `quote_plus(environmentName)`). The raw value
 * wins when it names an environment, so a name that really contains `+` or `%` still works.
 */
export function environmentNameCandidates(raw: string): string[] {
  const out = [raw];
  // Node reads header bytes as latin1: a UTF-8 name sent unencoded arrives as mojibake.
  if (/[\u0080-\u00ff]/.test(raw) && !/[^\u0000-\u00ff]/.test(raw)) {
    const utf8 = Buffer.from(raw, 'latin1').toString('utf8');
    if (!utf8.includes('\ufffd')) out.push(utf8);
  }
  try {
    const decoded = decodeURIComponent(raw.replace(/\+/g, ' '));
    if (decoded !== raw && decoded !== '') out.push(decoded);
  } catch {
    // Not percent-encoding (a lone `%`): only the raw value.
  }
  return out;
}

/** Part media types stored as text (others are reported in `ignoredResources`). */
const TEXT_TYPES = new Set([
  'text/plain',
  'application/octet-stream',
  'application/vnd.matillion.dpl+yaml',
  'application/vnd.matillion.connector-profile+json',
  'application/json',
  'application/yaml',
  'application/x-yaml',
]);

const ARCHIVE_TYPES = new Set(['application/zip', 'application/x-zip-compressed', 'application/x-zip', 'application/gzip', 'application/x-gzip', 'application/x-tar', 'application/x-7z-compressed']);
const ARCHIVE_EXTS = ['.zip', '.tar', '.tgz', '.tar.gz', '.gz', '.7z', '.jar'];

export const MAX_PATH_LENGTH = 1024;

export interface UploadedPart {
  /** The part's name (the file's relative path, per the contract). */
  name: string;
  filename?: string;
  mimetype: string;
  data: Buffer;
}

export type PartOutcome =
  | { kind: 'file'; path: string; mediaType: string; content: string }
  | { kind: 'ignored'; name: string; reason: string }
  | { kind: 'archive'; name: string; reason: string };

function isArchive(p: UploadedPart, mediaType: string): string | undefined {
  const d = p.data;
  if (d.length >= 4 && d[0] === 0x50 && d[1] === 0x4b && (d[2] === 0x03 || d[2] === 0x05 || d[2] === 0x07)) return 'its content is a ZIP archive';
  if (d.length >= 2 && d[0] === 0x1f && d[1] === 0x8b) return 'its content is a gzip archive';
  if (ARCHIVE_TYPES.has(mediaType)) return `its content type is ${mediaType}`;
  const names = [p.name, p.filename ?? ''].map((s) => s.toLowerCase());
  if (names.some((n) => ARCHIVE_EXTS.some((e) => n.endsWith(e)))) return 'its name is an archive file name';
  return undefined;
}

/** Why a part name is not a usable relative path, if it is not. */
export function pathProblem(path: string): string | undefined {
  if (path === '') return 'the part has no name (a part is named by the relative path of its file)';
  if (path.length > MAX_PATH_LENGTH) return `the path is longer than ${MAX_PATH_LENGTH} characters`;
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'the path is absolute (a part is named by the path relative to the project root)';
  if (path.split('/').some((s) => s === '..' || s === '.' || s === '')) return 'the path has an empty, "." or ".." segment';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'the path contains a control character';
  return undefined;
}

/** The part's text, or why it is not a text file. */
function textOf(data: Buffer): { text: string } | { reason: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return { reason: 'not a text file (the content is not UTF-8); only text files are supported' };
  }
  if (text.includes('\u0000')) return { reason: 'not a text file (the content has NUL bytes); only text files are supported' };
  return { text };
}

/**
 * What one part becomes. A part named `file` or `files` that carries a filename (a single
 * repeated part name, as one CI script sends) is stored under its filename.
 */
export function classifyPart(p: UploadedPart): PartOutcome {
  const mediaType = p.mimetype.split(';')[0]!.trim().toLowerCase() || 'text/plain';
  const path = (p.name === 'file' || p.name === 'files') && p.filename ? p.filename : p.name;
  const archive = isArchive(p, mediaType);
  if (archive) return { kind: 'archive', name: path, reason: archive };
  const bad = pathProblem(path);
  if (bad) return { kind: 'ignored', name: path, reason: bad };
  if (!TEXT_TYPES.has(mediaType) && !mediaType.startsWith('text/')) {
    return { kind: 'ignored', name: path, reason: `unsupported content type ${mediaType}; only text files are supported` };
  }
  const t = textOf(p.data);
  if ('reason' in t) return { kind: 'ignored', name: path, reason: t.reason };
  return { kind: 'file', path, mediaType, content: t.text };
}
