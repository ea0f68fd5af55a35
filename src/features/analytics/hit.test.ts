import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isBotAgent } from './bot-agents.js';
import { deviceClass, pagePath, referrerHost, storySlugOf, toHit, visitorHash } from './hit.js';
import { reportRange } from './report-range.js';

describe('analytics hits', () => {
  it('keeps only site paths, without the query, and reads UTM values from it', () => {
    const page = pagePath('/kyiv-tonight/?utm_source=Telegram&x=1#top');
    expect(page?.path).toBe('/kyiv-tonight/');
    expect(page?.query.get('utm_source')).toBe('Telegram');
    for (const bad of ['kyiv/', '//evil.example/', 'https://evil.example/', '/a b', '/a\\b'])
      expect(pagePath(bad), bad).toBeUndefined();
  });

  it('keeps escaped control characters escaped and drops them from UTM values (PostgreSQL stores no NUL)', () => {
    expect(pagePath('/%D0%BA%D0%B8%D1%97%D0%B2/')?.path).toBe('/київ/');
    expect(pagePath('/a%00b/')?.path).toBe('/a%00b/');
    expect(pagePath('/a%0Ab/')?.path).toBe('/a%0Ab/');
    const page = pagePath('/a/?utm_source=%00News%0Aletter&utm_medium=e%7Fmail')!;
    const hit = toHit({
      beacon: { path: '/a/' },
      page,
      userAgent: undefined,
      siteHost: 'news.example.org',
      visitor: null,
      at: new Date('2026-12-08T10:00:00Z'),
    });
    expect(hit).toMatchObject({ utmSource: 'newsletter', utmMedium: 'email' });
  });

  it('keeps the referrer host only, and none for the site itself', () => {
    expect(referrerHost('https://www.Google.com/search?q=secret', 'news.example.org')).toBe(
      'google.com',
    );
    expect(referrerHost('https://news.example.org/other/', 'news.example.org')).toBe('');
    expect(referrerHost('android-app://org.telegram', 'news.example.org')).toBe('');
    expect(referrerHost('not a url', 'news.example.org')).toBe('');
  });

  it('classifies devices and bots from the user agent', () => {
    expect(
      deviceClass('Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Mobile/15E148'),
    ).toBe('mobile');
    expect(deviceClass('Mozilla/5.0 (Linux; Android 14; SM-X710) Safari/537.36')).toBe('tablet');
    expect(deviceClass('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0')).toBe('desktop');
    expect(deviceClass(undefined)).toBe('other');
    for (const bot of [
      'Googlebot/2.1',
      'curl/8.5.0',
      'python-requests/2.32',
      'Mozilla/5.0 HeadlessChrome/120',
      undefined,
      '',
    ])
      expect(isBotAgent(bot), String(bot)).toBe(true);
    expect(
      isBotAgent('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'),
    ).toBe(false);
  });

  it('hashes a visitor differently on another day (salt) and never contains the inputs', () => {
    const base = { ip: '203.0.113.7', userAgent: 'Firefox/133.0', siteHost: 'news.example.org' };
    const monday = visitorHash({ ...base, salt: 'salt-1' });
    expect(visitorHash({ ...base, salt: 'salt-1' })).toBe(monday);
    expect(visitorHash({ ...base, salt: 'salt-2' })).not.toBe(monday);
    expect(monday).not.toContain('203');
    // The same digest as before the one-shot hash: a deploy mid-day counts nobody twice.
    expect(monday).toBe(
      createHash('sha256')
        .update('salt-1\n203.0.113.7\nFirefox/133.0\nnews.example.org')
        .digest('base64url')
        .slice(0, 22),
    );
  });

  it('names story slugs and turns newsroom dates into stored hours', () => {
    expect(storySlugOf('/kyiv-tonight/')).toBe('kyiv-tonight');
    expect(storySlugOf('/tag/war/')).toBeUndefined();
    const range = reportRange({
      from: '2026-12-01',
      to: '2026-12-02',
      timeZone: 'Europe/Kyiv',
      now: new Date(),
      maxDays: 366,
    });
    expect(range).toMatchObject({ fromHour: '2026-11-30T22', toHour: '2026-12-02T22' });
    expect(() =>
      reportRange({
        from: '2026-01-01',
        to: '2027-06-01',
        timeZone: 'UTC',
        now: new Date(),
        maxDays: 366,
      }),
    ).toThrow(/at most 366 days/);
  });
});
