import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../policy.js';
import { auditContext, auditSourceOf } from './audit-context.js';

describe('audit event source of a request', () => {
  const of = (url: string, headers: Record<string, string> = {}) => auditSourceOf({ url, headers });
  it('tells SCIM, console, CLI and plain API calls apart', () => {
    expect(of('/v1/directory-integration/scim/v2/Users')).toBe('SCIM');
    expect(of('/v1/directory-integration/scim-tokens')).toBe('API');
    expect(of('/console/api/session')).toBe('CONSOLE');
    expect(of('/consoles')).toBe('API');
    expect(of('/v1/projects', { 'x-plinth-client': 'console' })).toBe('CONSOLE');
    expect(of('/v1/projects', { 'user-agent': 'plinth-cli/0.1.0' })).toBe('CLI');
    expect(of('/v1/projects', { 'user-agent': 'curl/8.0 plinth-cli/0.1.0' })).toBe('API');
    expect(of('/v1/projects')).toBe('API');
  });
});

describe('the request actor’s origin', () => {
  it('is set on a copy of the actor: the credential cache’s shared actor is never written to', async () => {
    const shared: Actor = Object.freeze({ accountId: 'a', clientId: 'c', role: 'SUPER_ADMIN', kind: 'user' });
    const app = Fastify();
    app.decorateRequest('actor', null);
    app.addHook('onRequest', async (req) => {
      req.actor = shared;
    });
    auditContext(app);
    app.get('/v1/x', async (req) => ({ copy: req.actor !== shared, actor: req.actor }));
    const r = await app.inject({ method: 'GET', url: '/v1/x', headers: { 'user-agent': 'plinth-cli/0.1.0' } });
    expect(r.json()).toEqual({ copy: true, actor: { ...shared, origin: { source: 'CLI', ip: '127.0.0.1' } } });
    expect(shared.origin).toBeUndefined();
    await app.close();
  });

  it('leaves a request without an actor alone', async () => {
    const app = Fastify();
    app.decorateRequest('actor', null);
    auditContext(app);
    app.get('/v1/x', async (req) => ({ actor: req.actor }));
    expect((await app.inject({ method: 'GET', url: '/v1/x' })).json()).toEqual({ actor: null });
    await app.close();
  });
});
