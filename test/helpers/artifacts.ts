import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { TestApp } from './app.js';
import { fullSaasProject, snowflakeProps, uniq } from './fixtures.js';

/** The real DPC pipeline files under test/fixtures/dpc (see its README for their source). */
export const DPC_FIXTURES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'dpc');

/** Every fixture pipeline file as `{path (relative, '/'-separated), content}`, sorted by path. */
export function dpcFixtures(): { path: string; content: string }[] {
  const out: { path: string; content: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(orch|tran)\.yaml$/.test(name)) out.push({ path: path.relative(DPC_FIXTURES_DIR, full).split(path.sep).join('/'), content: readFileSync(full, 'utf8') });
    }
  };
  walk(DPC_FIXTURES_DIR);
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

export interface Part {
  name: string;
  content: string | Buffer;
  /** Content type of the part; none when null (default text/plain, as publish.py sends). */
  type?: string | null;
  filename?: string;
}

/** A multipart/form-data body as Python `requests` builds it (names with `"` as %22, UTF-8 as is). */
export function multipart(parts: Part[], boundary = `----plinth${Math.random().toString(16).slice(2)}`) {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const name = p.name.replace(/"/g, '%22');
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${p.filename !== undefined ? `; filename="${p.filename.replace(/"/g, '%22')}"` : ''}\r\n`;
    if (p.type !== null) head += `Content-Type: ${p.type ?? 'text/plain'}\r\n`;
    chunks.push(Buffer.from(head + '\r\n', 'utf8'), Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POST a multipart body (headers as given; the token as a bearer). */
export function postMultipart(t: TestApp, url: string, token: string, parts: Part[], headers: Record<string, string> = {}) {
  const { payload, contentType } = multipart(parts);
  return t.app.server.inject({ method: 'POST', url, payload, headers: { authorization: `Bearer ${token}`, 'content-type': contentType, ...headers } });
}

/** Publish as Matillion's publish.py does: headers, `quote_plus` environment name, parts named by path, no filename. */
export function publishLikePublishPy(t: TestApp, token: string, projectId: string, o: { versionName: string; environmentName: string; files: { path: string; content: string }[]; extraHeaders?: Record<string, string> }) {
  const quotePlus = encodeURIComponent(o.environmentName).replace(/%20/g, '+');
  return postMultipart(
    t,
    `/v1/projects/${projectId}/artifacts`,
    token,
    o.files.map((f) => ({ name: f.path, content: f.content })),
    { versionName: o.versionName, environmentName: quotePlus, ...o.extraHeaders },
  );
}

/**
 * A FULL_SAAS project with the given environments (each with a Snowflake default connection and
 * its credentials in the hosted vault). Returns the project id.
 */
export async function projectWithEnvironments(t: TestApp, token: string, names: string[]): Promise<string> {
  const { projectId, agentId } = await fullSaasProject(t, token);
  const ok = async (r: Awaited<ReturnType<TestApp['inject']>>, status: number) => expect(r.statusCode, r.body).toBe(status);
  await ok(await t.inject({ method: 'POST', url: `/v1/secrets/${agentId}/secret-value`, token, body: { type: 'DWH_PASSWORD', name: 'sf-key', key: 'private_key', value: 'key' } }), 201);
  await ok(await t.inject({ method: 'POST', url: `/v1/projects/${projectId}/data-platform-connections`, token, body: { name: 'sf-dwh', platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' } }), 201);
  for (const name of names) {
    const body = {
      name,
      defaultAgentId: agentId,
      defaultUserAccessLevel: 'admin',
      defaultConnections: { DWH: { snowflake: 'sf-dwh' } },
      connectionOverrides: [{ connectionName: 'sf-dwh', connectionProperties: snowflakeProps() }],
    };
    await ok(await t.inject({ method: 'POST', url: `/v1/projects/${projectId}/environments`, token, body }), 201);
  }
  return projectId;
}

export { uniq };
