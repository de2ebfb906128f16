import { createRequire } from 'node:module';
import { Command } from 'commander';
import { usageExitCodes } from './cli/exit-codes.js';
import { tuneHeapGrowth } from './heap.js';

// Server code is imported only by the commands that run it (serve, vault): the client commands
// (login, plan, apply, …) start without loading it.
const server = () => Promise.all([import('./app.js'), import('./config.js')]).then(([app, config]) => ({ ...app, ...config }));

function fail(err: unknown): never {
  const known = ['ConfigError', 'DatabaseUnavailableError', 'VaultError'].includes((err as Error)?.name) || (err as NodeJS.ErrnoException)?.code === 'EADDRINUSE';
  const msg = (err as Error)?.message ?? String(err);
  process.stderr.write(`plinth: ${known ? msg : `start-up failed: ${msg}`}\n`);
  process.exit(1);
}

async function serve(opts: { controls?: boolean } = {}) {
  const started = performance.now();
  tuneHeapGrowth();
  const { createApp, createLogger, loadConfig, ConfigError } = await server();
  const config = loadConfig(opts.controls ? { ...process.env, PLINTH_CONTROLS: '1' } : process.env);
  const logger = createLogger(config.logLevel);
  // The bootstrap admin's password hash does not hold up the first request (/readyz waits for it).
  const app = await createApp({ config, logger, adminInBackground: true });
  if (app.generatedCredential) {
    // Printed once, on the terminal only, never through the logger.
    process.stdout.write(
      `\nNo API credential existed, so Plinth created a Super Admin one. It is shown only now:\n` +
        `  client_id:     ${app.generatedCredential.clientId}\n  client_secret: ${app.generatedCredential.clientSecret}\n\n`,
    );
  }
  try {
    await app.server.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.store.close().catch(() => {});
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') fail(new ConfigError(`port ${config.port} on ${config.host} is already in use`));
    throw err;
  }
  logger.info({ startupMs: Math.round(performance.now() - started), database: config.database.kind }, 'plinth ready');
  let stopping = false;
  app.generatedAdmin.then(
    (admin) => {
      // The same rule for the first user: once, on the terminal only, never through the logger.
      if (admin) {
        process.stdout.write(
          `\nNo user existed, so Plinth created a Super Admin user. Its password is shown only now:\n` +
            `  email:    ${admin.email}\n  password: ${admin.password}\n\n`,
        );
      }
    },
    (err) => {
      if (!stopping) fail(err);
    },
  );
  // Last line of defence: a promise nobody awaited must not end a serving node (Node's default
  // for an unhandled rejection is to exit). Errors are handled where they happen; this only logs.
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled promise rejection; the server keeps running'));
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down; finishing in-flight requests');
    const timer = setTimeout(() => process.exit(1), 15_000).unref();
    await app.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

const program = new Command('plinth').description('Self-hostable Maia (Matillion DPC) provisioning API');
// `serve` is the default: `npx plinth` starts a server with the embedded defaults.
program
  .command('serve', { isDefault: true })
  .description('start the API server (the default command)')
  .option('--controls', 'serve the test controls under /plinth/controls (as PLINTH_CONTROLS=1)')
  .action((opts: { controls?: boolean }) => serve(opts).catch(fail));

const vault = program.command('vault').description('vault administration');
vault
  .command('rewrap')
  .description('re-seal every stored secret under the first key of PLINTH_MASTER_KEY (resumable, safe while servers run)')
  .action(async () => {
    try {
      const [{ vaultRewrap }, { loadConfig }] = await Promise.all([import('./cli/vault-admin.js'), import('./config.js')]);
      const report = await vaultRewrap(loadConfig());
      for (const t of report.tables) process.stdout.write(`${t.table}: ${t.rewrapped} rewrapped\n`);
      const total = report.tables.reduce((n, t) => n + t.rewrapped, 0);
      process.stdout.write(`${total} value(s) now sealed under key "${report.keyId}"\n`);
      if (report.remaining) {
        process.stdout.write(`some values are still sealed under key "${report.remaining}" (written meanwhile by a node whose keyring lists it first); run again after restarting every node with the new key first\n`);
        process.exitCode = 2;
      }
    } catch (err) {
      fail(err);
    }
  });

/**
 * Starting the server (`serve`, or no command) does not load the client commands (the SDK, YAML,
 * plan/apply): ~160 ms of the path to the first request. Anything else, help included, does.
 */
function startsServer(args: string[]) {
  const command = args.find((a) => !a.startsWith('-'));
  return (command === undefined || command === 'serve') && !args.some((a) => ['-h', '--help', '-V', '--version'].includes(a));
}

export async function run(argv = process.argv) {
  try {
    if (!startsServer(argv.slice(2))) {
      (await import('./cli/client-commands.js')).registerClientCommands(program);
      // The package's version; ../package.json from src/ (tsx) and from dist/ (the bundle) alike.
      program.version((createRequire(import.meta.url)('../package.json') as { version: string }).version);
    }
    usageExitCodes(program);
    await program.parseAsync(argv);
  } catch (err) {
    fail(err);
  }
}
