import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The smallest GitLab stand-in Plinth needs to associate a GitLab repository and rotate its
 * token (REST API v4: personal_access_tokens/self, …/self/associations, …/self/rotate). Your own
 * tests may use any GitLab double; this one keeps the example self-contained.
 */
export interface GitLabDouble {
  url: string;
  /** A personal access token with the self_rotate scope, valid `days` days, whose user is a Developer of `projectId`. */
  issue(projectId: number, days: number): string;
  /** From now on GitLab answers 401 to rotations (the token was revoked behind Plinth's back). */
  refuseRotations(): void;
  rotations: number;
  close(): Promise<void>;
}

export async function startGitLabDouble(): Promise<GitLabDouble> {
  const tokens = new Map<string, { id: number; projectId: number; createdAt: string; expiresAt: string }>();
  let refuse = false;
  let nextId = 1;
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const info = (t: { id: number; createdAt: string; expiresAt: string }) => ({
    id: t.id, name: 'plinth', scopes: ['self_rotate'], active: true, revoked: false, user_id: 7, created_at: t.createdAt, expires_at: t.expiresAt,
  });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const token = tokens.get(String(req.headers['private-token'] ?? req.headers.authorization?.replace(/^Bearer /, '')));
      const path = (req.url ?? '').split('?')[0];
      if (!token) return send(res, 401, { message: '401 Unauthorized' });
      if (req.method === 'GET' && path === '/api/v4/personal_access_tokens/self') return send(res, 200, info(token));
      if (req.method === 'GET' && path === '/api/v4/personal_access_tokens/self/associations') {
        return send(res, 200, { groups: [], projects: [{ id: token.projectId, access_levels: { project_access_level: 30 } }] });
      }
      if (req.method === 'POST' && path === '/api/v4/personal_access_tokens/self/rotate') {
        if (refuse) return send(res, 401, { message: '401 Unauthorized' });
        const expiresAt = JSON.parse(body || '{}').expires_at ?? day(new Date(Date.now() + 7 * 86_400_000));
        const value = `glpat-${randomBytes(10).toString('hex')}`;
        const next = { id: nextId++, projectId: token.projectId, createdAt: new Date().toISOString(), expiresAt };
        tokens.delete(String(req.headers['private-token']));
        tokens.set(value, next);
        double.rotations++;
        return send(res, 200, { ...info(next), token: value });
      }
      if (req.method === 'DELETE' && path === '/api/v4/personal_access_tokens/self') return res.writeHead(204).end();
      return send(res, 404, { message: '404 Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const double: GitLabDouble = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    issue(projectId, days) {
      const value = `glpat-${randomBytes(10).toString('hex')}`;
      const now = new Date();
      tokens.set(value, { id: nextId++, projectId, createdAt: now.toISOString(), expiresAt: day(new Date(now.getTime() + days * 86_400_000)) });
      return value;
    },
    refuseRotations() {
      refuse = true;
    },
    rotations: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return double;
}
