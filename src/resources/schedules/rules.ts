import { Violations } from '../../core/errors.js';
import { compileQuartz, isTimeZone, type CompiledCron } from './cron.js';

/** Pipeline names are stored without the orchestration extension; both spellings are accepted. */
export const pipelineBaseName = (name: string) => (name.toLowerCase().endsWith('.orch.yaml') ? name.slice(0, -'.orch.yaml'.length) : name);

/** UTC at second precision, `yyyy-MM-ddTHH:mm:ssZ`, as the contract returns schedule times. */
export const utcSeconds = (iso: string | null) => (iso === null ? null : `${iso.slice(0, 19)}Z`);

export interface Timing {
  cronExpression: string;
  cronTimezone: string;
  /** ISO 8601 (UTC). */
  effectiveFrom: string;
  scheduleEnabled: boolean;
}

/**
 * Checks a schedule's timing fields (each broken rule named) and returns the compiled
 * expression. `prefix` locates the fields (`schedule.` on create, none on update).
 */
export function checkTiming(t: Timing, prefix: string, now: Date): CompiledCron {
  const v = new Violations();
  if (!isTimeZone(t.cronTimezone)) v.add(`${prefix}cronTimezone`, `"${t.cronTimezone.slice(0, 64)}" is not an IANA time zone (e.g. "UTC", "Europe/Dublin")`);
  const r = compileQuartz(t.cronExpression, isTimeZone(t.cronTimezone) ? t.cronTimezone : 'UTC', `${prefix}cronExpression`);
  if (!r.ok) v.add(r.violation.field, r.violation.rule);
  v.throwIfAny();
  const cron = (r as { cron: CompiledCron }).cron;
  if (firstTick(cron, t.effectiveFrom, now) === null) v.add(`${prefix}cronExpression`, 'never fires after effectiveFrom (e.g. only in past years)');
  v.throwIfAny();
  return cron;
}

/** The first tick at or after both `effectiveFrom` and just after `now`; null when none. */
export function firstTick(cron: CompiledCron, effectiveFrom: string, now: Date): Date | null {
  const from = new Date(effectiveFrom);
  // A tick exactly at effectiveFrom counts: look from just before it.
  const after = from.getTime() > now.getTime() ? new Date(from.getTime() - 1) : now;
  return cron.next(after);
}

/** Where `next_run_at` stands for these settings: null while disabled or when it never fires again. */
export function nextRunAt(cron: CompiledCron, t: Pick<Timing, 'effectiveFrom' | 'scheduleEnabled'>, now: Date): string | null {
  if (!t.scheduleEnabled) return null;
  return firstTick(cron, t.effectiveFrom, now)?.toISOString() ?? null;
}
