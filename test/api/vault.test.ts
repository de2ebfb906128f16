import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { generateMasterKey, VaultError } from '../../src/core/crypto/vault.js';
import { VAULT_COLUMNS } from '../../src/core/db/vault-columns.js';
import { vaultRewrap } from '../../src/cli/vault-admin.js';
import { ADMIN_ID, ADMIN_SECRET, DB_KINDS, startApp, type DbKind, type TestApp } from '../helpers/app.js';
import { findSecret } from '../helpers/canary.js';
import { fullSaasProject, pem } from '../helpers/fixtures.js';
import { createPgSchema } from '../helpers/pg.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..');

async function database(kind: DbKind) {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'plinth-vault-'));
    return { url: `sqlite:${path.join(dir, 'plinth.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  return createPgSchema();
}

/** Every stored vault blob, by table.column. */
async function blobs(t: TestApp) {
  const out: string[] = [];
  for (const c of VAULT_COLUMNS) {
    const rows = await (t.app.store.db as any).selectFrom(c.table).select(c.column).execute();
    for (const r of rows) if (r[c.column] !== null) out.push(r[c.column] as string);
  }
  return out;
}

for (const kind of DB_KINDS) {
  describe(`vault [${kind}]`, () => {
    const drops: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const d of drops) await d();
    });

    it('encrypt → rotate (new,old) → rewrap → only new: every secret still usable; an old-only keyring is refused naming the key', async () => {
      const db = await database(kind);
      drops.push(db.drop);
      const OLD = `old:${generateMasterKey()}`;
      const NEW = `new:${generateMasterKey()}`;
      const key = pem();

      // 1. Write secrets under the old key.
      let t = await startApp(kind, { databaseUrl: db.url, masterKey: OLD });
      const admin = await t.adminToken();
      const { projectId, agentId } = await fullSaasProject(t, admin);
      expect((await t.inject({ method: 'POST', url: `/v1/secrets/${agentId}/secret-value`, token: admin, body: { name: 'sf-key', type: 'DWH_PASSWORD', key: 'privateKey', value: key } })).statusCode).toBe(201);
      expect(
        (await t.inject({ method: 'POST', url: `/v1/projects/${projectId}/secret-references/ref`, token: admin, body: { agentType: 'Matillion hosted', secretReferenceType: 'PASSWORD', agentId, secretValue: { password: 'pw-1' } } })).statusCode,
      ).toBe(201);
      const cred = (await t.inject({ method: 'POST', url: '/v1/api-credentials', token: admin, body: { name: 'rotating', role: 'ADMIN' } })).json();
      // A hybrid agent's credentials, whose secret is sealed so that every read returns it.
      const hybrid = (await t.inject({ method: 'POST', url: '/v1/agents', token: admin, body: { name: 'vault-agent', agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate' } })).json().agentId as string;
      const agentCred = (await t.inject({ method: 'GET', url: `/v1/agents/${hybrid}/credentials`, token: admin })).json();
      expect(agentCred.clientSecret).toBeTruthy();
      // Every column holding a vault blob is registered (so start-up checks and rewrap cover it).
      const holding = new Set((await findSecret(t, 'plinth:v1:', [])).map((h) => h));
      const registered = VAULT_COLUMNS.map((c) => `${c.table}.${c.column}`);
      expect([...holding].sort()).toEqual(['api_credentials.secret_sealed', 'hosted_secrets.value', 'secret_references.value', 'signing_keys.private_key', 'system_secrets.value']);
      for (const col of holding) expect(registered).toContain(col);
      const before = await blobs(t);
      expect(before.length).toBeGreaterThanOrEqual(5);
      expect(before.every((b) => b.startsWith('plinth:v1:old:'))).toBe(true);
      await t.close();

      // 2. New key first, old still listed: everything still opens.
      t = await startApp(kind, { databaseUrl: db.url, masterKey: `${NEW},${OLD}` });
      expect((await t.inject({ method: 'GET', url: '/v1/projects', token: admin })).statusCode).toBe(200);
      await t.tokenWith(cred.clientId, cred.clientSecret);

      // 3. Rewrap with the CLI while this server runs: per-table counts.
      const cli = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', 'vault', 'rewrap'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: db.url, PLINTH_MASTER_KEY: `${NEW},${OLD}`, LOG_LEVEL: 'silent' } });
      expect(cli.stdout).toMatch(/^system_secrets: [1-9]\d* rewrapped$/m);
      expect(cli.stdout).toMatch(/^signing_keys: [1-9]\d* rewrapped$/m);
      expect(cli.stdout).toMatch(/^hosted_secrets: 1 rewrapped$/m);
      expect(cli.stdout).toMatch(/^secret_references: 1 rewrapped$/m);
      expect(cli.stdout).toMatch(/^api_credentials: 1 rewrapped$/m);
      expect(cli.stdout).toMatch(/now sealed under key "new"/);
      const after = await blobs(t);
      expect(after.length).toBe(before.length);
      expect(after.every((b) => b.startsWith('plinth:v1:new:'))).toBe(true);
      // Only the data keys were re-sealed: nonce and ciphertext are unchanged.
      const tail = (b: string) => b.split(':').slice(4).join(':');
      expect(after.map(tail).sort()).toEqual(before.map(tail).sort());
      // Resumable / idempotent: a second run has nothing left to do.
      const again = await vaultRewrap(t.config);
      expect(again.tables.every((r) => r.rewrapped === 0)).toBe(true);
      expect(again.remaining).toBeNull();
      await t.close();

      // 4. Old key removed: tokens, credentials and secrets still work.
      t = await startApp(kind, { databaseUrl: db.url, masterKey: NEW });
      expect((await t.inject({ method: 'GET', url: '/v1/projects', token: admin })).statusCode).toBe(200);
      await t.tokenWith(cred.clientId, cred.clientSecret);
      await t.tokenWith(ADMIN_ID, ADMIN_SECRET);
      const accountId = t.app.identity.defaultAccountId;
      expect((await t.app.secrets.hosted.resolve(accountId, agentId, 'sf-key'))!.value).toBe(key);
      expect((await t.app.secrets.references.resolve(projectId, 'ref'))!.secretValue).toEqual({ password: 'pw-1' });
      expect((await t.inject({ method: 'GET', url: `/v1/agents/${hybrid}/credentials`, token: admin })).json()).toEqual(agentCred);
      await t.tokenWith(agentCred.clientId, agentCred.clientSecret);
      await t.close();

      // 5. A keyring without the key the data needs is refused at start-up, naming it.
      await expect(startApp(kind, { databaseUrl: db.url, masterKey: OLD })).rejects.toThrow(/master key "new"/);
      await expect(vaultRewrap({ ...t.config, masterKey: OLD })).rejects.toThrow(/master key "new"/);
    });

    it('a tampered ciphertext and a ciphertext swapped between rows fail loudly, with no plaintext', async () => {
      const db = await database(kind);
      drops.push(db.drop);
      const t = await startApp(kind, { databaseUrl: db.url });
      try {
        const admin = await t.adminToken();
        const { projectId, agentId } = await fullSaasProject(t, admin);
        const accountId = t.app.identity.defaultAccountId;
        for (const name of ['a', 'b', 'c']) {
          const r = await t.inject({ method: 'POST', url: `/v1/secrets/${agentId}/secret-value`, token: admin, body: { name, type: 'DWH_PASSWORD', key: 'password', value: `plaintext-${name}` } });
          expect(r.statusCode).toBe(201);
        }
        for (const name of ['r1', 'r2']) {
          await t.inject({ method: 'POST', url: `/v1/projects/${projectId}/secret-references/${name}`, token: admin, body: { agentType: 'Matillion hosted', secretReferenceType: 'PASSWORD', agentId, secretValue: { password: `plaintext-${name}` } } });
        }
        const db2 = t.app.store.db;
        const valueOf = async (name: string) => (await db2.selectFrom('hosted_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow()).value;
        const expectFailure = async (p: Promise<unknown>) => {
          const err = await p.then(
            () => null,
            (e: unknown) => e,
          );
          expect(err).toBeInstanceOf(VaultError);
          expect((err as VaultError).code).toBe('DECRYPT_FAILED');
          expect((err as Error).message).not.toMatch(/plaintext-/);
        };

        // Tamper: flip one character of the ciphertext part.
        const a = await valueOf('a');
        const parts = a.split(':');
        const ct = parts[5]!;
        parts[5] = (ct[0] === 'A' ? 'B' : 'A') + ct.slice(1);
        await db2.updateTable('hosted_secrets').set({ value: parts.join(':') }).where('name', '=', 'a').execute();
        await expectFailure(t.app.secrets.hosted.resolve(accountId, agentId, 'a'));

        // Swap two rows' ciphertexts: each is bound (AAD) to its own name.
        const [b, c] = [await valueOf('b'), await valueOf('c')];
        await db2.updateTable('hosted_secrets').set({ value: c }).where('name', '=', 'b').execute();
        await db2.updateTable('hosted_secrets').set({ value: b }).where('name', '=', 'c').execute();
        await expectFailure(t.app.secrets.hosted.resolve(accountId, agentId, 'b'));
        await expectFailure(t.app.secrets.hosted.resolve(accountId, agentId, 'c'));

        const refOf = async (name: string) => (await db2.selectFrom('secret_references').select('value').where('name', '=', name).executeTakeFirstOrThrow()).value;
        const [r1, r2] = [await refOf('r1'), await refOf('r2')];
        await db2.updateTable('secret_references').set({ value: r2 }).where('name', '=', 'r1').execute();
        await db2.updateTable('secret_references').set({ value: r1 }).where('name', '=', 'r2').execute();
        await expectFailure(t.app.secrets.references.resolve(projectId, 'r1'));

        // A wrapped data key tampered with fails under its master key, too.
        const wrapped = r1!.split(':');
        wrapped[3] = (wrapped[3]![0] === 'A' ? 'B' : 'A') + wrapped[3]!.slice(1);
        await db2.updateTable('secret_references').set({ value: wrapped.join(':') }).where('name', '=', 'r1').execute();
        await expectFailure(t.app.secrets.references.resolve(projectId, 'r1'));

        // Nothing leaked through the log while it failed.
        expect(t.logs.join('\n')).not.toMatch(/plaintext-/);
      } finally {
        await t.close();
      }
    });
  });
}
