import { describe, expect, it } from 'vitest';
import { dailyCounts, dayOfHour } from './report-counts.js';
import { reportRange } from './report-range.js';

const conversion = (kind: string, day: string) => ({
  kind,
  day,
  post_id: null,
  campaign_id: null,
  occurred_at: `${day}T12:00:00.000Z`,
});

describe('analytics: hours folded into the newsroom’s days', () => {
  it('puts each UTC hour on the newsroom’s date, whatever its offset', () => {
    // Kyiv is UTC+2 in winter: 22:00 UTC is already the next day there.
    expect(dayOfHour('2026-11-30T21', 'Europe/Kyiv')).toBe('2026-11-30');
    expect(dayOfHour('2026-11-30T22', 'Europe/Kyiv')).toBe('2026-12-01');
    expect(dayOfHour('2026-12-01T04', 'America/New_York')).toBe('2026-11-30');
    expect(dayOfHour('2026-12-01T05', 'America/New_York')).toBe('2026-12-01');
  });

  it('gives every date of the range its views, visitors and conversions, zeros included', () => {
    const days = dailyCounts({
      range: { from: '2026-12-01', to: '2026-12-03' },
      timeZone: 'Europe/Kyiv',
      hours: [
        { hour: '2026-11-30T22', views: 3 },
        { hour: '2026-12-01T21', views: 4 },
        { hour: '2026-12-01T22', views: 5 },
      ],
      visitors: [{ day: '2026-12-01', visitors: 2 }],
      conversions: [
        conversion('signup', '2026-12-02'),
        conversion('paid', '2026-12-02'),
        conversion('paid', '2026-12-03'),
      ],
    });
    expect(days).toEqual([
      { date: '2026-12-01', views: 7, visitors: 2, signups: 0, paid: 0 },
      { date: '2026-12-02', views: 5, visitors: 0, signups: 1, paid: 1 },
      { date: '2026-12-03', views: 0, visitors: 0, signups: 0, paid: 1 },
    ]);
  });

  it('keys a range by the UTC hours of the newsroom’s midnights, across a clock change', () => {
    const range = reportRange({
      from: '2026-03-28',
      to: '2026-03-29',
      timeZone: 'Europe/Kyiv',
      now: new Date('2026-04-01T00:00:00Z'),
      maxDays: 366,
    });
    // Kyiv moves from UTC+2 to UTC+3 on 29 March 2026.
    expect(range).toMatchObject({
      fromHour: '2026-03-27T22',
      toHour: '2026-03-29T21',
      fromInstant: '2026-03-27T22:00:00.000Z',
      toInstant: '2026-03-29T21:00:00.000Z',
    });
    const lastWeek = reportRange({
      timeZone: 'UTC',
      now: new Date('2026-01-03T10:00:00Z'),
      maxDays: 366,
    });
    expect(lastWeek).toMatchObject({ from: '2025-12-28', to: '2026-01-03' });
  });
});
