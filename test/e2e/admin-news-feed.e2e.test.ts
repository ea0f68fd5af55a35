import { expect, it } from 'vitest';
import { describeWithBrowser, saveScreenshot, watchConsoleErrors } from './browser.js';
import { useSiteInBrowser } from './site-in-browser.js';
import { demoOwner } from './admin-session.js';
import { openOk } from './page-checks.js';
import { testJpeg } from './test-images.js';

describeWithBrowser('Admin: post to the News Feed', () => {
  const site = useSiteInBrowser();

  it('signs in, publishes a brief and shows it first on /news/', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      const consoleErrors = watchConsoleErrors(page);
      // The reader page is cached before the brief exists: publishing must drop it.
      await openOk(page, site.server.url('/news/'));

      const owner = demoOwner(site.server);
      await openOk(page, site.server.url('/admin/'));
      await page.getByLabel('Email').fill(owner.email);
      await page.getByLabel('Password').fill(owner.password);
      await saveScreenshot(page, 'admin-sign-in');
      await page.getByRole('button', { name: 'Sign in' }).click();

      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
      await page
        .getByRole('navigation', { name: 'Admin' })
        .getByRole('link', { name: 'Stories' })
        .click();
      await page.getByRole('heading', { name: 'Stories', level: 1 }).waitFor();
      await page.locator('.story-row').first().waitFor();
      await saveScreenshot(page, 'admin-stories');

      await page
        .getByRole('navigation', { name: 'Admin' })
        .getByRole('link', { name: 'News Feed' })
        .click();
      await page.getByRole('heading', { name: 'News Feed', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/admin/news-feed/new');

      // An empty form is refused in the browser, with focus on the first problem.
      await page.getByRole('button', { name: 'Publish now' }).click();
      await expect
        .poll(() =>
          page.evaluate(() => (globalThis as any).document.activeElement?.id as string | undefined),
        )
        .toBe('brief-title');
      expect(await page.locator('#brief-title-error').textContent()).toBe('Write a headline.');
      // The headline field stops at the API's limit (300 characters, from the shared schema).
      await page.getByLabel('Headline').fill('x'.repeat(301));
      expect(await page.getByLabel('Headline').inputValue()).toHaveLength(300);

      const headline = `Bridge reopens after repairs ${Date.now().toString(36)}`;
      await page.getByLabel('Headline').fill(headline);
      await page
        .getByLabel('Text')
        .fill(
          'The river bridge reopened to traffic this morning.\nBuses run on their usual routes.',
        );
      await page.getByLabel('Link (optional)').fill('https://example.org/bridge');
      await page.getByLabel('Photo (optional)').setInputFiles(await testJpeg('bridge.jpg'));
      await page.getByLabel('Photo description (alt text)').fill('Cars cross the reopened bridge');
      await page.getByLabel('Photo credit (optional)').fill('Photo: the newsroom');
      await saveScreenshot(page, 'admin-news-feed-composer');
      await page.getByRole('button', { name: 'Publish now' }).click();

      const briefLink = page.getByRole('link', { name: 'Read the brief on the site' });
      await briefLink.waitFor();
      await saveScreenshot(page, 'admin-news-feed-published');
      const briefUrl = await briefLink.getAttribute('href');
      expect(briefUrl).toBeTruthy();

      await openOk(page, site.server.url('/news/'));
      const first = page.locator('main ol.feed-list > li.feed-item').first();
      expect(await first.locator('a').first().textContent()).toBe(headline);
      await saveScreenshot(page, 'admin-news-feed-on-site');

      await openOk(page, new URL(briefUrl!, site.server.origin).href);
      expect(await page.locator('h1').first().textContent()).toContain(headline);
      expect(await page.locator('a[href="https://example.org/bridge"]').count()).toBeGreaterThan(0);
      // The photo went up to the media library and shows in the brief with its credit.
      await page.locator('img[alt="Cars cross the reopened bridge"]').first().waitFor();
      expect(await page.locator('main').textContent()).toContain('Photo: the newsroom');

      // The session outlives a reload; the new brief heads the stories list; Sign out ends it.
      await openOk(page, site.server.url('/admin/stories'));
      await page.getByRole('heading', { name: 'Stories', level: 1 }).waitFor();
      await page.locator('.story-row').first().waitFor();
      expect(await page.locator('.story-row a.story-title').first().textContent()).toBe(headline);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to Masthead' }).waitFor();

      expect(consoleErrors, 'console errors').toEqual([]);
    } finally {
      await page.close();
    }
  });
});
