import { describe, expect, it } from 'vitest';
import { auditSourceOf } from './audit-context.js';

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
