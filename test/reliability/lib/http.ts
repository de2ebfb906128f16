import http from 'node:http';

/**
 * A raw HTTP client: the path is sent exactly as given (bad percent-encoding, raw latin-1
 * bytes), headers as given, the body as given. A response is kept even when the connection
 * breaks afterwards (a server answering 413 before the upload ends); an error is reported only
 * when no response arrived at all.
 */

export interface RawRequest {
  method: string;
  /** Sent verbatim (must not contain bytes below 0x21 or above 0xff; Node refuses those). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
  /** A keep-alive agent, or false for a fresh connection. */
  agent?: http.Agent | false;
  /** How much of the response body to keep (default 4 MiB). */
  maxKept?: number;
}

export interface RawResponse {
  status: number | null;
  headers: http.IncomingHttpHeaders;
  /** The body, cut to `maxKept` bytes. */
  text: string;
  /** Total body length in bytes. */
  bytes: number;
  /** Transport failure when no (complete) response came: ECONNRESET, EPIPE, timeout… */
  error?: string;
  startedAt: number;
  ms: number;
}

const MAX_KEPT = 4 * 1024 * 1024;
const cap = (req: RawRequest) => req.maxKept ?? MAX_KEPT;

export function keepAliveAgent(maxSockets = 16): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, keepAliveMsecs: 1000 });
}

export function request(base: string, req: RawRequest): Promise<RawResponse> {
  const startedAt = Date.now();
  const u = new URL(base);
  return new Promise((resolve) => {
    let done = false;
    let status: number | null = null;
    let headers: http.IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    let bytes = 0;
    let kept = 0;
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const buf = Buffer.concat(chunks);
      resolve({ status, headers, text: buf.toString('utf8', 0, Math.min(buf.length, cap(req))), bytes, error, startedAt, ms: Date.now() - startedAt });
    };
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
    const hdrs: Record<string, string | number> = { ...(req.headers ?? {}) };
    if (body !== undefined && !Object.keys(hdrs).some((k) => k.toLowerCase() === 'content-length')) hdrs['content-length'] = body.length;
    let r: http.ClientRequest;
    try {
      r = http.request({
        host: u.hostname,
        port: u.port,
        method: req.method,
        path: req.path,
        headers: hdrs,
        agent: req.agent === undefined ? false : req.agent,
      });
    } catch (err) {
      // Node refused to send it (an invalid header value, say): not the server's fault.
      resolve({ status: null, headers: {}, text: '', bytes: 0, error: `client-refused: ${(err as Error).message}`, startedAt, ms: 0 });
      return;
    }
    const timer = setTimeout(() => {
      r.destroy(new Error('timeout'));
    }, req.timeoutMs ?? 30_000);
    r.on('response', (res) => {
      status = res.statusCode ?? null;
      headers = res.headers;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        if (kept < cap(req)) {
          chunks.push(c);
          kept += c.length;
        }
      });
      res.on('end', () => finish());
      res.on('error', (e) => finish(status === null ? errCode(e) : undefined));
      res.on('aborted', () => finish(status === null ? 'aborted' : undefined));
    });
    r.on('error', (e) => {
      // A response whose headers arrived counts even if the connection broke later.
      finish(status === null ? errCode(e) : undefined);
    });
    if (body !== undefined && body.length > 256 * 1024) {
      // Large uploads in chunks, so a server that answers early is seen answering.
      let off = 0;
      const pump = () => {
        while (off < body.length) {
          const chunk = body.subarray(off, off + 64 * 1024);
          off += chunk.length;
          if (!r.write(chunk)) {
            r.once('drain', pump);
            return;
          }
        }
        r.end();
      };
      pump();
    } else {
      r.end(body);
    }
  });
}

function errCode(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ?? err.message ?? String(e);
}

export function json(r: RawResponse): any {
  try {
    return JSON.parse(r.text);
  } catch {
    return undefined;
  }
}

/** A client for well-formed calls (setup, checks): JSON in, parsed JSON out. */
export class Api {
  constructor(
    public base: string,
    public token: string | null = null,
    public agent: http.Agent | false = false,
    public timeoutMs = 30_000,
  ) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawResponse & { json: any }> {
    const h: Record<string, string> = { ...headers };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    if (body !== undefined) h['content-type'] = 'application/json';
    const r = await request(this.base, { method, path, headers: h, body: body === undefined ? undefined : JSON.stringify(body), agent: this.agent, timeoutMs: this.timeoutMs, maxKept: 16 * 1024 * 1024 });
    return { ...r, json: json(r) };
  }
}

/** POST /oauth/dpc/token with client credentials; throws unless 200. */
export async function getToken(base: string, clientId: string, clientSecret: string, timeoutMs = 30_000): Promise<string> {
  const r = await request(base, {
    method: 'POST',
    path: '/oauth/dpc/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
    timeoutMs,
  });
  const j = json(r);
  if (r.status !== 200 || typeof j?.access_token !== 'string') throw new Error(`token request failed: ${r.status ?? r.error} ${r.text.slice(0, 300)}`);
  return j.access_token;
}

/** Every item of a paged list (size 100), with the `total` the last page reported. */
export async function listAll(api: Api, path: string, maxPages = 10_000): Promise<{ items: any[]; total: number; statuses: number[] }> {
  const items: any[] = [];
  const statuses: number[] = [];
  let total = -1;
  for (let page = 0; page < maxPages; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const r = await api.call('GET', `${path}${sep}page=${page}&size=100`);
    statuses.push(r.status ?? -1);
    if (r.status !== 200) throw new Error(`GET ${path} page ${page}: ${r.status ?? r.error} ${r.text.slice(0, 300)}`);
    total = r.json.total;
    items.push(...r.json.results);
    if (r.json.results.length === 0 || items.length >= total) break;
  }
  return { items, total, statuses };
}
