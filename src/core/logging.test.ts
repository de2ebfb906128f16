import { describe, expect, it } from 'vitest';
import { safeUrl } from './logging.js';

describe('safeUrl', () => {
  it('masks an invitation token in the console path', () => {
    expect(safeUrl('/console/invitations/abc.DEF_123')).toBe('/console/invitations/[REDACTED]');
    expect(safeUrl('/console/invitations/abc?x=1')).toBe('/console/invitations/[REDACTED]?x=1');
  });
  it('masks secret-looking query values and keeps the rest', () => {
    expect(safeUrl('/v1/projects?page=1&client_secret=s3cr3t')).toBe('/v1/projects?page=1&client_secret=%5BREDACTED%5D');
    expect(safeUrl('/v1/projects')).toBe('/v1/projects');
  });
});
