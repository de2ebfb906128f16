import { describe, expect, it } from 'vitest';
import { applyCommand, currentStatus, SNAPSHOTTING_MS, STARTING_MS, STOPPING_MS } from './status.js';

const at = (ms: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + ms);
const since = '2026-01-01T00:00:00.000Z';

describe('streaming pipeline status', () => {
  it('START runs STARTING → SNAPSHOTTING → STREAMING on the clock', () => {
    expect(currentStatus('STARTING', since, at(0))).toBe('STARTING');
    expect(currentStatus('STARTING', since, at(STARTING_MS - 1))).toBe('STARTING');
    expect(currentStatus('STARTING', since, at(STARTING_MS))).toBe('SNAPSHOTTING');
    expect(currentStatus('STARTING', since, at(STARTING_MS + SNAPSHOTTING_MS))).toBe('STREAMING');
    expect(currentStatus('STARTING', since, at(86_400_000))).toBe('STREAMING');
  });

  it('STOP runs STOPPING → NOT_RUNNING', () => {
    expect(currentStatus('STOPPING', since, at(STOPPING_MS - 1))).toBe('STOPPING');
    expect(currentStatus('STOPPING', since, at(STOPPING_MS))).toBe('NOT_RUNNING');
    expect(currentStatus('NOT_RUNNING', since, at(1))).toBe('NOT_RUNNING');
    expect(currentStatus('garbage', since, at(1))).toBe('UNKNOWN');
  });

  it('commands: repeated ones change nothing, START while STOPPING conflicts', () => {
    expect(applyCommand('START', 'NOT_RUNNING')).toEqual({ change: 'STARTING' });
    for (const s of ['STARTING', 'SNAPSHOTTING', 'STREAMING'] as const) {
      expect(applyCommand('START', s)).toEqual({ change: null });
      expect(applyCommand('STOP', s)).toEqual({ change: 'STOPPING' });
    }
    expect(applyCommand('START', 'STOPPING')).toHaveProperty('conflict');
    expect(applyCommand('STOP', 'STOPPING')).toEqual({ change: null });
    expect(applyCommand('STOP', 'NOT_RUNNING')).toEqual({ change: null });
    expect(applyCommand('START', 'UNKNOWN')).toEqual({ change: 'STARTING' });
  });
});
