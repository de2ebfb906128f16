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

/** Request log lines carry the path and a query string with secret-looking values masked. */
function safeUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const k of [...params.keys()]) if (SECRETISH.test(k)) params.set(k, '[REDACTED]');
  return `${url.slice(0, q)}?${params.toString()}`;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
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
