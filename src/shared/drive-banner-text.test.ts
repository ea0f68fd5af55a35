import { describe, expect, it } from 'vitest';
import { driveBannerText, driveButtonHref, driveButtonProblem } from './drive-banner-text.js';
import { driveMessageProblem } from './drive-message.js';

const drive = {
  id: 'd1',
  goal: 25_000,
  headline: 'Help us reach {goal, number} members',
  body: 'Quality journalism takes work.',
  texts: { running: '', reached: 'We made it!' },
  endsAt: '2026-12-31T22:59:59.000Z',
};
const en = { locale: 'en-US' };

describe('driveBannerText', () => {
  it('counts in the newsroom locale and falls back to the body while running', () => {
    expect(driveBannerText(drive, { value: 12_480 }, en)).toEqual({
      count: '12,480 out of 25,000',
      barValue: 12_480,
      barPercent: 49.9,
      percentText: '50 %',
      headline: 'Help us reach 25,000 members',
      message: 'Quality journalism takes work.',
      isReached: false,
    });
    expect(driveBannerText(drive, { value: 12_480 }, { locale: 'de-DE' }).count).toBe(
      '12.480 out of 25.000',
    );
  });

  it('says the reached text and caps the bar once the goal is passed', () => {
    const words = driveBannerText(drive, { value: 26_000 }, en);
    expect(words).toMatchObject({ barValue: 25_000, message: 'We made it!', isReached: true });
    expect(words.percentText).toBe('104 %');
  });

  it('has no count when the count is unknown', () => {
    expect(driveBannerText(drive, undefined, en)).toMatchObject({
      count: null,
      barValue: null,
      isReached: false,
    });
  });
});

describe('drive messages (ICU MessageFormat)', () => {
  const messages = {
    ...drive,
    headline: 'Help us reach {goal, number} members by {deadline, date, long}',
    texts: {
      running:
        '{remaining, plural, one {One more member} other {# more members}} and we are there: {count, number} so far.',
      reached: 'We reached {goal, number}. Thank you!',
    },
  };

  it('follows the goal: 500 instead of 25,000 leaves no 25,000 behind', () => {
    const big = driveBannerText(messages, { value: 3 }, { locale: 'en-US', timeZone: 'UTC' });
    expect(big.headline).toBe('Help us reach 25,000 members by December 31, 2026');
    const small = driveBannerText(
      { ...messages, goal: 500 },
      { value: 499 },
      { locale: 'en-US', timeZone: 'UTC' },
    );
    expect(small.headline).toBe('Help us reach 500 members by December 31, 2026');
    expect(small.message).toBe('One more member and we are there: 499 so far.');
    expect(JSON.stringify(small)).not.toContain('25,000');
  });

  it('uses the newsroom locale and time zone', () => {
    // 22:59 UTC on Dec 31 is already Jan 1 in Kyiv.
    const words = driveBannerText(
      { ...messages, endsAt: '2026-12-31T22:59:59.000Z' },
      { value: 1234 },
      { locale: 'de-DE', timeZone: 'Europe/Kyiv' },
    );
    expect(words.headline).toBe('Help us reach 25.000 members by 1. Januar 2027');
    expect(words.message).toContain('23.766 more members');
  });

  it('shows a sliver of the bar at small numbers, none at zero', () => {
    expect(driveBannerText(drive, { value: 3 }, en).barPercent).toBe(2);
    expect(driveBannerText(drive, { value: 0 }, en).barPercent).toBe(0);
    expect(driveBannerText(drive, { value: 30_000 }, en).barPercent).toBe(100);
  });
});

describe('driveMessageProblem', () => {
  it('accepts placeholders and plain text, refuses broken and unknown ones', () => {
    expect(
      driveMessageProblem('Help us reach {goal, number} by {deadline, date, long}'),
    ).toBeNull();
    expect(
      driveMessageProblem("We're close: {remaining, plural, one {#} other {#}} to go"),
    ).toBeNull();
    expect(driveMessageProblem('Help us reach {goal, number')).toMatch(/not a valid message/);
    expect(driveMessageProblem('Help us reach {target}')).toMatch(/unknown placeholder \{target\}/);
    expect(driveMessageProblem('{count, plural, one {# {membres}} other {#}}')).toMatch(
      /unknown placeholder \{membres\}/,
    );
  });
});

describe('driveButtonProblem', () => {
  it('flags gift and billing buttons while paid membership is off', () => {
    const off = { isPaidEnabled: false };
    expect(driveButtonProblem('/membership/gift/', off)).toMatch(/Paid membership is off/);
    expect(driveButtonProblem('/account/billing/', off)).toMatch(/Paid membership is off/);
    expect(driveButtonProblem('/membership/', off)).toBeNull();
    expect(driveButtonProblem('/membership/gift/', { isPaidEnabled: true })).toBeNull();
  });
});

describe('driveButtonHref', () => {
  it('tags site paths with the drive and leaves other sites alone', () => {
    expect(driveButtonHref('/membership/', 'd 1')).toBe('/membership/?campaign=d%201');
    expect(driveButtonHref('/gift/?a=1', 'd1')).toBe('/gift/?a=1&campaign=d1');
    expect(driveButtonHref('https://example.org/', 'd1')).toBe('https://example.org/');
  });
});
