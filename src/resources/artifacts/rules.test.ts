import { describe, expect, it } from 'vitest';
import { classifyPart, environmentNameCandidates, findPipelinePath, pathProblem, pipelineCandidates, pipelineTypeOf, withoutExtension } from './rules.js';

describe('pipeline names', () => {
  it('accepts a name with or without its extension, with or without a leading slash', () => {
    expect(pipelineCandidates('AI/Load')).toEqual(['AI/Load.orch.yaml', 'AI/Load.tran.yaml']);
    expect(pipelineCandidates('/AI/Load.tran.yaml')).toEqual(['AI/Load.tran.yaml']);
    expect(pipelineCandidates('./x.orch.yaml')).toEqual(['x.orch.yaml']);
    expect(pipelineCandidates('  ')).toEqual([]);
    const paths = ['AI/Load.tran.yaml', 'AI/Run.orch.yaml', 'README.md'];
    expect(findPipelinePath(paths, 'AI/Load')).toBe('AI/Load.tran.yaml');
    expect(findPipelinePath(paths, 'AI/Run.orch.yaml')).toBe('AI/Run.orch.yaml');
    expect(findPipelinePath(paths, 'README')).toBeUndefined();
    expect(pipelineTypeOf('a/B.ORCH.YAML')).toBe('orchestration');
    expect(withoutExtension('a/b.tran.yaml')).toBe('a/b');
    expect(withoutExtension('a/b.yaml')).toBe('a/b.yaml');
  });
});

describe('environment names from clients', () => {
  it('tries the raw value first, then quote_plus decoding, then UTF-8 read as latin1', () => {
    expect(environmentNameCandidates('Dev+Env')).toEqual(['Dev+Env', 'Dev Env']);
    expect(environmentNameCandidates('Prod%20EU')).toEqual(['Prod%20EU', 'Prod EU']);
    expect(environmentNameCandidates('100%')).toEqual(['100%']);
    expect(environmentNameCandidates('plain')).toEqual(['plain']);
    expect(environmentNameCandidates(Buffer.from('Prüfung', 'utf8').toString('latin1'))).toContain('Prüfung');
    expect(environmentNameCandidates('Prüfung')).toEqual(['Prüfung']);
  });
});

describe('parts', () => {
  const part = (over: Partial<Parameters<typeof classifyPart>[0]>) => classifyPart({ name: 'a/b.orch.yaml', mimetype: 'text/plain', data: Buffer.from('type: "orchestration"\n'), ...over });

  it('stores text parts of the accepted types under their name', () => {
    for (const mimetype of ['text/plain', '', 'application/octet-stream', 'application/vnd.matillion.dpl+yaml', 'application/vnd.matillion.connector-profile+json', 'text/x-sql', 'text/plain; charset=utf-8']) {
      expect(part({ mimetype })).toMatchObject({ kind: 'file', path: 'a/b.orch.yaml' });
    }
    expect(part({ name: 'file', filename: 'x/y.tran.yaml' })).toMatchObject({ kind: 'file', path: 'x/y.tran.yaml' });
  });

  it('refuses archives by content, type or name', () => {
    expect(part({ data: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1]) }).kind).toBe('archive');
    expect(part({ data: Buffer.from([0x1f, 0x8b, 8]) }).kind).toBe('archive');
    expect(part({ mimetype: 'application/zip' }).kind).toBe('archive');
    expect(part({ name: 'bundle.ZIP' }).kind).toBe('archive');
    expect(part({ name: 'file', filename: 'p.tar.gz' }).kind).toBe('archive');
  });

  it('ignores other types, binary content and names that are not relative paths, saying why', () => {
    expect(part({ mimetype: 'image/png' })).toMatchObject({ kind: 'ignored', reason: expect.stringMatching(/image\/png/) });
    expect(part({ data: Buffer.from([0xff, 0xfe, 0x00]) })).toMatchObject({ kind: 'ignored', reason: expect.stringMatching(/not a text file/) });
    expect(part({ data: Buffer.from('a\u0000b') })).toMatchObject({ kind: 'ignored', reason: expect.stringMatching(/NUL/) });
    for (const name of ['', '/etc/x', 'C:/x', 'a/../b', 'a//b', './a', 'a\tb', 'x'.repeat(1025)]) expect(pathProblem(name)).toBeDefined();
    expect(pathProblem('.git/HEAD')).toBeUndefined();
    expect(pathProblem('connector-profile:custom-1.json')).toBeUndefined();
  });
});
