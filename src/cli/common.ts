/** What every client command shares: global options, the SDK client they build, and running an action. */
import type { Command } from 'commander';
import { createClient, type PlinthClient } from '../sdk/index.js';
import { colorEnabled, EXIT, paint, reportError, type Format, UsageError, type Paint } from './output.js';
import { resolveConnection } from './profiles.js';

export interface GlobalOptions {
  profile?: string;
  url?: string;
  clientId?: string;
  color?: boolean;
  retries?: string;
  timeout?: string;
  quiet?: boolean;
}

/** Adds the connection and behaviour options every client command takes. */
export function withGlobals(cmd: Command): Command {
  return cmd
    .option('--profile <name>', 'profile from plinth login (default: the current one, or $PLINTH_PROFILE)')
    .option('--url <url>', 'API base URL, e.g. http://127.0.0.1:8080 or https://eu1.api.matillion.com/dpc ($PLINTH_URL)')
    .option('--client-id <id>', 'API credential client id ($PLINTH_CLIENT_ID; the secret comes from $PLINTH_CLIENT_SECRET or the profile)')
    .option('--retries <n>', 'retries per call on 429/5xx/network errors (default 5, $PLINTH_RETRIES)')
    .option('--timeout <seconds>', 'per-request timeout (default 30)')
    .option('--color', 'force coloured output')
    .option('--no-color', 'no colours (also NO_COLOR)')
    .option('-q, --quiet', 'no progress on stderr');
}

export function outputOption(cmd: Command, def: Format = 'table'): Command {
  return cmd.option('-o, --output <format>', 'json | yaml | table', def);
}

export function parseFormat(v: string | undefined, def: Format = 'table'): Format {
  const f = (v ?? def).toLowerCase();
  if (f !== 'json' && f !== 'yaml' && f !== 'table') throw new UsageError(`--output must be json, yaml or table (got "${v}")`);
  return f;
}

const int = (v: string | undefined, name: string) => {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`${name} must be a whole number (got "${v}")`);
  return Number(v);
};

/**
 * Sent on every API call the CLI makes, so Plinth's audit events say the change came from the CLI
 * (`eventSource: CLI`, src/core/http/plugins/audit-context.ts). Kept equal to package.json's
 * version (test/api/audit-events.test.ts checks it).
 */
export const CLI_USER_AGENT = 'plinth-cli/0.1.0';

export function makeClient(opts: GlobalOptions, log?: (msg: string) => void): PlinthClient {
  const conn = resolveConnection(opts);
  const retries = int(opts.retries ?? process.env.PLINTH_RETRIES, '--retries');
  const timeout = int(opts.timeout, '--timeout');
  return createClient({
    baseUrl: conn.url,
    clientId: conn.clientId,
    clientSecret: conn.clientSecret,
    tokenUrl: conn.tokenUrl,
    audience: conn.audience,
    accountId: conn.accountId,
    timeoutMs: timeout !== undefined ? timeout * 1000 : undefined,
    headers: { 'user-agent': CLI_USER_AGENT },
    retry: {
      retries,
      onRetry: (i) => log?.(`  … ${i.method} ${new URL(i.url).pathname} ${i.status ? `answered ${i.status}` : `failed (${i.reason})`}; retrying in ${(i.delayMs / 1000).toFixed(1)} s (attempt ${i.attempt + 1})`),
    },
  });
}

export function painter(opts: GlobalOptions, stream: NodeJS.WriteStream = process.stdout): Paint {
  return paint(colorEnabled(opts.color, stream));
}

/** Runs a command body and turns its outcome into an exit code. */
export function action<A extends unknown[]>(body: (...args: A) => Promise<number | void>) {
  return async (...args: A) => {
    let code: number;
    try {
      code = (await body(...args)) ?? EXIT.OK;
    } catch (err) {
      code = reportError(err);
    }
    process.exitCode = code;
  };
}

/** The merged options of a command (its own and the program's). */
export const allOptions = <T>(cmd: Command) => cmd.optsWithGlobals() as T;
