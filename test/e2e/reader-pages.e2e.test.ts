import { expect, it } from 'vitest';
import { describeWithBrowser, saveScreenshot, watchConsoleErrors } from './browser.js';
import { useSiteInBrowser } from './site-in-browser.js';
import { axeViolations, htmlErrors, openOk } from './page-checks.js';
import { readerPages } from './reader-pages.js';

describeWithBrowser('reader pages: WCAG 2.1 AA, valid HTML, clean console', () => {
  const site = useSiteInBrowser();

  for (const readerPage of readerPages) {
    it(readerPage.name, async () => {
      const path = await readerPage.path(site);
      const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
      try {
        const consoleErrors = watchConsoleErrors(page);
        const response = await openOk(page, site.server.url(path));
        const html = await response.text();
        await saveScreenshot(page, `reader-${readerPage.name}`);

        // Soft: one run reports all three kinds of problem on the page, not just the first.
        const label = `${readerPage.name} (${path})`;
        expect.soft(await axeViolations(page), `axe-core WCAG 2.1 A/AA on ${label}`).toEqual([]);
        expect.soft(await htmlErrors(html, path), `html-validate on ${label}`).toEqual([]);
        expect.soft(consoleErrors, `console errors on ${label}`).toEqual([]);

        // Dark mode keeps text at AA contrast too (prefers-color-scheme: dark).
        await page.emulateMedia({ colorScheme: 'dark' });
        expect.soft(await axeViolations(page), `axe-core in dark mode on ${label}`).toEqual([]);
        await saveScreenshot(page, `reader-${readerPage.name}-dark`);
      } finally {
        await page.close();
      }
    });
  }

  it('home: on a phone the News Feed comes right after the lead; gated cards say "Members"', async () => {
    const page = await site.browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      const consoleErrors = watchConsoleErrors(page);
      await openOk(page, site.server.url('/'));
      const box = async (selector: string) => {
        const found = await page.locator(selector).first().boundingBox();
        if (!found) throw new Error(`${selector} is not on the page`);
        return found;
      };
      const lead = await box('main .home-lead');
      const feed = await box('main .news-feed-column');
      const top = await box('main .top-stories');
      expect(feed.y, 'feed below the lead').toBeGreaterThanOrEqual(lead.y + lead.height - 1);
      expect(top.y, 'top stories below the feed').toBeGreaterThanOrEqual(feed.y + feed.height - 1);
      const label = page.locator('main .gate-label').first();
      expect(await label.isVisible()).toBe(true);
      expect(await label.textContent()).toMatch(/^(Members|Paid members)$/);
      await saveScreenshot(page, 'reader-home-390');
      // On a wide screen the feed is a column beside the lead and the top stories.
      await page.setViewportSize({ width: 1280, height: 900 });
      const wideLead = await box('main .home-lead');
      const wideFeed = await box('main .news-feed-column');
      expect(wideFeed.x).toBeGreaterThan(wideLead.x + wideLead.width - 1);
      expect(Math.abs(wideFeed.y - wideLead.y)).toBeLessThan(5);
      await saveScreenshot(page, 'reader-home-1280');
      expect(consoleErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
