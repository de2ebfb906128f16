import { existsSync, readFileSync } from 'node:fs';
import type { ProfileSummary } from './profile.js';
import { STAGES, type StageTimes } from './stages.js';

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

/**
 * Where a request's CPU time goes, per stage (bench/lib/stages.ts), for each profiled path: CPU
 * microseconds per request inside the measured window, so the columns add up to the profiled
 * CPU per request; the unprofiled server's 1 / req/s is shown beside it for scale.
 */
export function stagesMarkdown(paths: { title: string; stages: StageTimes & { requests: number }; rps?: number; unit?: string }[]): string {
  if (!paths.length) return '';
  const per = (p: (typeof paths)[number], ms: number) => (p.stages.requests > 0 ? (1000 * ms) / p.stages.requests : NaN);
  const cell = (p: (typeof paths)[number], ms: number) => {
    const us = per(p, ms);
    return Number.isFinite(us) ? `${us < 10 ? us.toFixed(1) : Math.round(us)} µs (${Math.round((100 * ms) / Math.max(1e-9, p.stages.busyMs))}%)` : '–';
  };
  const rows = STAGES.filter((s) => paths.some((p) => per(p, p.stages.ms[s]) >= 0.05)).map((s) => [s, ...paths.map((p) => cell(p, p.stages.ms[s]))]);
  return [
    "#### Where a request's CPU time goes",
    '',
    'CPU time per request by stage, from the profiles below (bench/lib/stages.ts: each sample goes to the innermost frame',
    'on its stack that belongs to a stage, the bundle mapped back to its sources; a builtin such as JSON.parse or a native',
    "statement counts for the code that called it). The profiler's own cost is in every row; the last row is the unprofiled",
    "server's 1 / req/s from the throughput table, for scale.",
    '',
    table(
      ['stage', ...paths.map((p) => p.title)],
      [
        ...rows,
        ['**CPU per request, profiled**', ...paths.map((p) => `${Math.round(per(p, p.stages.busyMs))} µs (${f0(p.stages.requests)} ${p.unit ?? 'requests'})`)],
        ['1 / req/s (flows/s) unprofiled', ...paths.map((p) => (p.rps ? `${Math.round(1e6 / p.rps)} µs` : '–'))],
      ],
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
