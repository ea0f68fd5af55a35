import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeWithBrowser, saveScreenshot } from './browser.js';
import { useSiteInBrowser } from './site-in-browser.js';
import type { SiteServer } from './site-server.js';
import { assertOk, openOk } from './page-checks.js';

/** Where a story's lead image is, most specific first. */
const leadImageSelector = 'main .lead-image img, main article figure img, main figure img';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Opens the home page and clicks the first story link, as a reader would. */
async function openFirstStory(page: Page, server: SiteServer): Promise<void> {
  await openOk(page, server.url('/'));
  const link = page.locator('main article a[href^="/"]').first();
  const href = await link.getAttribute('href');
  expect(href, 'a story link on the home page (main article a[href])').toBeTruthy();
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame(),
    ),
    link.click(),
  ]);
  assertOk(response, server.url(href ?? '/'));
  await page.waitForLoadState('load');
}

const documentWidths = (page: Page) =>
  page.evaluate(() => {
    const root = (globalThis as any).document.documentElement;
    return { scrollWidth: root.scrollWidth as number, clientWidth: root.clientWidth as number };
  });

describeWithBrowser('story layout', () => {
  const site = useSiteInBrowser();

  for (const viewport of [
    { width: 375, height: 800 },
    { width: 1280, height: 900 },
  ]) {
    it(`at ${viewport.width}×${viewport.height}: visible headline, sized lead image, no overflow`, async () => {
      const context = await site.browser.newContext({ viewport });
      const page = await context.newPage();
      try {
        await openFirstStory(page, site.server);
        await saveScreenshot(page, `story-${viewport.width}x${viewport.height}`);

        const h1 = page.locator('h1').first();
        expect(await h1.isVisible(), 'the story has a visible h1').toBe(true);
        const h1Box = await h1.boundingBox();
        expect(h1Box, 'the h1 has a layout box').not.toBeNull();
        if (!h1Box) return;
        expect(h1Box.x, 'the h1 starts inside the viewport').toBeGreaterThanOrEqual(0);
        expect(h1Box.x + h1Box.width, 'the h1 ends inside the viewport').toBeLessThanOrEqual(
          viewport.width,
        );

        const image = page.locator(leadImageSelector).first();
        expect(await image.count(), `a lead image (${leadImageSelector})`).toBe(1);
        const width = await image.getAttribute('width');
        const height = await image.getAttribute('height');
        expect(width, 'the lead image has a numeric width attribute').toMatch(/^\d+$/);
        expect(height, 'the lead image has a numeric height attribute').toMatch(/^\d+$/);
        const imageBox = await image.boundingBox();
        expect(imageBox, 'the lead image has a layout box').not.toBeNull();
        const { scrollWidth, clientWidth } = await documentWidths(page);
        if (imageBox) {
          expect(imageBox.x, 'the lead image starts inside the page').toBeGreaterThanOrEqual(0);
          expect(
            imageBox.x + imageBox.width,
            'the lead image ends inside the page',
          ).toBeLessThanOrEqual(clientWidth + 0.5);
        }
        expect(scrollWidth, 'the page does not scroll sideways').toBeLessThanOrEqual(clientWidth);

        if (viewport.width === 375) {
          const banner = page.locator('.drive-banner').first();
          if ((await banner.count()) > 0 && (await banner.isVisible())) {
            const bannerBox = await banner.boundingBox();
            expect(
              bannerBox && overlaps(bannerBox, h1Box),
              `the membership banner ${JSON.stringify(bannerBox)} covers the h1 ${JSON.stringify(h1Box)}`,
            ).toBeFalsy();
          }
        }
      } finally {
        await context.close();
      }
    });
  }
});
