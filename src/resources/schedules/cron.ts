import { Cron } from 'croner';
import type { Violation } from '../../core/errors.js';

/**
 * Quartz cron expressions, as the SaaS documents them (`0 * * ? * * *`): seconds, minutes,
 * hours, day-of-month, month, day-of-week and an optional year; `?` in exactly one of the two day
 * fields; day-of-week numbered 1 (SUN) – 7 (SAT) or named; `L`, `W`, `LW`, `#`; `a/b` steps.
 *
 * Evaluation is croner's (its Quartz weekday numbering and 7-part mode). Two Quartz spellings it
 * does not read are handled here: a step from a single start (`0/5`, `MON/2`) is rewritten to the
 * range from that start to the field's end, which is what Quartz means; `L-n` (n days before the
 * last day) is refused with a clear rule, as Plinth does not evaluate it.
 */

const FIELDS = ['seconds', 'minutes', 'hours', 'day-of-month', 'month', 'day-of-week', 'year'] as const;
/** The last value of each field, the end of a `start/step` range. */
const FIELD_END = ['59', '59', '23', '31', '12', '7', '2099'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export interface CompiledCron {
  /** The first tick strictly after `after`, or null when the expression never fires again. */
  next(after: Date): Date | null;
}

export type CronResult = { ok: true; cron: CompiledCron } | { ok: false; violation: Violation };

const fail = (field: string, rule: string): CronResult => ({ ok: false, violation: { field, rule } });

/** A valid IANA time zone name (`Europe/Dublin`, `UTC`)? */
export function isTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Quartz day-of-week numbers are 1–7 (croner would also read 0 and 8 in its own ways). */
function dayOfWeekProblem(field: string): string | undefined {
  for (const item of field.split(',')) {
    const [range, step] = item.split('/');
    const base = range!.replace(/#\d+$/, '').replace(/L$/, '');
    const nth = /#(\d+)$/.exec(range!)?.[1];
    if (nth !== undefined && (Number(nth) < 1 || Number(nth) > 5)) return `"${item}": the n in d#n is 1–5`;
    if (step !== undefined && !/^\d+$/.test(step)) return `"${item}": a step is a positive number`;
    for (const part of base.split('-')) {
      if (/^\d+$/.test(part) && (Number(part) < 1 || Number(part) > 7)) return `"${item}": days of the week are 1 (SUN) – 7 (SAT) or SUN–SAT`;
      if (/^[A-Za-z]+$/.test(part) && !DAY_NAMES.includes(part.toUpperCase())) return `"${item}": days of the week are 1 (SUN) – 7 (SAT) or SUN–SAT`;
    }
  }
  return undefined;
}

/** `5/15` → `5-59/15`: Quartz's step from a single start runs to the field's end. */
function expandSteps(part: string, i: number): string {
  return part
    .split(',')
    .map((item) => {
      const m = /^([0-9A-Za-z]+)\/(.+)$/.exec(item);
      return m && !m[1]!.includes('-') ? `${m[1]}-${FIELD_END[i]}/${m[2]}` : item;
    })
    .join(',');
}

/** The Quartz rules croner does not enforce itself; undefined when the fields pass. */
function quartzProblem(parts: string[]): string | undefined {
  const [dom, dow] = [parts[3]!, parts[5]!];
  if ((dom === '?') === (dow === '?')) {
    return 'exactly one of day-of-month (4th field) and day-of-week (6th field) must be "?" (Quartz), e.g. "0 0 12 * * ?" or "0 0 12 ? * MON-FRI"';
  }
  if (/L-\d/.test(dom)) return 'day-of-month "L-n" (n days before the last day) is not supported by Plinth';
  const problem = dayOfWeekProblem(dow);
  if (problem) return `day-of-week ${problem}`;
  for (let i = 0; i < parts.length; i++) {
    if (parts[i]!.includes('?') && i !== 3 && i !== 5) return `"?" is only allowed in day-of-month or day-of-week, not in ${FIELDS[i]}`;
  }
  return undefined;
}

/**
 * Parses a Quartz expression evaluated in `timeZone`. On failure the violation names
 * `field` (e.g. `cronExpression`) and the broken rule.
 */
export function compileQuartz(expression: string, timeZone: string, field = 'cronExpression'): CronResult {
  if (typeof expression !== 'string' || expression.trim() === '') return fail(field, 'must be a Quartz cron expression such as "0 0 12 * * ?"');
  if (expression.length > 256) return fail(field, 'must be at most 256 characters');
  const parts = expression.trim().toUpperCase().split(/\s+/);
  if (parts.length < 6 || parts.length > 7) {
    return fail(field, `must have 6 or 7 space-separated fields (Quartz: seconds minutes hours day-of-month month day-of-week [year]); got ${parts.length}`);
  }
  const problem = quartzProblem(parts);
  if (problem) return fail(field, problem);
  const pattern = parts.map(expandSteps).join(' ');
  let cron: Cron;
  try {
    cron = new Cron(pattern, { mode: parts.length === 7 ? '7-part' : '6-part', alternativeWeekdays: true, legacyMode: false, timezone: timeZone, paused: true });
  } catch (err) {
    return fail(field, `is not a valid Quartz cron expression (${String((err as Error).message).replace(/^CronPattern: /, '')})`);
  }
  return {
    ok: true,
    cron: {
      next(after) {
        try {
          return cron.nextRun(after) ?? null;
        } catch {
          return null;
        }
      },
    },
  };
}
