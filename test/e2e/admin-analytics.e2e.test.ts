import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { adminCall } from './admin-api-in-page.js';
import { createStaff, openAdminScreen, signIn, type StaffLogin } from './admin-session.js';
import { describeWithBrowser, saveScreenshot, watchConsoleErrors } from './browser.js';
import { axeViolations, openOk } from './page-checks.js';
import { firstStoryPath } from './reader-pages.js';
import { useSiteInBrowser } from './site-in-browser.js';

// Headless Chromium names itself in its user agent and the beacon drops it as a bot: readers
// here use ordinary browsers' agents (one each, so each is its own visitor).
const desktopAgent = (version: number) =>
  `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version}.0.0.0 Safari/537.36`;
const phoneAgent =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

interface Summary {
  views: number;
  visitors: number;
  topPosts: {
    postId: string;
    title: string | null;
    path: string;
    views: number;
    visitors: number;
  }[];
}

/**
 * Readers visit the site (the page's own beacon counts them); an editor opens Analytics and sees
 * the same totals, a drawn chart, the story on top with its referrer, source and devices, and the
 * story's own numbers in its editor.
 */
describeWithBrowser('Admin: audience analytics', () => {
  const site = useSiteInBrowser();
  let editor: StaffLogin;
  let page: Page;
  let consoleErrors: string[];
  let storyPath: string;
  let storyTitle: string;

  const readerVisit = async (
    path: string,
    userAgent: string,
    options: { referer?: string; phone?: boolean } = {},
  ) => {
    const context = await site.browser.newContext({
      userAgent,
      viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
      isMobile: options.phone ?? false,
    });
    const reader = await context.newPage();
    const hit = reader.waitForRequest(
      (request) => request.url().endsWith('/api/hit') && request.method() === 'POST',
    );
    if (options.referer) await reader.goto(site.server.url(path), { referer: options.referer });
    else await openOk(reader, site.server.url(path));
    await hit;
    // The beacon is sent as the page loads; give it its answer before the tab goes.
    await reader.waitForLoadState('networkidle');
    await context.close();
  };

  beforeAll(async () => {
    editor = await createStaff(site.server, 'editor', 'Analytics Editor');
    storyPath = await firstStoryPath(site);
    await readerVisit(
      `${storyPath}?utm_source=newsletter&utm_medium=email&utm_campaign=winter`,
      desktopAgent(131),
      {
        referer: 'https://news.example.org/front',
      },
    );
    await readerVisit(storyPath, phoneAgent, { phone: true });
    await readerVisit('/', desktopAgent(130));

    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    consoleErrors = watchConsoleErrors(page);
    await signIn(page, site.server, editor);
  });

  it('shows the totals the readers made, a drawn chart and where they came from', async () => {
    // Views are written once a second: wait until all three are counted.
    await expect
      .poll(
        async () =>
          (await adminCall<{ summary: Summary }>(page, 'GET', '/analytics/summary')).summary.views,
        {
          timeout: 15_000,
        },
      )
      .toBe(3);
    const { summary } = await adminCall<{ summary: Summary }>(page, 'GET', '/analytics/summary');
    expect(summary.visitors).toBe(3);
    expect(summary.topPosts[0]).toMatchObject({ path: storyPath, views: 2, visitors: 2 });
    const { post } = await adminCall<{ post: { title: string } }>(
      page,
      'GET',
      `/posts/${summary.topPosts[0]!.postId}`,
    );
    storyTitle = post.title;
    expect(summary.topPosts[0]!.title).toBe(storyTitle);

    // The screen names the top stories from the summary: no request per story.
    const storyRequests: string[] = [];
    page.on('request', (request) => {
      if (/\/api\/admin\/v1\/posts\/[^/?]+$/.test(new URL(request.url()).pathname))
        storyRequests.push(request.url());
    });
    await openAdminScreen(page, 'Analytics');
    const totals = page.getByRole('definition');
    const total = (label: string) =>
      page
        .locator('.analytics-totals > div')
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator('dd');
    await expect.poll(() => total('Views').textContent()).toBe('3');
    expect(await total('Visitors').textContent()).toBe('3');
    expect(await total('Sign-ups').textContent()).toBe('0');
    expect(await total('Paid').textContent()).toBe('0');
    expect(await totals.count()).toBeGreaterThanOrEqual(4);

    // The chart: chart.js has drawn on its canvas (some pixel is not blank), and the numbers are
    // in its text alternative.
    const canvas = page.locator('.analytics-canvas canvas');
    await canvas.waitFor();
    // Evaluated as text: the tests' TypeScript has no DOM types.
    const drawn = `(() => {
      const c = document.querySelector('.analytics-canvas canvas');
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      return data.some((value) => value !== 0);
    })()`;
    await expect.poll(() => page.evaluate(drawn)).toBe(true);
    expect(await canvas.getAttribute('aria-label')).toContain('3 views');
    const hiddenTable = page.locator('.analytics-chart table');
    expect(await hiddenTable.locator('tbody tr').count()).toBe(7);
    expect(await hiddenTable.locator('tbody tr').last().locator('td').first().textContent()).toBe(
      '3',
    );

    const top = page.getByRole('region', { name: 'Top stories' });
    const storyRow = top.getByRole('row').filter({ hasText: storyPath });
    await storyRow.getByRole('link', { name: storyTitle }).waitFor();
    expect(storyRequests).toEqual([]);
    expect(await storyRow.locator('td').allTextContents()).toEqual(['2', '2', '0', '0']);
    expect(await page.getByRole('region', { name: 'Referrers' }).textContent()).toContain(
      'news.example.org',
    );
    expect(await page.getByRole('region', { name: 'Sources (UTM)' }).textContent()).toContain(
      'newsletter / email / winter',
    );
    const devices = await page.getByRole('region', { name: 'Devices' }).textContent();
    expect(devices).toContain('Phone');
    expect(devices).toContain('Desktop');
    const csv = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(csv).toMatch(/^\/api\/admin\/v1\/analytics\/export\.csv\?from=\d{4}-\d{2}-\d{2}&to=/);
    const csvText = await page.evaluate(async (url) => (await fetch(url)).text(), csv!);
    expect(csvText).toContain(storyPath);
    await page.waitForLoadState('networkidle');
    await saveScreenshot(page, 'admin-analytics-1280');
    expect(await axeViolations(page), 'axe (WCAG 2.1 A/AA)').toEqual([]);

    // One day: per hour.
    await page.getByLabel('Today').check();
    await page.getByText('Views per hour', { exact: true }).first().waitFor();
    expect(await hiddenTable.locator('tbody tr').count()).toBe(24);

    // Custom dates: a range ending before it starts is refused before asking the server.
    await page.getByLabel('Custom').check();
    const to = await page.getByLabel('To', { exact: true }).inputValue();
    await page.getByLabel('From', { exact: true }).fill(to);
    await page.getByLabel('To', { exact: true }).fill('2020-01-01');
    await page
      .getByRole('alert')
      .filter({ hasText: 'The last day must not be before the first.' })
      .waitFor();
    await page.getByLabel('To', { exact: true }).fill(to);
    await page.getByText('Views per hour', { exact: true }).first().waitFor();
    await expect.poll(() => total('Views').textContent()).toBe('3');

    // A phone: everything stacks, nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByLabel('Last 7 days').check();
    await expect.poll(() => total('Views').textContent()).toBe('3');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await saveScreenshot(page, 'admin-analytics-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(consoleErrors, 'console errors').toEqual([]);
  });

  it('shows a story’s own numbers in its editor', async () => {
    await openAdminScreen(page, 'Analytics');
    await page
      .getByRole('region', { name: 'Top stories' })
      .getByRole('link', { name: storyTitle })
      .click();
    await page.getByRole('heading', { name: 'Edit story', level: 1 }).waitFor();
    const panel = page.getByRole('region', { name: 'Numbers' });
    const figure = (label: string) =>
      panel
        .locator('.story-numbers > div')
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator('dd');
    await expect.poll(() => figure('Views').textContent()).toBe('2');
    expect(await figure('Visitors').textContent()).toBe('2');
    expect(await figure('Sign-ups').textContent()).toBe('0');
    await panel.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'admin-analytics-story-numbers');
    expect(consoleErrors, 'console errors').toEqual([]);
  });
});
