import http from 'node:http';

/** A small keep-alive HTTP client for set-up requests and the provisioning flow. */

export interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json<T = any>(): T;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export function request(
  base: string,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string; token?: string; json?: unknown; form?: Record<string, string> } = {},
): Promise<Res> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  let body = opts.body;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers['content-type'] = 'application/json';
  }
  if (opts.form) {
    body = new URLSearchParams(opts.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  const u = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${method} ${path}`)));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export function closeAgent() {
  agent.destroy();
}

/** True when a 404 means "no such route" (the endpoint is not implemented on this build). */
export function isMissingRoute(r: Res): boolean {
  if (r.status !== 404) return false;
  try {
    const d = r.json()?.detail;
    return typeof d !== 'string' || d.startsWith('No route');
  } catch {
    return true;
  }
}
