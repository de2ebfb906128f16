/**
 * The same-work floor of a cold start: bare Fastify with every route of the contract (stub
 * handlers, no schemas, no hooks, no logger), better-sqlite3 opened on the file Plinth created, an
 * RS256 key imported, then the bench's token and GET /v1/projects answered for real (an RS256
 * signature; one page of project rows from a prepared statement). It is what any Fastify server
 * of this API must do before its first authenticated 200; Plinth − floor is Plinth's own start:
 * contract text, validators and serializers, configuration, vault, key and credential checks,
 * migrations check, background jobs.
 *
 * Plain CommonJS from node_modules, as an application without a bundle or a code cache starts.
 *
 * Without FLOOR_KEY it is the floor of a start on a new database: it generates its RSA-2048 key at
 * process start on the libuv pool (as bin/plinth.js does for a new file) and signs the first token
 * once the key is there, and it creates the file with the one table it reads.
 *
 *   PORT=… DATABASE_URL=sqlite:<file> [FLOOR_KEY=<PKCS#8 PEM file>] node bench/cold-floor.cjs
 *
 * It prints `plinth ready` once it listens, as Plinth does (bench/lib/cold.ts waits for it).
 */
const { createPrivateKey, generateKeyPair, randomUUID, sign } = require('node:crypto');
const { readFileSync } = require('node:fs');
const path = require('node:path');

const key = process.env.FLOOR_KEY
  ? Promise.resolve(createPrivateKey(readFileSync(process.env.FLOOR_KEY, 'utf8')))
  : new Promise((resolve, reject) => generateKeyPair('rsa', { modulusLength: 2048, publicExponent: 0x10001 }, (err, _pub, priv) => (err ? reject(err) : resolve(priv))));
const Fastify = require('fastify');
const SQLite = require('better-sqlite3');

const doc = JSON.parse(readFileSync(path.join(__dirname, '..', 'dist', 'openapi.json'), 'utf8'));
const db = new SQLite(process.env.DATABASE_URL.slice('sqlite:'.length));
db.pragma('journal_mode = WAL');
if (!process.env.FLOOR_KEY) db.exec('CREATE TABLE IF NOT EXISTS projects (id TEXT PRIMARY KEY, name TEXT NOT NULL)');
const page = db.prepare('SELECT * FROM projects ORDER BY id LIMIT 25');

const app = Fastify({ logger: false });
app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body))));
const real = {
  'POST /oauth/dpc/token': async () => {
    const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const signed = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'floor' })}.${b64({ sub: 'floor', iat: now, exp: now + 1800, jti: randomUUID() })}`;
    return { access_token: `${signed}.${sign('sha256', Buffer.from(signed), await key).toString('base64url')}`, token_type: 'Bearer', expires_in: 1800 };
  },
  'GET /v1/projects': async () => ({ page: 0, size: 25, results: page.all() }),
};
const stub = async () => ({});
for (const [p, item] of Object.entries(doc.paths)) {
  const url = p.replace(/\{([^}]+)\}/g, ':$1');
  for (const method of ['get', 'put', 'post', 'patch', 'delete']) {
    if (item[method]) app.route({ method: method.toUpperCase(), url, handler: real[`${method.toUpperCase()} ${p}`] ?? stub });
  }
}
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(() => process.stdout.write('plinth ready\n'));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
