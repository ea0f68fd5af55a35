import { describe, expect, it } from 'vitest';
import { driveBannerText, driveButtonHref } from './drive-banner-text.js';

const drive = {
  id: 'd1',
  goal: 25_000,
  body: 'Quality journalism takes work.',
  texts: { running: '', reached: 'We made it!' },
};

describe('driveBannerText', () => {
  it('counts in the newsroom locale and falls back to the body while running', () => {
    expect(driveBannerText(drive, { value: 12_480 }, 'en-US')).toEqual({
      count: '12,480 out of 25,000',
      barValue: 12_480,
      percentText: '50 %',
      message: 'Quality journalism takes work.',
      isReached: false,
    });
    expect(driveBannerText(drive, { value: 12_480 }, 'de-DE').count).toBe('12.480 out of 25.000');
  });

  it('says the reached text and caps the bar once the goal is passed', () => {
    const words = driveBannerText(drive, { value: 26_000 }, 'en-US');
    expect(words).toMatchObject({ barValue: 25_000, message: 'We made it!', isReached: true });
    expect(words.percentText).toBe('104 %');
  });

  it('has no count when the count is unknown', () => {
    expect(driveBannerText(drive, undefined, 'en-US')).toMatchObject({
      count: null,
      barValue: null,
      isReached: false,
    });
  });
});

describe('driveButtonHref', () => {
  it('tags site paths with the drive and leaves other sites alone', () => {
    expect(driveButtonHref('/membership/', 'd 1')).toBe('/membership/?campaign=d%201');
    expect(driveButtonHref('/gift/?a=1', 'd1')).toBe('/gift/?a=1&campaign=d1');
    expect(driveButtonHref('https://example.org/', 'd1')).toBe('https://example.org/');
  });
});
