import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayInZone,
  fromZonedInput,
  nextDay,
  startOfDayUtc,
  toOffsetIso,
  toZonedInput,
  zoneLabel,
} from './zoned-time.js';

describe('times in the newsroom’s zone', () => {
  it('reads a picker value as wall time in the zone, not the browser’s', () => {
    // Kyiv is UTC+2 in winter, UTC+3 in summer.
    expect(fromZonedInput('2026-11-27T18:30', 'Europe/Kyiv')?.toISOString()).toBe(
      '2026-11-27T16:30:00.000Z',
    );
    expect(fromZonedInput('2026-07-01T09:00', 'Europe/Kyiv')?.toISOString()).toBe(
      '2026-07-01T06:00:00.000Z',
    );
    expect(fromZonedInput('2026-11-27T18:30', 'America/New_York')?.toISOString()).toBe(
      '2026-11-27T23:30:00.000Z',
    );
    expect(fromZonedInput('2026-11-27T18:30', 'UTC')?.toISOString()).toBe(
      '2026-11-27T18:30:00.000Z',
    );
  });

  it('round-trips through the picker value', () => {
    const instant = new Date('2026-03-29T00:59:00Z');
    for (const zone of ['Europe/Kyiv', 'Asia/Kolkata', 'America/Los_Angeles', 'UTC']) {
      const value = toZonedInput(instant, zone);
      expect(fromZonedInput(value, zone)?.getTime(), zone).toBe(instant.getTime());
    }
  });

  it('moves a time skipped by the spring clock change to after it', () => {
    // Europe/Kyiv skips 03:00–04:00 on 2026-03-29.
    const at = fromZonedInput('2026-03-29T03:30', 'Europe/Kyiv');
    expect(at && toZonedInput(at, 'Europe/Kyiv')).toBe('2026-03-29T04:30');
  });

  it('refuses what is not a date-time', () => {
    expect(fromZonedInput('', 'UTC')).toBeNull();
    expect(fromZonedInput('tomorrow', 'UTC')).toBeNull();
  });

  it('writes the offset the API keeps and labels the zone', () => {
    const instant = new Date('2026-11-27T16:30:00Z');
    expect(toOffsetIso(instant, 'Europe/Kyiv')).toBe('2026-11-27T18:30:00+02:00');
    expect(toOffsetIso(instant, 'America/New_York')).toBe('2026-11-27T11:30:00-05:00');
    expect(zoneLabel('Asia/Kolkata', instant)).toBe('Asia/Kolkata (UTC+05:30)');
  });

  it('starts a day at midnight in the zone, for "since" filters', () => {
    expect(startOfDayUtc('2026-03-03', 'Europe/Kyiv')).toBe('2026-03-02T22:00:00.000Z');
    expect(startOfDayUtc('2026-07-01', 'America/New_York')).toBe('2026-07-01T04:00:00.000Z');
    expect(startOfDayUtc('3 March', 'UTC')).toBeNull();
  });

  it('counts calendar days across months, years and clock changes', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-01-31', -365)).toBe('2025-01-31');
    expect(nextDay('2026-10-25')).toBe('2026-10-26');
    // 23:30 UTC on 6 December is already 7 December in Kyiv.
    expect(dayInZone(Date.parse('2026-12-06T23:30:00Z'), 'Europe/Kyiv')).toBe('2026-12-07');
    expect(dayInZone(new Date('2026-12-06T23:30:00Z'), 'America/New_York')).toBe('2026-12-06');
  });
});
