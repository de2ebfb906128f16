/**
 * The import rules of Plinth (CONTRIBUTING.md): resources build on the core, never the reverse;
 * inside a resource, routes → service → store; resources use each other only through a
 * service (or the pure rules a module publishes); nothing ships code from tests.
 * `npm run lint:deps` checks them; .ci/run runs it.
 */
const RESOURCE = '^src/resources/([^/]+)/';

module.exports = {
  forbidden: [
    {
      name: 'core-is-independent',
      comment: 'src/core is shared machinery: it knows no resource.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/resources/' },
    },
    {
      name: 'store-is-the-bottom',
      comment: "A store holds queries only: it imports neither its module's service nor its routes.",
      severity: 'error',
      from: { path: `${RESOURCE}store\\.ts$` },
      to: { path: '^src/resources/$1/(service|routes|index)\\.ts$' },
    },
    {
      name: 'service-knows-no-http',
      comment: 'A service speaks in fields and rules: it imports neither routes nor the HTTP layer.',
      severity: 'error',
      from: { path: `${RESOURCE}(?!routes\\.ts$|index\\.ts$)[^/]+\\.ts$` },
      to: { path: ['^src/resources/$1/routes\\.ts$', '^src/core/http/', '^fastify$', '^node_modules/fastify/'] },
    },
    {
      name: 'modules-meet-through-services',
      comment: "A resource uses another resource only through its service.ts (or its pure rules.ts), never its store, routes or index.",
      severity: 'error',
      from: { path: RESOURCE },
      to: { path: '^src/resources/([^/]+)/', pathNot: ['^src/resources/$1/', '^src/resources/[^/]+/(service|rules)\\.ts$'] },
    },
    {
      name: 'only-the-app-lists-resources',
      comment: 'src/resources/index.ts is the registration list: only the composition root and tooling import it.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/app\\.ts$', '^src/cli/'] },
      to: { path: '^src/resources/index\\.ts$' },
    },
    {
      name: 'clients-speak-http-only',
      comment: 'The SDK (src/sdk, published as plinth/sdk) and the client commands (src/cli/*, except the server-side vault admin) talk to a server over HTTP only: they import no server code.',
      severity: 'error',
      from: { path: ['^src/sdk/', '^src/cli/'], pathNot: '^src/cli/vault-admin\\.ts$' },
      to: { path: ['^src/core/', '^src/resources/', '^src/app\\.ts$', '^src/config\\.ts$', '^src/cli\\.ts$', '^src/main\\.ts$', '^src/cli/vault-admin\\.ts$', '^fastify$', '^node_modules/(fastify|kysely|better-sqlite3|pg)/'] },
    },
    {
      name: 'sdk-is-standalone',
      comment: 'The SDK depends on nothing of the CLI.',
      severity: 'error',
      from: { path: '^src/sdk/' },
      to: { path: '^src/(cli|cli\\.ts)' },
    },
    {
      name: 'no-test-code-outside-tests',
      comment: 'The server, the bench and the scripts never import test helpers.',
      severity: 'error',
      from: { path: '^(src|bench|scripts)/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
