import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeWithBrowser,
  launchBrowser,
  saveScreenshot,
  watchConsoleErrors,
} from './browser.js';
import { axeViolations, htmlErrors, openOk } from './page-checks.js';
import { readerPages } from './reader-pages.js';
import { startSiteServer, type SiteServer } from './site-server.js';

describeWithBrowser('reader pages: WCAG 2.1 AA, valid HTML, clean console', () => {
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

  for (const readerPage of readerPages) {
    it(readerPage.name, async () => {
      const path = await readerPage.path({ server, browser });
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      try {
        const consoleErrors = watchConsoleErrors(page);
        const response = await openOk(page, server.url(path));
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
});
