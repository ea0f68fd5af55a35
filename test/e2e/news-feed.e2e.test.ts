import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeWithBrowser, saveScreenshot, watchConsoleErrors } from './browser.js';
import { useSiteInBrowser } from './site-in-browser.js';
import { openOk } from './page-checks.js';

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
  const site = useSiteInBrowser();

  it(`appends the next ${pageSize} items in place, without repeating any`, async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      const consoleErrors = watchConsoleErrors(page);
      await openOk(page, site.server.url('/news/'));
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

  it('keeps the loaded items and the scroll position on Back (?through= in the address)', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      const consoleErrors = watchConsoleErrors(page);
      await openOk(page, site.server.url('/news/'));
      const first = await itemKeys(page);
      await page.locator(showMoreSelector).first().click();
      await page.waitForURL(/\/news\/\?through=/, { timeout: 10_000 });
      await page.waitForFunction(
        ({ selector, count }) =>
          (globalThis as any).document.querySelectorAll(selector).length >= count,
        { selector: itemSelector, count: first.length + pageSize },
      );
      const loaded = await itemKeys(page);
      // Scroll to an item of the second page and follow it.
      const target = page.locator(`${itemSelector} a`).nth(first.length + 10);
      await target.scrollIntoViewIfNeeded();
      await page.evaluate(() => (globalThis as any).scrollBy(0, -200));
      const scrollY = await page.evaluate(() => (globalThis as any).scrollY as number);
      expect(scrollY).toBeGreaterThan(500);
      await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/news/')), target.click()]);
      await page.goBack();
      await page.waitForURL(/\/news\/\?through=/);
      await page.waitForFunction(
        ({ selector, count }) =>
          (globalThis as any).document.querySelectorAll(selector).length >= count,
        { selector: itemSelector, count: loaded.length },
        { timeout: 10_000 },
      );
      expect(await itemKeys(page), 'every loaded item is back, in order').toEqual(loaded);
      await expect
        .poll(() => page.evaluate(() => (globalThis as any).scrollY as number))
        .toBeGreaterThan(scrollY - 150);
      await saveScreenshot(page, 'news-feed-back');
      expect(consoleErrors, 'console errors').toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('heads each day with its date, and says "Today" and "Yesterday" in the browser', async () => {
    const page = await site.browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      const consoleErrors = watchConsoleErrors(page);
      // The server's dates, as a cache or mirror keeps them. Late in the day the demo's first
      // page can hold one day only, so follow Show More to the first page that turns a day.
      let path = '/news/';
      let days: string[] = [];
      for (let pages = 0; pages < 10; pages += 1) {
        const html = await (await fetch(site.server.url(path))).text();
        days = [...html.matchAll(/<li class="feed-day" data-day="([\d-]+)"/g)].map((m) => m[1]!);
        const next = /<a[^>]*class="show-more"[^>]*href="([^"]+)"/.exec(html)?.[1];
        if (days.length > 1 || !next) break;
        path = next.replaceAll('&amp;', '&');
      }
      expect(days.length, `day headings on ${path}`).toBeGreaterThan(1);
      const [today, second] = days;
      const dayBefore = new Date(`${today}T12:00:00Z`);
      dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
      // The reader's clock: midday on the newest item's day, in the newsroom's zone.
      await page.clock.setFixedTime(new Date(`${today}T10:00:00Z`));
      await openOk(page, site.server.url(path));
      const headings = page.locator('main .feed-day-heading time');
      await expect.poll(() => headings.first().textContent()).toBe('Today');
      expect(await headings.first().getAttribute('datetime')).toBe(today);
      const secondText = await headings.nth(1).textContent();
      if (second === dayBefore.toISOString().slice(0, 10)) expect(secondText).toBe('Yesterday');
      else expect(secondText).toMatch(/^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}$/);
      // A later day: the same page (as cached) now shows absolute dates only.
      await page.clock.setFixedTime(new Date(`${today}T10:00:00Z`).getTime() + 9 * 86_400_000);
      await page.reload();
      expect(await headings.first().textContent()).toMatch(
        /^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}$/,
      );
      await saveScreenshot(page, 'news-feed-days-390');
      expect(consoleErrors, 'console errors').toEqual([]);
    } finally {
      await page.close();
    }
  });
});
