import { describe, expect, it } from 'vitest';
import { compileQuartz, isTimeZone } from './cron.js';

const runs = (expr: string, tz: string, from: string, n = 3) => {
  const r = compileQuartz(expr, tz);
  if (!r.ok) throw new Error(r.violation.rule);
  const out: string[] = [];
  let at = new Date(from);
  for (let i = 0; i < n; i++) {
    const next = r.cron.next(at);
    if (!next) break;
    out.push(next.toISOString());
    at = next;
  }
  return out;
};
const problem = (expr: string) => {
  const r = compileQuartz(expr, 'UTC');
  return r.ok ? undefined : r.violation;
};

describe('Quartz cron expressions', () => {
  it('reads the documented example (7 fields, seconds first, "?")', () => {
    expect(runs('0 * * ? * * *', 'UTC', '2026-03-20T00:00:30Z')).toEqual(['2026-03-20T00:01:00.000Z', '2026-03-20T00:02:00.000Z', '2026-03-20T00:03:00.000Z']);
  });

  it('numbers days of the week 1 (SUN) to 7 (SAT), as Quartz does, and reads names', () => {
    // 2026-03-20 is a Friday.
    expect(runs('0 0 12 ? * 2', 'UTC', '2026-03-20T00:00:00Z', 1)).toEqual(['2026-03-23T12:00:00.000Z']); // Monday
    expect(runs('0 0 12 ? * 1', 'UTC', '2026-03-20T00:00:00Z', 1)).toEqual(['2026-03-22T12:00:00.000Z']); // Sunday
    expect(runs('0 0 12 ? * MON-FRI', 'UTC', '2026-03-20T13:00:00Z', 2)).toEqual(['2026-03-23T12:00:00.000Z', '2026-03-24T12:00:00.000Z']);
    expect(runs('0 0 12 ? jan,feb wed', 'UTC', '2026-03-20T00:00:00Z', 1)).toEqual(['2027-01-06T12:00:00.000Z']);
  });

  it('reads L, W, LW and #', () => {
    expect(runs('0 15 10 L * ?', 'UTC', '2026-03-20T00:00:00Z', 2)).toEqual(['2026-03-31T10:15:00.000Z', '2026-04-30T10:15:00.000Z']);
    expect(runs('0 15 10 ? * 6L', 'UTC', '2026-03-20T00:00:00Z', 1)).toEqual(['2026-03-27T10:15:00.000Z']); // last Friday
    expect(runs('0 15 10 ? * 6#3', 'UTC', '2026-03-21T00:00:00Z', 1)).toEqual(['2026-04-17T10:15:00.000Z']); // third Friday
    // 2026-03-15 is a Sunday: 15W is the nearest weekday, Monday the 16th.
    expect(runs('0 0 12 15W * ?', 'UTC', '2026-03-10T00:00:00Z', 2)).toEqual(['2026-03-16T12:00:00.000Z', '2026-04-15T12:00:00.000Z']);
    expect(runs('0 0 12 LW * ?', 'UTC', '2026-05-01T00:00:00Z', 1)).toEqual(['2026-05-29T12:00:00.000Z']); // May 31 is a Sunday
  });

  it('reads Quartz steps from a single start (0/5, MON/2) as running to the end of the field', () => {
    expect(runs('0 0/20 14 * * ?', 'UTC', '2026-03-20T13:00:00Z')).toEqual(['2026-03-20T14:00:00.000Z', '2026-03-20T14:20:00.000Z', '2026-03-20T14:40:00.000Z']);
    expect(runs('5/30 * * * * ?', 'UTC', '2026-03-20T00:00:00Z', 2)).toEqual(['2026-03-20T00:00:05.000Z', '2026-03-20T00:00:35.000Z']);
    expect(runs('0 0 12 ? * MON/2', 'UTC', '2026-03-20T13:00:00Z', 3)).toEqual(['2026-03-23T12:00:00.000Z', '2026-03-25T12:00:00.000Z', '2026-03-27T12:00:00.000Z']);
  });

  it('honours the year field and ends when the years run out', () => {
    expect(runs('0 30 1 1 1 ? 2027-2028', 'UTC', '2026-03-20T00:00:00Z', 3)).toEqual(['2027-01-01T01:30:00.000Z', '2028-01-01T01:30:00.000Z']);
  });

  it('evaluates in the time zone, across daylight-saving changes (Europe/Dublin, America/New_York)', () => {
    // Noon in Dublin is 12:00Z in winter, 11:00Z in summer (clocks go forward 2026-03-29).
    expect(runs('0 0 12 * * ?', 'Europe/Dublin', '2026-03-28T00:00:00Z', 2)).toEqual(['2026-03-28T12:00:00.000Z', '2026-03-29T11:00:00.000Z']);
    expect(runs('0 0 9 * * ?', 'America/New_York', '2026-03-07T00:00:00Z', 2)).toEqual(['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z']);
    // 01:30 does not exist in Dublin on 2026-03-29: that day's tick fires once, at the end of the gap.
    expect(runs('0 30 1 * * ?', 'Europe/Dublin', '2026-03-28T00:00:00Z', 3)).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
    // 01:30 happens twice in Dublin on 2026-10-25: it fires once, at the first.
    expect(runs('0 30 1 * * ?', 'Europe/Dublin', '2026-10-24T12:00:00Z', 2)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  it('refuses malformed expressions naming cronExpression and the rule', () => {
    const cases: Array<[string, RegExp]> = [
      ['0', /6 or 7 space-separated fields/],
      ['* * * * *', /6 or 7 .*got 5/],
      ['0 0 12 * * MON', /exactly one of day-of-month .* "\?"/],
      ['0 0 12 ? * ?', /exactly one of day-of-month/],
      ['0 0 12 ? * 8', /days of the week are 1 \(SUN\) – 7 \(SAT\)/],
      ['0 0 12 ? * 0', /days of the week are 1/],
      ['0 0 12 ? * FUNDAY', /days of the week/],
      ['0 0 12 ? * 2#6', /the n in d#n is 1–5/],
      ['0 0 0 L-3 * ?', /L-n.*not supported/],
      ['60 * * ? * *', /not a valid Quartz cron expression/],
      ['0 0 25 ? * *', /not a valid Quartz cron expression/],
      ['a b c ? 1 *', /not a valid Quartz cron expression/],
      ['? 0 12 * * ?', /"\?" is only allowed in day-of-month or day-of-week/],
      ['', /must be a Quartz cron expression/],
    ];
    for (const [expr, rule] of cases) {
      const v = problem(expr);
      expect(v, expr).toBeDefined();
      expect(v!.field).toBe('cronExpression');
      expect(v!.rule, expr).toMatch(rule);
    }
  });

  it('knows IANA time zones', () => {
    for (const tz of ['UTC', 'Europe/Dublin', 'America/New_York', 'Asia/Kolkata']) expect(isTimeZone(tz)).toBe(true);
    for (const tz of ['Mars/Base', '', 'Europe/Dublin ', 'x'.repeat(100)]) expect(isTimeZone(tz)).toBe(false);
  });
});
