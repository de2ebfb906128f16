import { existsSync, readFileSync } from 'node:fs';
import type { ProfileSummary } from './profile.js';

/** Markdown/console rendering of the bench results. */

export type Measured =
  | { kind: 'rate'; rps: number; p50: number; p99: number; unit?: string; note?: string }
  | { kind: 'na'; reason: string }
  | { kind: 'error'; reason: string };

export interface Row {
  target: string;
  goal: string;
  measured: string;
  result: 'pass' | 'miss' | 'n/a';
}

export const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
export const f1 = (n: number) => (Number.isFinite(n) ? (Math.round(n * 10) / 10).toString() : '–');
export const f2 = (n: number) => (Number.isFinite(n) ? (Math.round(n * 100) / 100).toFixed(2) : '–');
export const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) + ' ms' : '–');

export function table(head: string[], rows: string[][]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

/** Plain-text table for the terminal. */
export function textTable(head: string[], rows: string[][]): string {
  const all = [head, ...rows];
  const w = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (c ?? '').padEnd(w[i]!)).join('  ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

export function profileMarkdown(title: string, p: ProfileSummary): string {
  return [
    `#### ${title}`,
    '',
    `Sampled ${f0(p.totalMs)} ms, of which ${f0(p.busyMs)} ms on-CPU (the rest idle).`,
    '',
    'Self time by area:',
    '',
    table(
      ['area', 'self ms', '% of busy'],
      p.byArea.slice(0, 10).map((a) => [a.area, f0(a.selfMs), f1(a.pctBusy)]),
    ),
    '',
    'Top functions by self time:',
    '',
    table(
      ['function', 'where', 'self ms', '% of busy'],
      p.top.map((t) => [t.name, t.where || '–', f0(t.selfMs), f1(t.pctBusy)]),
    ),
    '',
  ].join('\n');
}

const START = '<!-- analysis:start -->';
const END = '<!-- analysis:end -->';

/** The hand-written analysis kept between markers in an existing docs/benchmarks.md. */
export function keptAnalysis(file: string): string {
  if (!existsSync(file)) return `${START}\n_No analysis written yet._\n${END}`;
  const s = readFileSync(file, 'utf8');
  const a = s.indexOf(START);
  const b = s.indexOf(END);
  if (a < 0 || b < a) return `${START}\n_No analysis written yet._\n${END}`;
  return s.slice(a, b + END.length);
}
