import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseCookie, stringifySetCookie } from 'cookie';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteBinder } from '../../core/http/binder.js';
import { OPENAPI_DIR } from '../../core/http/contract.js';
import { HttpError } from '../../core/http/problem.js';
import { notFound, unauthenticated } from '../../core/errors.js';
import type { Actor } from '../../core/policy.js';
import { originOf } from '../../core/http/plugins/audit-context.js';
import { CSRF_HEADER, SESSION_COOKIE, SESSION_TTL_MS, type ConsoleSessions } from './service.js';

/** Where `npm run build` writes the console (scripts/build-console.ts). */
export const CONSOLE_DIST = path.join(path.dirname(OPENAPI_DIR), 'dist', 'console');

// The pages load only their own script and styles; nothing may frame them; invitation links
// carry a token in the URL, so no Referer leaves the page.
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const sessionIdOf = (cookieHeader: string | undefined) => (cookieHeader ? parseCookie(cookieHeader)[SESSION_COOKIE] : undefined);

const userView = (actor: Actor) => ({ userId: actor.clientId, email: actor.email ?? '', role: actor.role });

function cookie(request: FastifyRequest, trustForwardedProto: boolean, value: string, maxAgeSeconds: number) {
  const forwarded = request.headers['x-forwarded-proto'];
  const https = request.protocol === 'https' || (trustForwardedProto && typeof forwarded === 'string' && forwarded.split(',')[0]!.trim() === 'https');
  return stringifySetCookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'strict', secure: https, path: '/', maxAge: maxAgeSeconds });
}

export function sessionRoutes(r: RouteBinder, sessions: ConsoleSessions, trustForwardedProto: boolean) {
  r.op('consoleSignIn', 'public', async (req, reply) => {
    const s = await sessions.signIn(req.body.email, req.body.password, originOf(req));
    reply.header('set-cookie', cookie(req, trustForwardedProto, s.sessionId, SESSION_TTL_MS / 1000)).header('cache-control', 'no-store');
    return { user: userView(s.actor), csrfToken: s.csrfToken };
  });
  r.op('consoleSession', 'public', async (req, reply) => {
    const s = await sessions.resolve(sessionIdOf(req.headers.cookie));
    if (!s) throw unauthenticated('Not signed in to the console');
    reply.header('cache-control', 'no-store');
    return { user: userView(s.actor), csrfToken: s.csrfToken };
  });
  r.op('consoleSignOut', 'public', async (req, reply) => {
    const csrf = req.headers[CSRF_HEADER];
    await sessions.signOut(sessionIdOf(req.headers.cookie), typeof csrf === 'string' ? csrf : undefined, originOf(req));
    return reply.header('set-cookie', cookie(req, trustForwardedProto, '', 0)).code(204).send();
  });
}

/** The session as an alternative to a bearer token on the API (src/core/http/auth.ts). */
export function installSessionAuth(app: FastifyInstance, sessions: ConsoleSessions) {
  app.decorate('consoleSessions', {
    async authenticate({ cookie: header, csrf }: { cookie: string | undefined; csrf: string | undefined }) {
      const id = sessionIdOf(header);
      return id ? sessions.authenticate(id, csrf) : null;
    },
  });
}

const ASSET = /^assets\/[A-Za-z0-9._-]+$/;

/**
 * The built single-page app: `/console/assets/*` are Vite's hashed files (cached for good);
 * every other path under /console is the page itself, whose script routes on the client.
 */
export function pageRoutes(app: FastifyInstance, dir = CONSOLE_DIST) {
  app.register(async (scope) => {
    await scope.register(fastifyStatic, { root: dir, serve: false });
    const page = async (req: FastifyRequest<{ Params: { '*'?: string } }>, reply: FastifyReply) => {
      const rest = req.params['*'] ?? '';
      if (rest.startsWith('assets/')) {
        if (ASSET.test(rest) && existsSync(path.join(dir, rest))) return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(rest);
        throw notFound(`No console asset ${rest}`);
      }
      if (!existsSync(path.join(dir, 'index.html'))) throw new HttpError(503, 'The console is not built: run `npm run build`', []);
      return reply.headers(PAGE_HEADERS).header('cache-control', 'no-store').sendFile('index.html');
    };
    scope.get('/console', page);
    scope.get('/console/*', page);
  });
}
