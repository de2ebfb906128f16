import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb, TestClock, type TestApp } from '../helpers/app.js';
import { fullSaasProject } from '../helpers/fixtures.js';
import { ok } from '../helpers/schedules.js';
import { tfPostgresToSnowflake } from '../helpers/streaming.js';

/** The same pipeline replaced with an Azure Blob Storage target, as the docs spell a reference (`secretKey`). */
const absTarget = {
  type: 'ABS',
  container: 'landing',
  prefix: 'cdc/',
  accountName: 'acct',
  accountKey: { secretType: 'AZURE_KEY_VAULT', secretName: 'abs-key', secretKey: 'key1', secretLocation: 'https://vault.example' },
  decimalMapping: 'legacy',
};

describeEachDb(
  'streaming pipelines: the Terraform provider',
  (t) => {
    let token: string;
    let projectId: string;
    let agentId: string;
    let accountId: string;
    const url = (rest = '') => `/v1/projects/${projectId}/streaming-pipelines${rest}`;
    // The provider sends Content-Type only with a body, and an account-id header on every call.
    const req = (method: string, u: string, b?: unknown, tok = token) => t().inject({ method, url: u, token: tok, body: b, headers: { 'account-id': accountId } });

    beforeAll(async () => {
      token = await t().adminToken();
      accountId = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())['https://matillion.com/accountId'];
      ({ projectId, agentId } = await fullSaasProject(t(), token));
    });

    it('create 201 → read 200 → replace 200 → delete 204, with the documented casing on read', async () => {
      const created = await ok(await req('POST', url(), tfPostgresToSnowflake('orders-cdc', agentId)), 201);
      const id = created.streamingPipelineId;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const read = await ok(await req('GET', url(`/${id}`)), 200);
      expect(read).toEqual(created);
      expect(read).toMatchObject({ streamingPipelineId: id, projectId, name: 'orders-cdc', agentId, advancedProperties: { 'max.batch.size': '1000' } });
      expect(read.streamingSource).toEqual({
        type: 'postgres',
        connection: { host: 'db.example.com', port: 5432, database: 'shop', username: 'cdc', password: { secretType: 'AWS_SECRETS_MANAGER', secretName: 'prod/cdc', key: 'password', secretKey: 'password' }, jdbcProperties: { sslmode: 'require' } },
        tables: [
          { schema: 'public', table: 'orders' },
          { schema: 'public', table: 'customers' },
        ],
      });
      expect(read.streamingTarget).toMatchObject({
        type: 'snowflake',
        tablePrefixType: 'NONE',
        transformationType: 'COPY_TABLE_SOFT_DELETE',
        temporalMapping: 'NATIVE',
        connection: { authentication: { type: 'key-pair', privateKey: { secretType: 'AWS_SECRETS_MANAGER', secretName: 'prod/sf-key' }, passphrase: { secretType: 'AWS_SECRETS_MANAGER', secretName: 'prod/sf-pass' } } },
      });

      const replaced = await ok(await req('PUT', url(`/${id}`), { ...tfPostgresToSnowflake('orders-cdc-2', agentId), streamingTarget: absTarget }), 200);
      expect(replaced.name).toBe('orders-cdc-2');
      expect(replaced.streamingTarget).toEqual({ type: 'abs', container: 'landing', prefix: 'cdc/', accountName: 'acct', accountKey: { secretType: 'AZURE_KEY_VAULT', secretName: 'abs-key', key: 'key1', secretKey: 'key1', secretLocation: 'https://vault.example' }, decimalMapping: 'LEGACY' });
      expect(await ok(await req('GET', url(`/${id}`)), 200)).toEqual(replaced);

      const del = await req('DELETE', url(`/${id}`));
      expect(del.statusCode).toBe(204);
      expect(del.body).toBe('');
      expect((await req('GET', url(`/${id}`))).statusCode).toBe(404);
      expect((await req('DELETE', url(`/${id}`))).statusCode).toBe(404);
      expect((await req('PUT', url(`/${id}`), tfPostgresToSnowflake('x', agentId))).statusCode).toBe(404);
    });

    it('lists page by page (no size) until results are empty or shorter than size, as the provider does', async () => {
      const { projectId: p, agentId: a } = await fullSaasProject(t(), token);
      const list = async () => {
        const all: string[] = [];
        let calls = 0;
        for (let page = 0; ; page++) {
          calls++;
          const r = await ok(await req('GET', `/v1/projects/${p}/streaming-pipelines?page=${page}`), 200);
          if (r.results.length === 0) break;
          all.push(...r.results.map((x: { name: string }) => x.name));
          if (r.results.length < r.size) break;
        }
        return { all, calls };
      };
      const names: string[] = [];
      for (let i = 0; i < 25; i++) {
        names.push(`p-${i}`);
        await ok(await req('POST', `/v1/projects/${p}/streaming-pipelines`, { ...tfPostgresToSnowflake(`p-${i}`, a), streamingTarget: { type: 's3', bucket: 'b', prefix: '' } }), 201);
      }
      // Exactly one full page: the provider fetches one more, empty, page.
      expect(await list()).toEqual({ all: names, calls: 2 });
      await ok(await req('POST', `/v1/projects/${p}/streaming-pipelines`, { ...tfPostgresToSnowflake('p-25', a), streamingTarget: { type: 's3', bucket: 'b' } }), 201);
      expect(await list()).toEqual({ all: [...names, 'p-25'], calls: 2 });
      expect(await ok(await req('GET', `/v1/projects/${p}/streaming-pipelines?page=1&size=10`), 200)).toMatchObject({ page: 1, size: 10, total: 26 });
      expect((await ok(await req('GET', `/v1/projects/${p}/streaming-pipelines?page=9`), 200)).results).toEqual([]);
    });

    it('refuses bad definitions with a 400 naming the field and the rule; never stores a secret value', async () => {
      const base = tfPostgresToSnowflake('bad', agentId);
      const src = base.streamingSource;
      const cases: Array<[unknown, RegExp]> = [
        [{ ...base, streamingSource: { ...src, type: 'mongodb' } }, /body\.streamingSource\.type: must be one of postgres, sqlserver, mysql, oracle, db2ibmi/],
        [{ ...base, streamingSource: { ...src, connection: { ...src.connection, database: undefined } } }, /body\.streamingSource\.connection\.database: is required/],
        [{ ...base, streamingSource: { ...src, connection: { ...src.connection, password: 'hunter2' } } }, /body\.streamingSource\.connection\.password/],
        [{ ...base, streamingSource: { ...src, connection: { ...src.connection, password: { secretType: 'aws_secrets_manager', secretName: 'n', value: 'hunter2' } } } }, /body\.streamingSource\.connection\.password/],
        [{ ...base, streamingSource: { ...src, connection: { ...src.connection, password: { secretType: 'vault', secretName: 'n' } } } }, /secretType: must be one of AWS_SECRETS_MANAGER, AZURE_KEY_VAULT, GOOGLE_SECRET_MANAGER/],
        [{ ...base, streamingSource: { ...src, connection: { ...src.connection, password: { secretType: 'aws_secrets_manager', secretName: 'n', key: 'a', secretKey: 'b' } } } }, /secretKey: must equal key/],
        [{ ...base, streamingSource: { ...src, connection: { ...src.connection, port: '5432' } } }, /body\.streamingSource\.connection\.port/],
        [{ ...base, streamingTarget: { ...base.streamingTarget, transformationType: 'merge' } }, /body\.streamingTarget\.transformationType: must be one of COPY_TABLE/],
        [{ ...base, streamingTarget: { type: 'kafka' } }, /body\.streamingTarget\.type/],
        [{ ...base, streamingTarget: { type: 's3' } }, /body\.streamingTarget\.bucket: is required/],
        [{ ...base, agentId: randomUUID() }, /body\.agentId: must name an agent of this account/],
        [{ ...base, name: '' }, /body\.name/],
        [{ name: 'x' }, /agentId/],
      ];
      for (const [b, rule] of cases) {
        const r = await req('POST', url(), b);
        expect(r.statusCode, JSON.stringify(b)).toBe(400);
        expect(r.body, JSON.stringify(b)).toMatch(rule);
        expect(r.body).not.toContain('hunter2');
      }
      const rows = await t().app.store.db.selectFrom('streaming_pipelines').select('definition').execute();
      for (const row of rows) expect(row.definition).not.toContain('hunter2');
      await ok(await req('POST', url(), tfPostgresToSnowflake('dup', agentId)), 201);
      const dup = await req('POST', url(), tfPostgresToSnowflake('dup', agentId));
      expect(dup.statusCode).toBe(409);
      expect(dup.body).toMatch(/body\.name/);
    });

    it('status and START/STOP commands move through the documented states on Plinth’s clock', async () => {
      const { streamingPipelineId: id } = await ok(await req('POST', url(), tfPostgresToSnowflake('runner', agentId)), 201);
      const status = async () => (await ok(await req('GET', url(`/${id}/status`)), 200)).status;
      const command = (c: string) => req('POST', url(`/${id}/commands`), { command: c });
      expect(await status()).toBe('NOT_RUNNING');
      expect(await ok(await command('start'), 200)).toEqual({ streamingPipelineId: id, command: 'START', status: 'STARTING' });
      t().clock.advance(5_000);
      expect(await status()).toBe('SNAPSHOTTING');
      t().clock.advance(10_000);
      expect(await status()).toBe('STREAMING');
      expect((await ok(await command('START'), 200)).status).toBe('STREAMING');
      expect((await ok(await command('Stop'), 200)).status).toBe('STOPPING');
      const early = await command('START');
      expect(early.statusCode).toBe(409);
      expect(early.body).toMatch(/STOPPING/);
      t().clock.advance(5_000);
      expect(await status()).toBe('NOT_RUNNING');
      expect((await ok(await command('STOP'), 200)).status).toBe('NOT_RUNNING');
      const bad = await command('PAUSE');
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toMatch(/body\.command: must be START or STOP/);
      expect((await req('POST', url(`/${randomUUID()}/commands`), { command: 'START' })).statusCode).toBe(404);
    });

    it('records streaming_pipeline_created/updated/started/stopped/deleted', async () => {
      const { streamingPipelineId: id } = await ok(await req('POST', url(), tfPostgresToSnowflake('audited', agentId)), 201);
      await ok(await req('PUT', url(`/${id}`), tfPostgresToSnowflake('audited', agentId)), 200);
      await ok(await req('POST', url(`/${id}/commands`), { command: 'START' }), 200);
      await ok(await req('POST', url(`/${id}/commands`), { command: 'STOP' }), 200);
      expect((await req('DELETE', url(`/${id}`))).statusCode).toBe(204);
      const events = await t().app.store.db.selectFrom('audit_events').selectAll().where('subject_id', '=', id).orderBy('event_id').execute();
      expect(events.map((e) => e.event_name)).toEqual(['streaming_pipeline_created', 'streaming_pipeline_updated', 'streaming_pipeline_started', 'streaming_pipeline_stopped', 'streaming_pipeline_deleted']);
      for (const e of events) expect(e.additional_info).not.toMatch(/prod\/cdc|password/);
    });

    it('roles: a credential without a grant sees nothing (404); another account-id header is refused (403)', async () => {
      const { streamingPipelineId: id } = await ok(await req('POST', url(), tfPostgresToSnowflake('private', agentId)), 201);
      const member = await t().tokenFor('MEMBER');
      expect((await req('GET', url(), undefined, member)).statusCode).toBe(404);
      expect((await t().inject({ method: 'GET', url: url(), token, headers: { 'account-id': randomUUID() } })).statusCode).toBe(403);
      expect((await req('GET', url(`/${id}`), undefined, member)).statusCode).toBe(404);
      expect((await req('POST', url(), tfPostgresToSnowflake('m', agentId), member)).statusCode).toBe(404);
      expect((await req('DELETE', url(`/${id}`), undefined, member)).statusCode).toBe(404);
      expect((await req('GET', `/v1/projects/${randomUUID()}/streaming-pipelines`)).statusCode).toBe(404);
    });
  },
  { clock: new TestClock(new Date('2026-03-20T10:00:00.000Z'), 0) },
);
