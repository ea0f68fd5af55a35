import { describe, expect, it } from 'vitest';
import { addDays, intervalOf, presetRange, rangeProblem } from './analytics-range.js';

describe('the Analytics date range', () => {
  // 2026-12-07 20:30 UTC is already 8 December in Tokyo and still 7 December in Los Angeles.
  const now = Date.parse('2026-12-07T20:30:00Z');

  it('counts presets back from today in the newsroom’s zone, today included', () => {
    expect(presetRange('1d', 'Asia/Tokyo', now)).toEqual({ from: '2026-12-08', to: '2026-12-08' });
    expect(presetRange('7d', 'America/Los_Angeles', now)).toEqual({
      from: '2026-12-01',
      to: '2026-12-07',
    });
    expect(presetRange('30d', 'UTC', now)).toEqual({ from: '2026-11-08', to: '2026-12-07' });
  });

  it('moves across months and years', () => {
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('shows one day per hour and longer ranges per day', () => {
    expect(intervalOf({ from: '2026-12-07', to: '2026-12-07' })).toBe('hour');
    expect(intervalOf({ from: '2026-12-06', to: '2026-12-07' })).toBe('day');
  });

  it('refuses a custom range the API would refuse, saying what to fix', () => {
    expect(rangeProblem({ from: '2026-12-01', to: '2026-12-07' })).toBeNull();
    expect(rangeProblem({ from: '', to: '2026-12-07' })).toBe('Choose the first day.');
    expect(rangeProblem({ from: '2026-12-01', to: '' })).toBe('Choose the last day.');
    expect(rangeProblem({ from: '2026-12-07', to: '2026-12-01' })).toBe(
      'The last day must not be before the first.',
    );
    expect(rangeProblem({ from: '2025-01-01', to: '2026-01-02' })).toBe('Choose at most 366 days.');
    expect(rangeProblem({ from: '2025-01-01', to: '2026-01-01' })).toBeNull();
  });
});
