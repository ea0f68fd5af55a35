import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeWithBrowser,
  launchBrowser,
  saveScreenshot,
  watchConsoleErrors,
} from './browser.js';
import { openOk } from './page-checks.js';
import { startSiteServer, type SiteServer } from './site-server.js';

/** The markup contract with the feed page: `<ol class="feed-list"><li class="feed-item">`. */
const itemSelector = 'main ol.feed-list > li.feed-item';
const showMoreSelector = 'main a.show-more';
const pageSize = 20;

/** Each item's identity: its `data-id`, or its link when it has none. */
const itemKeys = (page: Page) =>
  page
    .locator(itemSelector)
    .evaluateAll((items: any[]) =>
      items.map(
        (item) =>
          (item.getAttribute('data-id') as string | null) ??
          (item.querySelector('a')?.getAttribute('href') as string | null) ??
          '',
      ),
    );

describeWithBrowser('News Feed: Show More', () => {
  let server: SiteServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startSiteServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(`appends the next ${pageSize} items in place, without repeating any`, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      const consoleErrors = watchConsoleErrors(page);
      await openOk(page, server.url('/news/'));
      const before = await itemKeys(page);
      expect(before.length, `items on /news/ (${itemSelector})`).toBeGreaterThan(0);

      const showMore = page.locator(showMoreSelector).first();
      expect(await showMore.count(), `a Show More link (${showMoreSelector})`).toBe(1);
      expect(await showMore.getAttribute('href')).toMatch(/^\/news\/\?before=/);

      // A marker that a full page load would wipe: Show More must append, not navigate.
      await page.evaluate(() => ((globalThis as any).__e2eSamePage = true));
      await showMore.click();
      await page
        .waitForFunction(
          ({ selector, count }) =>
            (globalThis as any).document.querySelectorAll(selector).length >= count,
          { selector: itemSelector, count: before.length + pageSize },
          { timeout: 10_000 },
        )
        .catch(() => undefined); // The assertions below say what went wrong.
      const isSamePage = await page.evaluate(() => (globalThis as any).__e2eSamePage === true);
      expect(isSamePage, 'Show More appended in place (no full page load)').toBe(true);

      const after = await itemKeys(page);
      await saveScreenshot(page, 'news-feed-show-more');
      expect(after.length, 'items after Show More').toBe(before.length + pageSize);
      expect(after.slice(0, before.length), 'the first items stay in place').toEqual(before);
      const duplicates = after.filter((key, index) => after.indexOf(key) !== index);
      expect(duplicates, 'items shown twice').toEqual([]);
      expect(consoleErrors, 'console errors').toEqual([]);
    } finally {
      await page.close();
    }
  });
});
