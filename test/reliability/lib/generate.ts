import type { FixtureSet } from './fixtures.js';
import { envBody } from './fixtures.js';
import type { Rng } from './prng.js';

/**
 * Requests generated from the served OpenAPI document (GET /openapi.json): for every operation,
 * a valid-ish request (values from the schemas, ids and names from a fixture set, sometimes a
 * known-good body for the operation), then at most one mutation: wrong types, NUL characters,
 * huge strings, deep nesting, odd unicode, bad percent-encoding, over-long path segments, huge
 * headers, missing and extra fields, enum case, upper-case UUIDs, broken JSON, wrong media
 * types, oversized bodies, wrong methods, bad tokens… All choices come from one seeded `Rng`
 * and never from responses, so one seed is one sequence of requests.
 */

type Schema = any;

export interface Param {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  id: string;
  method: string;
  path: string;
  params: Param[];
  body?: { contentType: string; schema: Schema; required: boolean };
  public: boolean;
}

export interface GenRequest {
  /** operationId (or a pseudo one: unknownPath). */
  op: string;
  mutation: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function resolveRef(doc: any, s: any): any {
  let cur = s;
  for (let i = 0; i < 20 && cur && typeof cur === 'object' && typeof cur.$ref === 'string'; i++) {
    const parts = (cur.$ref as string).replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let next: any = doc;
    for (const p of parts) next = next?.[p];
    // Sibling keywords of a $ref (OpenAPI 3.1) apply too.
    const { $ref: _r, ...rest } = cur;
    cur = next && Object.keys(rest).length ? { ...next, ...rest } : next;
  }
  return cur;
}

export function operationsOf(doc: any): Operation[] {
  const ops: Operation[] = [];
  for (const [path, itemRaw] of Object.entries<any>(doc.paths ?? {})) {
    const item = resolveRef(doc, itemRaw);
    const shared: any[] = (item.parameters ?? []).map((p: any) => resolveRef(doc, p));
    for (const m of METHODS) {
      const op = item[m];
      if (!op?.operationId) continue;
      const own: any[] = (op.parameters ?? []).map((p: any) => resolveRef(doc, p));
      const byKey = new Map<string, any>();
      for (const p of [...shared, ...own]) byKey.set(`${p.in}:${p.name}`, p);
      // Path parameters the template names but no parameter object declares.
      for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) if (!byKey.has(`path:${name}`)) byKey.set(`path:${name}`, { name, in: 'path', required: true, schema: { type: 'string' } });
      const params: Param[] = [...byKey.values()].map((p) => ({ name: p.name, in: p.in, required: !!p.required || p.in === 'path', schema: resolveRef(doc, p.schema ?? { type: 'string' }) }));
      let body: Operation['body'];
      const rb = op.requestBody ? resolveRef(doc, op.requestBody) : undefined;
      if (rb?.content) {
        const ct = Object.keys(rb.content)[0]!;
        body = { contentType: ct, schema: rb.content[ct].schema ?? {}, required: !!rb.required };
      }
      const security = op.security ?? doc.security ?? [];
      ops.push({ id: op.operationId, method: m.toUpperCase(), path, params, body, public: Array.isArray(security) && security.length === 0 });
    }
  }
  return ops;
}

/** Property and parameter names whose values should come from the fixture set. */
function fromFixture(name: string, f: FixtureSet, rng: Rng): string | undefined {
  switch (name) {
    case 'projectId':
      return f.projectId;
    case 'agentId':
    case 'defaultAgentId':
      return rng.chance(0.5) ? f.hostedAgentId : f.hybridAgentId;
    case 'environmentName':
      return f.environment;
    case 'connectionName':
    case 'connectionNames':
      return rng.chance(0.5) ? f.dwhConnection : f.basicConnection;
    case 'secretReferenceName':
      return f.secretReference;
    case 'secretName':
    case 'credentialSecretName':
      return rng.chance(0.7) ? f.secretName : f.secretReference;
    case 'clientId':
      return f.clientId;
    default:
      return undefined;
  }
}

const FREE_FORM_KEYS = new Set(['secretValue', 'value', 'connectionProperties', 'providerParameters', 'connectionOverrides', 'projects', 'connectionDetails', 'defaultConnections']);

export class Generator {
  readonly ops: Operation[];

  constructor(
    readonly doc: any,
    readonly rng: Rng,
    readonly opts: { adminToken: () => string; otherTokens: () => string[] },
  ) {
    this.ops = operationsOf(doc);
  }

  // ---------- values from schemas ----------

  private merged(s: Schema, depth = 0): Schema {
    s = resolveRef(this.doc, s) ?? {};
    if (!s.allOf || depth > 8) return s;
    const out: any = { ...s, properties: { ...(s.properties ?? {}) }, required: [...(s.required ?? [])] };
    delete out.allOf;
    const conditionals: any[] = [];
    for (const part0 of s.allOf) {
      const part = this.merged(part0, depth + 1);
      if (part.if) {
        conditionals.push(part);
        continue;
      }
      Object.assign(out.properties, part.properties ?? {});
      out.required.push(...(part.required ?? []));
      if (part.type && !out.type) out.type = part.type;
    }
    if (conditionals.length) out['x-conditionals'] = conditionals;
    return out;
  }

  value(s0: Schema, hint: string, f: FixtureSet, depth = 0): unknown {
    const rng = this.rng;
    let s = this.merged(s0);
    if (depth > 12) return 'deep';
    if (s.const !== undefined) return s.const;
    if (Array.isArray(s.enum) && s.enum.length) return rng.pick(s.enum);
    const alts = s.oneOf ?? s.anyOf;
    if (Array.isArray(alts) && alts.length) {
      const { oneOf: _o, anyOf: _a, discriminator: _d, ...rest } = s;
      s = { ...rest, ...this.merged(rng.pick(alts)) };
      if (s.allOf) s = this.merged(s);
    }
    const fx = fromFixture(hint, f, rng);
    let type = s.type;
    if (Array.isArray(type)) type = rng.pick(type.filter((t: string) => t !== 'null'));
    if (!type) type = s.properties || s.additionalProperties ? 'object' : s.items ? 'array' : undefined;
    switch (type) {
      case 'string':
        return fx ?? this.stringFor(s, hint);
      case 'integer':
      case 'number': {
        const lo = typeof s.minimum === 'number' ? s.minimum : 0;
        const hi = typeof s.maximum === 'number' ? Math.min(s.maximum, lo + 100) : lo + 100;
        return rng.int(lo, hi);
      }
      case 'boolean':
        return rng.chance(0.5);
      case 'array': {
        const min = s.minItems ?? 0;
        const max = Math.min(s.maxItems ?? 3, min + 2);
        const n = rng.int(Math.max(min, 1), Math.max(max, 1));
        return Array.from({ length: n }, () => this.value(s.items ?? {}, hint, f, depth + 1));
      }
      case 'object': {
        const out: Record<string, unknown> = {};
        const req = new Set<string>(s.required ?? []);
        for (const [k, ps] of Object.entries<any>(s.properties ?? {})) {
          if (ps?.readOnly) continue;
          if (req.has(k) || rng.chance(0.5)) out[k] = this.value(ps, k, f, depth + 1);
        }
        for (const c of s['x-conditionals'] ?? []) {
          const cond = Object.entries<any>(c.if?.properties ?? {});
          if (cond.length && cond.every(([k, v]) => v?.const === undefined || out[k] === v.const) && c.then) {
            const then = this.merged(c.then);
            for (const [k, ps] of Object.entries<any>(then.properties ?? {})) out[k] = this.value(ps, k, f, depth + 1);
          }
        }
        if (s.additionalProperties && typeof s.additionalProperties === 'object' && !s.properties) {
          const n = rng.int(Math.max(1, s.minProperties ?? 1), 2);
          const uuidKeys = /0-9a-f\]\{8\}/.test(JSON.stringify(s.propertyNames ?? ''));
          for (let i = 0; i < n; i++) out[uuidKeys ? (i === 0 ? f.projectId : rng.uuid()) : `k${rng.alnum(4)}`] = this.value(s.additionalProperties, hint, f, depth + 1);
        }
        if (!s.properties && !s.additionalProperties) return this.freeForm(hint, f);
        return out;
      }
      default:
        return fx ?? this.freeForm(hint, f);
    }
  }

  private freeForm(hint: string, _f: FixtureSet): unknown {
    const rng = this.rng;
    if (hint === 'secretValue') return { password: `pw-${rng.alnum(8)}` };
    return rng.weighted<unknown>([
      [3, { [`k${rng.alnum(3)}`]: `v-${rng.alnum(5)}` }],
      [2, { [`k${rng.alnum(3)}`]: { value: `v-${rng.alnum(5)}` } }],
      [1, `s-${rng.alnum(6)}`],
      [1, rng.int(0, 1000)],
    ]);
  }

  private stringFor(s: Schema, hint: string): string {
    const rng = this.rng;
    if (s.format === 'uuid' || /0-9a-f\]\{8\}/i.test(String(s.pattern ?? ''))) return rng.uuid();
    if (s.format === 'date-time') return new Date(Date.UTC(2026, 0, rng.int(1, 28))).toISOString();
    if (s.format === 'uri' || s.format === 'url') return `https://example.invalid/${rng.alnum(6)}`;
    const min = s.minLength ?? 1;
    const max = Math.max(min, Math.min(s.maxLength ?? 24, min + 20));
    const len = rng.int(Math.max(min, 1), max);
    const base = hint === 'name' ? `fz-${rng.alnum(Math.max(1, len - 3))}`.slice(0, max) : rng.alnum(len);
    if (s.pattern) {
      try {
        const re = new RegExp(s.pattern, 'u');
        for (const cand of [base, rng.alnum(Math.max(1, min)), String(rng.int(1, 99999)), 'fz-value']) if (re.test(cand)) return cand;
      } catch {
        /* a pattern JS cannot read: use the plain value */
      }
    }
    return base.length >= min ? base : base.padEnd(min, 'x');
  }

  // ---------- known-good bodies ----------

  /** Known-good bodies for an operation, one per variant (empty: generate from the schema). */
  private templates(op: Operation, f: FixtureSet): unknown[] {
    const rng = this.rng;
    const name = `fz-${rng.alnum(10)}`;
    switch (op.id) {
      case 'createProject':
        return [{ name, description: 'fuzz', warehouse: rng.pick(['SNOWFLAKE', 'REDSHIFT']), agentDeploymentType: rng.pick(['HYBRID', 'FULL_SAAS']) }];
      case 'createAgent':
        return [{ agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate', name: name.slice(0, 30), description: 'fuzz', enableAutoUpdates: rng.chance(0.5) }];
      case 'updateAgent':
        return [{ name: name.slice(0, 30), description: 'fuzz update', trackName: rng.pick(['current', 'stable']) }];
      case 'agentCommand':
        return [{ command: rng.pick(['RESTART', 'PAUSE', 'RESUME']) }];
      case 'refreshAgentCredentials':
        return [{ action: 'SECRET_REFRESH' }];
      case 'updateAgentAllowlist':
        return [{ projects: { [f.projectId]: { environments: [f.environment] } } }];
      case 'createApiCredential':
        return [{ name, role: rng.pick(['MEMBER', 'ADMIN', 'BILLING_ADMIN']) }];
      case 'createSecretValue':
        return [
          { name, type: 'DWH_PASSWORD', key: 'password', value: `pw-${rng.alnum(12)}` },
          { name: `${name}-aws`, type: 'CLOUD_PROVIDER_SECRET', key: 'aws', value: { accessKeyId: 'AKIAFUZZ0123456789', secretAccessKey: `sak/${rng.alnum(20)}` } },
        ];
      case 'createSecretReference':
        return [
          { agentType: 'Matillion hosted', secretReferenceType: 'PASSWORD', agentId: f.hostedAgentId, secretValue: { password: `pw-${rng.alnum(8)}` } },
          { agentType: 'AWS', secretReferenceType: 'PASSWORD', secretName: `prod/${rng.alnum(6)}`, secretKey: 'password', description: 'fuzz' },
        ];
      case 'createDataPlatformConnection':
        return [{ name, platformConnectionType: 'DWH', authProvider: 'SNOWFLAKE', authType: 'KEY_PAIR' }];
      case 'createProjectConnection':
        return [
          {
            name,
            platformConnectionType: 'COMPONENT_BASIC',
            authProvider: 'NONE',
            authType: 'GENERIC_SECRET',
            connectionDetails: { secretsLocation: { type: 'MATILLION_CUSTOMER_VAULT' }, connectionProperties: { secretName: f.secretName, secretKey: 'private_key' } },
          },
        ];
      case 'updateProjectConnection':
        return [{ connectionDetails: { secretsLocation: { type: 'MATILLION_CUSTOMER_VAULT' }, connectionProperties: { secretName: f.secretName } } }];
      case 'createEnvironment':
        return [envBody(f, name)];
      case 'createEnvironmentConnectionOverride':
      case 'updateEnvironmentConnectionOverride':
        return [
          {
            environmentName: f.environment,
            connectionName: f.basicConnection,
            authType: 'GENERIC_SECRET',
            connectionOverrides: { secretsLocation: { type: 'MATILLION_CUSTOMER_VAULT' }, connectionProperties: { secretName: f.secretName, secretKey: 'private_key' } },
          },
          {
            environmentName: f.environment,
            connectionName: f.dwhConnection,
            authType: 'KEY_PAIR',
            connectionOverrides: {
              connectionProperties: { account: { value: 'xy12345.eu-west-1' }, username: { value: 'FUZZ' }, privateKey: { secretName: f.secretName, secretKey: 'private_key' } },
            },
          },
        ];
      case 'associateRepository':
        return [
          { provider: 'github', repositoryName: name, providerParameters: { ownerName: 'fuzz-org' } },
          { provider: 'gitlab', repositoryName: `${name}-gl`, providerParameters: { repositoryId: rng.int(1, 99999) } },
        ];
      default:
        return [];
    }
  }


  // ---------- one request ----------

  next(pool: FixtureSet[]): GenRequest {
    const rng = this.rng;
    const f = rng.pick(pool);
    const roll = rng.next();
    if (roll < 0.01) return this.unknownPath();
    const op = rng.pick(this.ops);
    if (op.id === 'issueToken') return this.tokenRequest(f);
    const d = this.draft(op, f, 0.6);
    this.mutate(d, op, f);
    return this.serialize(d);
  }

  /**
   * Every operation with every mutation that applies to it, once per target (each string of
   * the body for NUL and unicode, each value for deep nesting, each path parameter…), on a
   * known-good body where there is one, so the mutation reaches the code behind validation.
   * Deterministic for a seed; about 2,000 requests for the current contract.
   */
  sweep(pool: FixtureSet[], maxTargets = 12): GenRequest[] {
    const out: GenRequest[] = [];
    // Deletions last, or the fixtures would be gone before the other operations reach them.
    const ordered = [...this.ops.filter((o) => o.method !== 'DELETE'), ...this.ops.filter((o) => o.method === 'DELETE')];
    for (const [i, op] of ordered.entries()) {
      const f = pool[i % pool.length]!;
      if (op.id === 'issueToken') {
        for (const m of TOKEN_MUTATIONS) for (let t = 0; t < (m === 'form.nul' || m === 'form.unicode' ? 3 : 1); t++) out.push(this.tokenRequest(f, { m, target: t }));
        continue;
      }
      const variants = Math.max(1, op.body ? this.templates(op, f).length : 1);
      for (let v = 0; v < variants; v++) {
        for (const m of this.mutationsFor(op).map(([, x]) => x)) {
          const probe = this.draft(op, f, 1, v);
          const n = Math.min(maxTargets, Math.max(1, this.targets(probe, m)));
          for (let t = 0; t < n; t++) {
            const d = this.draft(op, f, 1, v);
            this.mutate(d, op, f, { m, target: t });
            out.push(this.serialize(d));
          }
        }
      }
    }
    return out;
  }

  private draft(op: Operation, f: FixtureSet, templateP: number, variant?: number): Draft {
    const rng = this.rng;
    const pathValues: Record<string, string> = {};
    const query: [string, string][] = [];
    const headers: Record<string, string> = {};
    for (const p of op.params) {
      if (p.in === 'path') {
        const v = String(this.value(p.schema, p.name, f));
        // A create that names the new resource in its path gets a new name (else it is just a 409).
        pathValues[p.name] = op.id.startsWith('create') && !/Id$/.test(p.name) ? `fz-${rng.alnum(10)}` : v;
      } else if (p.in === 'query' && (p.required || rng.chance(0.4))) query.push([p.name, String(this.value(p.schema, p.name, f))]);
      else if (p.in === 'header' && (p.required || rng.chance(0.6))) headers[p.name] = `glpat-${rng.alnum(20)}`;
    }
    if (!op.public) headers.authorization = `Bearer ${this.opts.adminToken()}`;
    let body: unknown;
    let hasBody = false;
    if (op.body) {
      hasBody = op.body.required || rng.chance(0.8);
      if (hasBody) {
        const ts = rng.chance(templateP) ? this.templates(op, f) : [];
        body = ts.length ? (variant !== undefined ? ts[variant % ts.length] : rng.pick(ts)) : this.value(op.body.schema, 'body', f);
        headers['content-type'] = op.body.contentType;
      }
    }
    return { op: op.id, method: op.method, template: op.path, pathValues, rawPath: undefined, query, rawQuery: undefined, headers, body, hasBody, rawBody: undefined, mutation: 'none' };
  }

  private mutationsFor(op: Operation): [number, string][] {
    const hasPathParams = op.params.some((p) => p.in === 'path');
    const choices: [number, string][] = [
      [20, 'none'],
      [4, 'method.wrong'],
      [2, 'path.dpcPrefix'],
      [1, 'header.big'],
      [4, 'header.auth'],
      [1, 'header.accountId'],
      [1, 'header.odd'],
      [3, 'query.edge'],
      [2, 'query.nul'],
      [2, 'query.badPercent'],
    ];
    if (hasPathParams) choices.push([4, 'path.nul'], [4, 'path.badPercent'], [2, 'path.long'], [3, 'path.unicode'], [2, 'path.uuidUpper'], [1, 'path.rawLatin1'], [1, 'path.slashes'], [2, 'path.random']);
    if (op.body) choices.push([8, 'body.wrongType'], [5, 'body.missingRequired'], [4, 'body.extraField'], [8, 'body.nul'], [3, 'body.hugeString'], [4, 'body.deep'], [5, 'body.unicode'], [4, 'body.enumCase'], [3, 'body.uuidUpper'], [3, 'body.numberEdge'], [3, 'body.null'], [3, 'body.rawBroken'], [2, 'body.topLevel'], [3, 'body.contentType'], [0.3, 'body.oversize']);
    return choices;
  }

  /** How many distinct targets a mutation has in a draft (for the sweep). */
  private targets(d: Draft, m: string): number {
    const nodes = collect(d.body);
    if (m.startsWith('path.')) return Object.keys(d.pathValues).length;
    if (m === 'query.nul') return Math.max(1, d.query.length);
    if (m === 'body.nul' || m === 'body.unicode' || m === 'body.hugeString') return nodes.filter((n) => typeof n.get() === 'string').length;
    if (m === 'body.deep' || m === 'body.wrongType' || m === 'body.missingRequired') return nodes.length;
    return 1;
  }

  private mutate(d: Draft, op: Operation, f: FixtureSet, forced?: { m: string; target?: number }): void {
    const rng = this.rng;
    const choose = <T>(list: readonly T[]): T => (forced?.target !== undefined ? list[forced.target % list.length]! : rng.pick(list));
    const choices = this.mutationsFor(op);
    const m = forced?.m ?? rng.weighted(choices);
    d.mutation = m;
    const segValue = () => choose(Object.keys(d.pathValues));
    switch (m) {
      case 'none':
        return;
      case 'method.wrong': {
        const others = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].filter((x) => x !== d.method);
        d.method = rng.pick(others);
        return;
      }
      case 'path.dpcPrefix':
        d.dpc = true;
        return;
      case 'header.big': {
        if (rng.chance(0.5)) d.headers['x-filler'] = 'a'.repeat(rng.int(17 * 1024, 40 * 1024));
        else for (let i = 0; i < 40; i++) d.headers[`x-filler-${i}`] = 'b'.repeat(500);
        return;
      }
      case 'header.auth': {
        const v = rng.weighted<string | null>([
          [2, null],
          [1, 'Bearer'],
          [1, 'Bearer '],
          [2, `Bearer ${rng.alnum(30)}`],
          [1, `Bearer ${b64u('{"alg":"none","typ":"JWT"}')}.${b64u(`{"sub":"x","exp":${2_000_000_000}}`)}.`],
          [1, `Bearer ${'e'.repeat(8000)}`],
          [1, `Basic ${Buffer.from(`${f.clientId}:${f.clientSecret}`).toString('base64')}`],
          [1, `bearer ${this.opts.adminToken()}`],
          [1, `Bearer ${this.opts.adminToken()}x`],
          [2, `Bearer ${rng.pick(this.opts.otherTokens().length ? this.opts.otherTokens() : [this.opts.adminToken()])}`],
          [1, `Bearer ${this.opts.adminToken()}, Bearer ${this.opts.adminToken()}`],
          [1, 'Bearer \u00e9\u00ff'],
        ]);
        if (v === null) delete d.headers.authorization;
        else d.headers.authorization = v;
        return;
      }
      case 'header.accountId':
        d.headers['account-id'] = rng.pick([rng.uuid(), rng.uuid().toUpperCase(), 'not-a-uuid', '', 'x'.repeat(300), '\u00e9']);
        return;
      case 'header.odd': {
        const [k, v] = rng.pick<[string, string]>([
          ['accept', 'application/xml'],
          ['accept', 'text/html;q=0.9, */*;q=0.1'],
          ['x-request-id', 'x'.repeat(2000)],
          ['x-request-id', '../../etc/passwd'],
          ['content-encoding', 'gzip'],
          ['content-encoding', 'br'],
          ['transfer-encoding', 'identity'],
          ['expect', '100-continue'],
          ['x-http-method-override', 'DELETE'],
          ['accept-charset', 'utf-7'],
        ]);
        d.headers[k] = v;
        return;
      }
      case 'query.edge': {
        const e = rng.pick<[string, string][]>([
          [['page', '-1']],
          [['page', '1e400']],
          [['page', '99999999999999999999999']],
          [['page', '1.5']],
          [['page', 'NaN']],
          [['size', '0']],
          [['size', '101']],
          [['size', 'abc']],
          [['size', '']],
          [['page', '1'], ['page', '2']],
          [['size', '10'], ['size', 'x']],
          [['unknownParam', 'x']],
          [['page', '0x10']],
          [['page', ' 1']],
          [['connectionName', '']],
          [['environmentName', 'x'.repeat(5000)]],
        ]);
        d.query.push(...e);
        return;
      }
      case 'query.nul': {
        const target = d.query.length ? (forced?.target !== undefined ? forced.target % d.query.length : rng.int(0, d.query.length - 1)) : -1;
        if (target >= 0) d.query[target]![1] = insertAt(d.query[target]![1], '\u0000', rng);
        else d.query.push([rng.pick(['connectionName', 'environmentName', 'page', 'connectionNames', 'platformConnectionType', 'authProvider']), `a\u0000b`]);
        return;
      }
      case 'query.badPercent':
        d.rawQuery = `${rng.pick(['page', 'size', 'connectionName', 'environmentName', 'x'])}=${rng.pick(BAD_PERCENT)}`;
        return;
      case 'path.nul': {
        const k = segValue();
        d.pathValues[k] = insertAt(d.pathValues[k]!, '\u0000', rng);
        return;
      }
      case 'path.badPercent': {
        const k = segValue();
        d.rawSegments = { ...(d.rawSegments ?? {}), [k]: `${rng.pick(['', 'x', enc(d.pathValues[k]!)])}${rng.pick(BAD_PERCENT)}` };
        return;
      }
      case 'path.long': {
        const k = segValue();
        d.pathValues[k] = rng.pick(['a', 'é', '0']).repeat(rng.int(501, 3000));
        return;
      }
      case 'path.unicode': {
        const k = segValue();
        d.pathValues[k] = rng.pick(UNICODE);
        return;
      }
      case 'path.uuidUpper': {
        const k = segValue();
        d.pathValues[k] = d.pathValues[k]!.toUpperCase();
        return;
      }
      case 'path.rawLatin1': {
        const k = segValue();
        d.rawSegments = { ...(d.rawSegments ?? {}), [k]: `ab\u00e9\u00ff` };
        return;
      }
      case 'path.slashes': {
        const k = segValue();
        d.rawSegments = { ...(d.rawSegments ?? {}), [k]: rng.pick(['a%2Fb', '..', '.', '%2E%2E', 'a/b', '', '%20', '+', '~', '%7E%00']) };
        return;
      }
      case 'path.random': {
        const k = segValue();
        d.pathValues[k] = rng.chance(0.5) ? rng.uuid() : `nope-${rng.alnum(8)}`;
        return;
      }
    }
    // Body mutations.
    if (!d.hasBody) {
      d.hasBody = true;
      d.body = this.value(op.body!.schema, 'body', f);
      d.headers['content-type'] = op.body!.contentType;
    }
    const nodes = collect(d.body);
    const strings = nodes.filter((n) => typeof n.get() === 'string');
    switch (m) {
      case 'body.wrongType': {
        const n = nodes.length ? choose(nodes) : undefined;
        const v = rng.pick<unknown>([42, -1.5, true, false, [], {}, ['x'], { a: 1 }, 'str', 1e308, '']);
        if (n) n.set(v);
        else d.body = v;
        return;
      }
      case 'body.missingRequired': {
        const n = nodes.filter((x) => x.key !== undefined && !Array.isArray(x.parent));
        if (n.length) choose(n).remove();
        return;
      }
      case 'body.extraField': {
        const objs = [d.body, ...nodes.map((n) => n.get())].filter((v) => v && typeof v === 'object' && !Array.isArray(v)) as Record<string, unknown>[];
        const o = objs.length ? rng.pick(objs) : undefined;
        const [k, v] = rng.pick<[string, unknown]>([
          ['bogus', 1],
          ['id', rng.uuid()],
          ['accountId', rng.uuid()],
          ['createdAt', 'yesterday'],
          ['constructor', { prototype: { polluted: true } }],
          ['__proto__', { polluted: true }],
          ['hosted', true],
          ['x'.repeat(1000), 'long key'],
          ['k\u0000', 'nul key'],
        ]);
        if (o) {
          if (k === '__proto__') d.rawBodyAppend = `"__proto__":{"polluted":true}`;
          else o[k] = v;
        }
        return;
      }
      case 'body.nul': {
        if (strings.length) {
          const n = choose(strings);
          n.set(rng.chance(0.2) ? '\u0000' : insertAt(n.get() as string, '\u0000', rng));
        } else if (nodes.length) choose(nodes).set('a\u0000b');
        return;
      }
      case 'body.hugeString': {
        // Big but under the 1 MiB body limit once JSON-escaped (a NUL is 6 bytes: \u0000).
        const ch = rng.pick(['x', 'é', '😀', '\u0000']);
        const big = ch.repeat(rng.int(60_000, ch === '\u0000' ? 150_000 : 200_000));
        if (strings.length) choose(strings).set(big);
        else if (nodes.length) choose(nodes).set(big);
        return;
      }
      case 'body.deep': {
        const depth = forced ? 5000 : rng.pick([1000, 5000, 5000, 10_000]);
        const freeform = nodes.filter((n) => FREE_FORM_KEYS.has(String(n.key)));
        const target = forced?.target !== undefined ? (nodes.length ? choose(nodes) : undefined) : freeform.length && rng.chance(0.8) ? rng.pick(freeform) : nodes.length ? rng.pick(nodes) : undefined;
        const deep = rng.chance(0.5) ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}1${']'.repeat(depth)}`;
        if (target) {
          target.set(DEEP_MARK);
          d.deep = deep;
        } else {
          d.rawBody = deep;
        }
        return;
      }
      case 'body.unicode': {
        if (strings.length) choose(strings).set(rng.pick(UNICODE));
        return;
      }
      case 'body.enumCase': {
        for (const n of strings) {
          const v = n.get() as string;
          if (/^[A-Za-z_ -]+$/.test(v) && rng.chance(0.7)) n.set(randomCase(v, rng));
        }
        return;
      }
      case 'body.uuidUpper': {
        for (const n of strings) if (/^[0-9a-f-]{36}$/.test(n.get() as string)) n.set((n.get() as string).toUpperCase());
        return;
      }
      case 'body.numberEdge': {
        const v = rng.pick<unknown>([1e308, -0, 2 ** 53 + 2, 1.5, -1, 0, 4294967296, -2147483649]);
        const nums = nodes.filter((n) => typeof n.get() === 'number');
        if (nums.length) rng.pick(nums).set(v);
        else if (nodes.length) rng.pick(nodes).set(v);
        return;
      }
      case 'body.null': {
        if (nodes.length) choose(nodes).set(null);
        else d.body = null;
        return;
      }
      case 'body.rawBroken': {
        const s = JSON.stringify(d.body ?? {});
        d.rawBody = rng.pick<string | Buffer>([
          s.slice(0, Math.max(1, Math.floor(s.length / 2))),
          `${s}garbage`,
          `\ufeff${s}`,
          Buffer.concat([Buffer.from(s.slice(0, -1)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('}')]),
          s.replace(/:"/, ':NaN,"x":"'),
          s.replace(/^\{/, '{"name":"dup1",') + '',
          `{"a":"\\ud800"}`,
          `{"a":"\\u0000"}`,
          `{'single':'quotes'}`,
          `${s}${s}`,
          '{"a":1,}',
          '\u0000',
        ]);
        return;
      }
      case 'body.topLevel':
        d.rawBody = rng.pick(['[]', '[{}]', '"string"', '42', 'null', 'true', '""', '   ']);
        return;
      case 'body.contentType':
        d.headers['content-type'] = rng.pick([
          'text/plain',
          'application/xml',
          'multipart/form-data; boundary=xyz',
          'application/x-www-form-urlencoded',
          'application/json; charset=latin1',
          'application/json; charset=utf-16',
          'application/merge-patch+json',
          'application/jsonx',
          'application/json;;;',
          '',
          'application/json, text/plain',
        ]);
        if (d.headers['content-type'] === '') delete d.headers['content-type'];
        return;
      case 'body.oversize': {
        const n = strings.length ? rng.pick(strings) : undefined;
        const big = 'o'.repeat(forced ? 1024 * 1024 + 1000 : rng.int(1024 * 1024 + 1, 3 * 1024 * 1024));
        if (n) n.set(big);
        else d.rawBody = JSON.stringify({ big });
        return;
      }
    }
  }

  private serialize(d: Draft): GenRequest {
    let path = d.template.replace(/\{([^}]+)\}/g, (_m, name: string) => d.rawSegments?.[name] ?? enc(d.pathValues[name] ?? ''));
    if (d.dpc && path.startsWith('/v1/')) path = `/dpc${path}`;
    const qs = d.query.map(([k, v]) => `${enc(k)}=${enc(v)}`);
    if (d.rawQuery) qs.push(d.rawQuery);
    if (qs.length) path += `?${qs.join('&')}`;
    let body: string | Buffer | undefined;
    if (d.rawBody !== undefined) body = d.rawBody;
    else if (d.hasBody) {
      let s = JSON.stringify(d.body) ?? 'null';
      if (d.deep) s = s.replace(JSON.stringify(DEEP_MARK), d.deep);
      if (d.rawBodyAppend && s.startsWith('{')) s = s === '{}' ? `{${d.rawBodyAppend}}` : `{${d.rawBodyAppend},${s.slice(1)}`;
      body = s;
    }
    return { op: d.op, mutation: d.mutation, method: d.method, path, headers: d.headers, body };
  }

  private unknownPath(): GenRequest {
    const rng = this.rng;
    const path = rng.pick(['/v2/projects', '/v1', '/v1/', '/dpc', '/', '/v1/projects/x/y/z/w', '/%ZZ', '/v1/%00', `/v1/${'a'.repeat(600)}`, '/.env', '/v1/projects?page=%ZZ', '//v1//projects', '/v1/projects/../agents']);
    return { op: 'unknownPath', mutation: 'none', method: rng.pick(['GET', 'POST', 'DELETE']), path, headers: { authorization: `Bearer ${this.opts.adminToken()}` } };
  }

  /** POST /oauth/dpc/token: form fields, mutated. */
  private tokenRequest(f: FixtureSet, forced?: { m: string; target?: number }): GenRequest {
    const rng = this.rng;
    const fields: [string, string][] = [
      ['grant_type', rng.chance(0.9) ? 'client_credentials' : rng.pick(['password', 'CLIENT_CREDENTIALS', '', 'authorization_code'])],
      ['client_id', rng.chance(0.6) ? f.clientId : `fz-client-${rng.alnum(6)}`],
      ['client_secret', rng.chance(0.5) ? f.clientSecret : `wrong-${rng.alnum(10)}`],
    ];
    if (rng.chance(0.2)) fields.push(['audience', rng.pick(['https://api.matillion.com', 'https://evil.example', ''])]);
    if (rng.chance(0.1)) fields.push(['scope', rng.pick(['pe-api', '', 'x y'])]);
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    const mutation = forced?.m ?? rng.weighted<string>(TOKEN_WEIGHTS);
    let raw: string | undefined;
    let method = 'POST';
    switch (mutation) {
      case 'form.nul': {
        const i = forced?.target !== undefined ? forced.target % fields.length : rng.int(0, fields.length - 1);
        fields[i]![1] = insertAt(fields[i]![1], '\u0000', rng);
        break;
      }
      case 'form.badPercent':
        raw = `${fields.map(([k, v]) => `${k}=${enc(v)}`).join('&')}&${rng.pick(['client_id', 'client_secret', 'x'])}=${rng.pick(BAD_PERCENT)}`;
        break;
      case 'form.unicode': {
        const i = forced?.target !== undefined ? forced.target % fields.length : rng.int(0, fields.length - 1);
        fields[i]![1] = rng.pick(UNICODE);
        break;
      }
      case 'form.huge': {
        const i = rng.int(0, fields.length - 1);
        fields[i]![1] = 'h'.repeat(rng.int(5000, 15000));
        break;
      }
      case 'form.oversize':
        fields.push(['pad', 'p'.repeat(rng.int(17 * 1024, 2 * 1024 * 1024))]);
        break;
      case 'form.missing':
        fields.splice(rng.int(0, fields.length - 1), 1);
        break;
      case 'form.duplicate':
        fields.push([rng.pick(['client_id', 'grant_type', 'client_secret']), 'dup']);
        break;
      case 'form.basic':
        headers.authorization = rng.pick([
          `Basic ${Buffer.from(`${f.clientId}:${f.clientSecret}`).toString('base64')}`,
          `Basic ${Buffer.from(`%ZZ:%00`).toString('base64')}`,
          `Basic ${Buffer.from(`a\u0000:b`).toString('base64')}`,
          'Basic !!!',
          'Basic',
        ]);
        break;
      case 'form.json':
        headers['content-type'] = 'application/json';
        raw = JSON.stringify(Object.fromEntries(fields));
        break;
      case 'form.contentType':
        headers['content-type'] = rng.pick(['text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded; charset=latin1']);
        break;
      case 'header.big':
        headers['x-filler'] = 'f'.repeat(20 * 1024);
        break;
      case 'method.wrong':
        method = rng.pick(['GET', 'PUT', 'DELETE', 'PATCH']);
        break;
    }
    const body = raw ?? fields.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
    return { op: 'issueToken', mutation, method, path: '/oauth/dpc/token', headers, body };
  }
}

interface Draft {
  op: string;
  method: string;
  template: string;
  pathValues: Record<string, string>;
  rawSegments?: Record<string, string>;
  rawPath: string | undefined;
  query: [string, string][];
  rawQuery: string | undefined;
  headers: Record<string, string>;
  body: unknown;
  hasBody: boolean;
  rawBody: string | Buffer | undefined;
  rawBodyAppend?: string;
  deep?: string;
  dpc?: boolean;
  mutation: string;
}

const TOKEN_WEIGHTS: [number, string][] = [
  [4, 'none'],
  [3, 'form.nul'],
  [2, 'form.badPercent'],
  [2, 'form.unicode'],
  [1, 'form.huge'],
  [1, 'form.oversize'],
  [1, 'form.missing'],
  [1, 'form.duplicate'],
  [1, 'form.basic'],
  [1, 'form.json'],
  [1, 'form.contentType'],
  [1, 'header.big'],
  [1, 'method.wrong'],
];
const TOKEN_MUTATIONS = TOKEN_WEIGHTS.map(([, m]) => m);

const DEEP_MARK = '\u0001__deep__\u0001';

export const BAD_PERCENT = ['%ZZ', '%', '%4', '%E0%A4', '%C0%AF', '%ED%A0%80', '%FF%FE', '%%', '%G1', '%00', '%u0041', '%E2%82'];

export const UNICODE = [
  '😀🚀🏳️‍🌈',
  'עברית RTL \u202e reversed',
  'zero\u200bwidth\u200d',
  'e\u0301 vs \u00e9',
  '\ud800 lone high',
  'low \udc00',
  '\uffff\ufffe',
  'line\u2028sep\u2029',
  '𝕳𝖊𝖑𝖑𝖔',
  '中文名字',
  'Ω≈ç√∫',
  '\u0007\u001b[31mred',
  'tab\tnew\nline\r',
  '\\"quotes\'',
  "'; drop table projects; --",
  '${jndi:ldap://127.0.0.1/x}',
  '<script>alert(1)</script>',
  '%00',
  '..%2F..%2F',
];

/** encodeURIComponent, but lone surrogates become U+FFFD's bytes instead of throwing. */
export function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
  }
}

function b64u(s: string): string {
  return Buffer.from(s).toString('base64url');
}

function insertAt(s: string, ins: string, rng: Rng): string {
  const i = rng.int(0, s.length);
  return s.slice(0, i) + ins + s.slice(i);
}

function randomCase(s: string, rng: Rng): string {
  return rng.pick([s.toLowerCase(), s.toUpperCase(), [...s].map((c) => (rng.chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join('')]);
}

interface NodeRef {
  parent: any;
  key: string | number | undefined;
  get(): unknown;
  set(v: unknown): void;
  remove(): void;
}

/** Every value inside a JSON value (not the root), with a way to replace or remove it. */
function collect(root: unknown, max = 200): NodeRef[] {
  const out: NodeRef[] = [];
  const walk = (v: unknown, depth: number) => {
    if (depth > 20 || out.length >= max || v === null || typeof v !== 'object') return;
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v as Record<string, unknown>);
    for (const [k, child] of entries) {
      const parent = v as any;
      out.push({
        parent,
        key: k,
        get: () => parent[k],
        set: (nv) => {
          parent[k] = nv;
        },
        remove: () => {
          if (Array.isArray(parent)) parent.splice(Number(k), 1);
          else delete parent[k];
        },
      });
      walk(child, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}
