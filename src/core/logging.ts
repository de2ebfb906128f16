import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';

/** Paths pino removes from every log line: credentials and secret material. */
export const REDACT = [
  'req.headers.authorization',
  'req.headers["git-provider-access-token"]',
  'headers.authorization',
  'headers["git-provider-access-token"]',
  '*.client_secret',
  '*.clientSecret',
  '*.secretValue',
  '*.value',
  '*.password',
  '*.privateKey',
  '*.token',
  '*.access_token',
];

const SECRETISH = /secret|token|password|key/i;

// An invitation link carries its single-use token in the path (the console's set-password page).
const TOKEN_IN_PATH = /(\/console\/invitations\/)[^/?#]+/;

/**
 * Request log lines carry the path (an invitation token in it masked) and a query string with
 * secret-looking values masked.
 */
export function safeUrl(raw: string): string {
  const url = raw.replace(TOKEN_IN_PATH, '$1[REDACTED]');
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const k of [...params.keys()]) if (SECRETISH.test(k)) params.set(k, '[REDACTED]');
  return `${url.slice(0, q)}?${params.toString()}`;
}

/**
 * Where log lines go when no destination is given: JSON lines on stdout, or, when stdout is a
 * terminal, lines a person can read (pino-pretty, in this thread: a terminal is not a
 * high-volume sink). `PLINTH_LOG_FORMAT=json` or `pretty` overrides the choice.
 */
function defaultDestination(): pino.DestinationStream | undefined {
  const format = process.env.PLINTH_LOG_FORMAT?.trim().toLowerCase();
  const pretty = format === 'pretty' || (format !== 'json' && process.stdout.isTTY === true);
  if (!pretty) return undefined;
  // Loaded only for a terminal; kept out of the bundle (a plain require of node_modules).
  const load = createRequire(import.meta.url);
  const prettyStream = load('pino-pretty') as (opts: object) => pino.DestinationStream;
  return prettyStream({ colorize: process.stdout.isTTY === true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true });
}

export function createLogger(level: string, destination: pino.DestinationStream | undefined = defaultDestination()): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: '[REDACTED]' },
      serializers: {
        req: (req) => ({ method: req.method, url: safeUrl(req.url), remoteAddress: req.ip ?? req.socket?.remoteAddress }),
      },
    },
    destination,
  );
}
