import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A stand-in for the slice of GitLab's REST API v4 that Plinth calls, on 127.0.0.1 at a random
 * port (point Plinth at it with PLINTH_GITLAB_URL = stub.url). Shapes follow GitLab's
 * documentation (doc/api/personal_access_tokens.md, doc/api/projects.md):
 *
 * - GET    /api/v4/personal_access_tokens/self         → token details; 401 unknown/expired/revoked
 * - POST   /api/v4/personal_access_tokens/self/rotate  → needs `api` or `self_rotate` (else 403);
 *          revokes the token, returns the new one (`token`) expiring on `expires_at` (default +7 d);
 *          rotating an already revoked token revokes its whole family and answers 401
 * - GET    /api/v4/projects/:id                         → `permissions.project_access.access_level`;
 *          403 insufficient_scope without `api`/`read_api`; 404 when the user is not a member
 * - DELETE /api/v4/personal_access_tokens/self         → 204, revokes
 *
 * Time comes from the test's clock. Failure modes are queued per endpoint: any status (with an
 * optional Retry-After), or 'hang' (never answers).
 */

export interface StubToken {
  id: number;
  value: string;
  name: string;
  userId: number;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  revoked: boolean;
  family: number;
}

export type Endpoint = 'self' | 'rotate' | 'project' | 'revoke';
export type FailureMode = { status: number; retryAfter?: number } | 'hang';

export interface GitLabStub {
  url: string;
  /** Every token value the stub ever issued (supplied and rotated ones). */
  issued(): string[];
  token(value: string): StubToken | undefined;
  /** Create a token as a user would in GitLab's UI. */
  issue(opts?: { userId?: number; scopes?: string[]; lifetimeDays?: number | null; createdAt?: Date; name?: string }): string;
  grant(userId: number, projectId: number | string, level: number): void;
  /** Make the next `times` calls to an endpoint fail this way. */
  fail(endpoint: Endpoint, mode: FailureMode, times?: number): void;
  /** Successful rotations, in order. */
  rotations: { fromId: number; toId: number; expiresAt: string | null }[];
  calls: { method: string; path: string }[];
  close(): Promise<void>;
}

const DAY = 86_400_000;
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

export async function startGitLabStub(now: () => Date = () => new Date()): Promise<GitLabStub> {
  const tokens = new Map<string, StubToken>();
  const access = new Map<string, number>();
  const failures: { endpoint: Endpoint; mode: FailureMode; times: number }[] = [];
  const rotations: GitLabStub['rotations'] = [];
  const calls: GitLabStub['calls'] = [];
  const sockets = new Set<Socket>();
  let nextId = 1000;

  const mint = (t: Omit<StubToken, 'id' | 'value'>): StubToken => {
    const tok: StubToken = { ...t, id: nextId++, value: `glpat-${randomBytes(15).toString('base64url')}` };
    tokens.set(tok.value, tok);
    return tok;
  };
  const describe = (t: StubToken) => ({
    id: t.id,
    name: t.name,
    revoked: t.revoked,
    created_at: t.createdAt,
    description: null,
    scopes: t.scopes,
    user_id: t.userId,
    last_used_at: null,
    active: !t.revoked && !expired(t),
    expires_at: t.expiresAt,
  });
  const expired = (t: StubToken) => t.expiresAt !== null && dateOf(now()) >= t.expiresAt;

  const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers });
    res.end(body !== undefined ? JSON.stringify(body) : undefined);
  };
  const unauthorized = (res: ServerResponse) => send(res, 401, { message: '401 Unauthorized' });

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let s = '';
      req.on('data', (c) => (s += c));
      req.on('end', () => resolve(s));
    });

  const server = createServer(async (req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    calls.push({ method: req.method ?? '', path });
    const body = await readBody(req);
    let endpoint: Endpoint | null = null;
    if (req.method === 'GET' && path === '/api/v4/personal_access_tokens/self') endpoint = 'self';
    else if (req.method === 'POST' && path === '/api/v4/personal_access_tokens/self/rotate') endpoint = 'rotate';
    else if (req.method === 'DELETE' && path === '/api/v4/personal_access_tokens/self') endpoint = 'revoke';
    else if (req.method === 'GET' && /^\/api\/v4\/projects\/[^/]+$/.test(path)) endpoint = 'project';
    if (!endpoint) return send(res, 404, { error: '404 Not Found' });

    const f = failures.find((x) => x.endpoint === endpoint && x.times > 0);
    if (f) {
      f.times--;
      if (f.mode === 'hang') return; // never answers
      return send(res, f.mode.status, { message: `${f.mode.status} stubbed failure` }, f.mode.retryAfter !== undefined ? { 'retry-after': String(f.mode.retryAfter) } : {});
    }

    const header = req.headers['private-token'];
    const tok = typeof header === 'string' ? tokens.get(header) : undefined;
    if (!tok) return unauthorized(res);

    if (endpoint === 'rotate') {
      if (tok.revoked) {
        // GitLab's automatic reuse detection: rotating a revoked token revokes the whole family.
        for (const t of tokens.values()) if (t.family === tok.family) t.revoked = true;
        return unauthorized(res);
      }
      if (expired(tok)) return unauthorized(res);
      if (!tok.scopes.includes('api') && !tok.scopes.includes('self_rotate')) {
        return send(res, 403, { error: 'insufficient_scope', error_description: 'The request requires higher privileges than provided by the access token.', scope: 'api self_rotate' });
      }
      let expiresAt: string | null = dateOf(new Date(now().getTime() + 7 * DAY));
      if (body) {
        let parsed: any;
        try {
          parsed = JSON.parse(body);
        } catch {
          return send(res, 400, { error: 'expires_at is invalid' });
        }
        if (parsed.expires_at !== undefined) {
          if (typeof parsed.expires_at !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(parsed.expires_at)) return send(res, 400, { error: 'expires_at is invalid' });
          if (parsed.expires_at <= dateOf(now())) return send(res, 400, { message: '400 Bad request - Expiration date must be in the future' });
          expiresAt = parsed.expires_at;
        }
      }
      tok.revoked = true;
      const fresh = mint({ name: tok.name, userId: tok.userId, scopes: tok.scopes, createdAt: now().toISOString(), expiresAt, revoked: false, family: tok.family });
      rotations.push({ fromId: tok.id, toId: fresh.id, expiresAt });
      return send(res, 200, { ...describe(fresh), token: fresh.value });
    }

    if (tok.revoked || expired(tok)) return unauthorized(res);
    if (endpoint === 'self') return send(res, 200, describe(tok));
    if (endpoint === 'revoke') {
      tok.revoked = true;
      return send(res, 204);
    }
    // project
    if (!tok.scopes.includes('api') && !tok.scopes.includes('read_api')) {
      return send(res, 403, { error: 'insufficient_scope', error_description: 'The request requires higher privileges than provided by the access token.', scope: 'api read_api' });
    }
    const projectId = decodeURIComponent(path.slice('/api/v4/projects/'.length));
    const level = access.get(`${tok.userId}:${projectId}`);
    if (level === undefined) return send(res, 404, { message: '404 Project Not Found' });
    return send(res, 200, {
      id: Number(projectId),
      name: `project-${projectId}`,
      path_with_namespace: `group/project-${projectId}`,
      permissions: { project_access: { access_level: level, notification_level: 3 }, group_access: null },
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}`,
    issued: () => [...tokens.keys()],
    token: (v) => tokens.get(v),
    issue({ userId = 77, scopes = ['self_rotate', 'read_api', 'write_repository'], lifetimeDays = 30, createdAt = now(), name = 'plinth-service-account' } = {}) {
      const family = nextId;
      return mint({
        name,
        userId,
        scopes,
        createdAt: createdAt.toISOString(),
        expiresAt: lifetimeDays === null ? null : dateOf(new Date(Date.UTC(createdAt.getUTCFullYear(), createdAt.getUTCMonth(), createdAt.getUTCDate()) + lifetimeDays * DAY)),
        revoked: false,
        family,
      }).value;
    },
    grant(userId, projectId, level) {
      access.set(`${userId}:${projectId}`, level);
    },
    fail(endpoint, mode, times = 1) {
      failures.push({ endpoint, mode, times });
    },
    rotations,
    calls,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
