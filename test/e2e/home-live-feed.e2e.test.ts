import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeWithBrowser, saveScreenshot, watchConsoleErrors } from './browser.js';
import { axeViolations, openOk } from './page-checks.js';
import { useSiteInBrowser } from './site-in-browser.js';
import { queryOne } from './site-server.js';

// Headless Chromium names itself in its user agent and the beacon drops it as a bot: readers
// here use ordinary browsers' agents (one each, so each is its own visitor).
const agent = (version: number) =>
  `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version}.0.0.0 Safari/537.36`;

/** The element's box lies (at least partly) inside the window. */
const isInView = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const box = (globalThis as any).document.querySelector(s)?.getBoundingClientRect();
    return Boolean(box && box.bottom > 0 && box.top < (globalThis as any).innerHeight);
  }, selector);

/**
 * A reader's home page on the demo newsroom: the News Feed carries the live page's key events
 * (leading to the update in its place), and "Most read" numbers what readers read, most first.
 */
describeWithBrowser('Home: live key events in the News Feed, and Most read', () => {
  const site = useSiteInBrowser();

  const readerVisit = async (path: string, userAgent: string) => {
    const context = await site.browser.newContext({
      userAgent,
      viewport: { width: 1280, height: 900 },
    });
    const reader = await context.newPage();
    const hit = reader.waitForRequest(
      (request) => request.url().endsWith('/api/hit') && request.method() === 'POST',
    );
    await openOk(reader, site.server.url(path));
    await hit;
    // The beacon is sent as the page loads; give it its answer before the tab goes.
    await reader.waitForLoadState('networkidle');
    await context.close();
  };

  it('shows key events linking into the live page, and the stories readers read most', async () => {
    // Readers first (nobody has opened the home page yet): two read one story, one another.
    const stories = ['0', '1'].map((offset) => {
      const row = queryOne<{ slug: string; title: string }>(
        site.server,
        `select slug, title from posts where kind = 'article' and status = 'published'
          order by published_at desc limit 1 offset ${offset}`,
      );
      if (!row) throw new Error('the demo newsroom has no two published articles');
      return row;
    });
    const [most, next] = stories as [(typeof stories)[0], (typeof stories)[0]];
    await readerVisit(`/${most.slug}/`, agent(131));
    await readerVisit(`/${most.slug}/`, agent(130));
    await readerVisit(`/${next.slug}/`, agent(129));
    // Views are written once a second: wait until all three are in the hourly rollup.
    await expect
      .poll(
        () =>
          queryOne<{ views: number }>(
            site.server,
            'select coalesce(sum(views), 0) as views from analytics_path_hours',
          )?.views,
        { timeout: 15_000 },
      )
      .toBe(3);

    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      const consoleErrors = watchConsoleErrors(page);
      await openOk(page, site.server.url('/'));
      const box = page.locator('main .news-feed-column .most-read');
      expect(await box.locator('h2').textContent()).toBe('Most read');
      const links = box.locator('ol.most-read-list > li > a');
      expect(await links.evaluateAll((as: any[]) => as.map((a) => a.getAttribute('href')))).toEqual(
        [`/${most.slug}/`, `/${next.slug}/`],
      );
      expect(await links.first().textContent()).toBe(most.title);
      // The number beside each is drawn by the list's counter.
      const number = await box
        .locator('li')
        .first()
        .evaluate(
          (li: any) => (globalThis as any).getComputedStyle(li, '::before').content as string,
        );
      expect(number).toMatch(/counter\(most-read\)|"1"/);

      const keyEvent = page.locator('main .news-feed-column li.feed-key-event').first();
      expect(await keyEvent.count(), 'a key event in the home News Feed').toBe(1);
      expect(await keyEvent.locator('.live-label').textContent()).toBe('Live');
      expect(await keyEvent.locator('.feed-context').textContent()).toMatch(/^Key event · .+live/);
      const href = (await keyEvent.locator('a').getAttribute('href')) ?? '';
      expect(href).toMatch(/^\/[a-z0-9-]+\/#update-[0-9a-f-]{36}$/);
      expect(await axeViolations(page)).toEqual([]);
      await saveScreenshot(page, 'home-key-events-most-read-1280');

      await Promise.all([
        page.waitForURL((u) => u.hash.startsWith('#update-')),
        keyEvent.locator('a').click(),
      ]);
      const anchor = `#${href.split('#')[1]}`;
      await page.locator(anchor).waitFor();
      expect(await page.locator(`${anchor} .live-key`).textContent()).toBe('Key event');
      expect(await isInView(page, anchor), 'the update is in view').toBe(true);
      await saveScreenshot(page, 'live-page-from-key-event');
      expect(consoleErrors, 'console errors').toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('/news/ on a phone: the key events between the briefs, with their context', async () => {
    const page = await site.browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      const consoleErrors = watchConsoleErrors(page);
      await openOk(page, site.server.url('/news/'));
      const items = page.locator('main ol.feed-list > li.feed-key-event');
      expect(await items.count()).toBeGreaterThanOrEqual(1);
      const first = items.first();
      expect(await first.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(await first.locator('.feed-context').isVisible()).toBe(true);
      await first.scrollIntoViewIfNeeded();
      await saveScreenshot(page, 'news-feed-key-events-390');
      expect(consoleErrors, 'console errors').toEqual([]);
    } finally {
      await page.close();
    }
  });
});
