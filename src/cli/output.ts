/**
 * Output of the client commands: exit codes, colour, and the json | yaml | table formats.
 *
 * Exit codes (scripts may rely on them):
 *   0  success (plan: no changes pending)
 *   1  error: the API refused a call, the server could not be reached, the file is invalid
 *   2  plan: changes are pending
 *   3  usage: unknown command or option, missing argument, no credentials configured
 *   4  apply refused: the plan deletes or replaces something and --allow-delete was not given
 */
import YAML from 'yaml';
import { PlinthApiError, PlinthAuthError, PlinthError, PlinthNetworkError } from '../sdk/index.js';
import { EXIT } from './exit-codes.js';

export { EXIT };

export class UsageError extends Error {
  override name = 'UsageError';
}
/** An error whose exit code is given. */
export class ExitError extends Error {
  override name = 'ExitError';
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

export type Format = 'json' | 'yaml' | 'table';

/** Colour when stdout is a terminal, unless NO_COLOR; `--color` / `--no-color` decide otherwise. */
export function colorEnabled(flag: boolean | undefined, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (flag !== undefined) return flag;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return !!stream.isTTY;
}

export interface Paint {
  green(s: string): string;
  yellow(s: string): string;
  red(s: string): string;
  magenta(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}
export function paint(on: boolean): Paint {
  const w = (open: number, close: number) => (s: string) => (on ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return { green: w(32, 39), yellow: w(33, 39), red: w(31, 39), magenta: w(35, 39), cyan: w(36, 39), dim: w(2, 22), bold: w(1, 22) };
}

export interface Column<T> {
  header: string;
  get: (row: T) => unknown;
}

export function formatTable<T>(rows: T[], columns: Column<T>[]): string {
  const cells = rows.map((r) => columns.map((c) => cell(c.get(r))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i].length)));
  const line = (vals: string[]) => vals.map((v, i) => (i === vals.length - 1 ? v : v.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(columns.map((c) => c.header.toUpperCase())), ...cells.map(line)].join('\n') + '\n';
}
const cell = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function render(value: unknown, format: Format, columns?: Column<any>[]): string {
  if (format === 'json') return JSON.stringify(value, null, 2) + '\n';
  if (format === 'yaml') return YAML.stringify(value);
  if (value === undefined) return '';
  const rows = Array.isArray(value) ? value : [value];
  if (columns) return formatTable(rows, columns);
  // No columns: key / value pairs of one object.
  if (!Array.isArray(value) && value && typeof value === 'object') return formatTable(Object.entries(value).map(([k, v]) => ({ k, v })), [{ header: 'field', get: (r) => r.k }, { header: 'value', get: (r) => r.v }]);
  return cell(value) + '\n';
}

/** Prints an error (never a secret: ProblemDetails and our messages carry none) and returns its exit code. */
export function reportError(err: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  if (err instanceof ExitError) {
    if (err.message) stderr.write(`plinth: ${err.message}\n`);
    return err.code;
  }
  if (err instanceof UsageError) {
    stderr.write(`plinth: ${err.message}\n`);
    return EXIT.USAGE;
  }
  if (err instanceof PlinthApiError) {
    const p = err.problem;
    stderr.write(`plinth: ${err.method} ${safePath(err.url)} answered ${err.status}${p.title ? ` ${p.title}` : ''}${p.detail && p.detail !== p.title ? `: ${p.detail}` : ''}\n`);
    for (const v of err.violations) stderr.write(`  - ${v}\n`);
    if (err.requestId) stderr.write(`  (request id ${err.requestId})\n`);
    return EXIT.ERROR;
  }
  if (err instanceof PlinthNetworkError || err instanceof PlinthAuthError || err instanceof PlinthError) {
    stderr.write(`plinth: ${err.message}\n`);
    return EXIT.ERROR;
  }
  const e = err as Error;
  if (e?.name === 'SpecError' || e?.name === 'PlanError' || e?.name === 'ProfileError') {
    stderr.write(`plinth: ${e.message}\n`);
    return EXIT.ERROR;
  }
  stderr.write(`plinth: ${e?.stack ?? String(err)}\n`);
  return EXIT.ERROR;
}

function safePath(url: string) {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

/** Progress lines on stderr (kept off stdout, which carries the result). */
export function progress(enabled: boolean) {
  return (msg: string) => {
    if (enabled) process.stderr.write(`${msg}\n`);
  };
}
