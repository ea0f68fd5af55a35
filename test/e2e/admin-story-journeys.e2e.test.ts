import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { toZonedInput } from '../../src/shared/zoned-time.js';
import {
  createStaff,
  signIn,
  storyBody as body,
  storySaved as saved,
  type StaffLogin,
} from './admin-session.js';
import { testJpeg } from './test-images.js';
import { describeWithBrowser, saveScreenshot, watchConsoleErrors } from './browser.js';
import { useSiteInBrowser } from './site-in-browser.js';
import { axeViolations, openOk } from './page-checks.js';

/** The newsroom's time zone, as the admin reads it. */
const newsroomZone = (page: Page) =>
  page.evaluate(async () => {
    const answer = await fetch('/api/admin/v1/settings', { credentials: 'same-origin' });
    return ((await answer.json()) as { settings: { timezone: string } }).settings.timezone;
  });

describeWithBrowser('Admin: writing, reviewing and scheduling a story', () => {
  const site = useSiteInBrowser();
  let contributor: StaffLogin;
  let editor: StaffLogin;
  let secondEditor: StaffLogin;

  beforeAll(async () => {
    contributor = await createStaff(site.server, 'contributor', 'Olena Marchuk');
    editor = await createStaff(site.server, 'editor', 'Dmytro Savchenko');
    secondEditor = await createStaff(site.server, 'editor', 'Iryna Koval');
  });

  it('journey 1: a contributor submits a story with a photo; an editor schedules it; it appears on / and /news/', async () => {
    const headline = `Ferry service resumes on the southern route ${Date.now().toString(36)}`;
    const writer = await site.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const writerErrors = watchConsoleErrors(writer);
    await signIn(writer, site.server, contributor);
    await writer
      .getByRole('navigation', { name: 'Admin' })
      .getByRole('link', { name: 'Stories' })
      .click();
    await writer.getByRole('link', { name: 'New story' }).click();
    await writer.getByRole('heading', { name: 'New story', level: 1 }).waitFor();

    await writer.getByLabel('Headline', { exact: true }).fill(headline);
    await writer.getByLabel('Dek', { exact: true }).fill('Crossings run twice a day from Monday.');
    await body(writer).click();
    await writer.keyboard.type('The first ferry left the harbour at seven in the morning.');
    await writer.keyboard.press('Enter');
    await writer.keyboard.type('Passengers waited on the pier for more than an hour.');

    // The photo goes into the body through the editor's upload, with its caption and credit.
    await writer
      .locator('input[type=file][aria-label="Upload an image"]')
      .setInputFiles(await testJpeg('pier.jpg'));
    const figure = writer
      .locator('.story-body-field figure, .story-body-field [data-node="figure"]')
      .first();
    await writer.getByLabel('Alt text', { exact: true }).first().waitFor({ timeout: 20_000 });
    await writer
      .getByLabel('Alt text', { exact: true })
      .first()
      .fill('Passengers queue on the pier');
    await writer
      .getByLabel('Caption', { exact: true })
      .first()
      .fill('Passengers wait for the first ferry.');
    await writer.getByLabel('Credit', { exact: true }).first().fill('Photo: Olena Marchuk');
    expect(await figure.count()).toBeGreaterThan(0);
    await saved(writer);
    await saveScreenshot(writer, 'admin-story-contributor-draft');

    // A contributor cannot publish: the only way on is review.
    expect(await writer.getByRole('button', { name: 'Publish now' }).count()).toBe(0);
    await writer.getByRole('button', { name: 'Submit for review' }).click();
    await writer.locator('.badge.status-in_review').first().waitFor();
    await saveScreenshot(writer, 'admin-story-submitted');
    expect(await axeViolations(writer), 'axe on the editor').toEqual([]);
    // On a tablet the editor fits the width: no sideways scrolling.
    await writer.setViewportSize({ width: 768, height: 1024 });
    expect(
      await writer.evaluate(() => {
        const root = (globalThis as any).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      }),
    ).toBeLessThanOrEqual(0);
    await saveScreenshot(writer, 'admin-story-tablet');
    const storyPath = new URL(writer.url()).pathname;
    expect(storyPath).toMatch(/^\/admin\/stories\/[^/]+$/);
    expect(writerErrors, 'console errors (contributor)').toEqual([]);
    await writer.close();

    // The editor finds it in review, edits the headline and schedules it a few seconds ahead.
    const desk = await site.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const deskErrors = watchConsoleErrors(desk);
    await signIn(desk, site.server, editor);
    await openOk(desk, site.server.url('/admin/stories?status=in_review'));
    await desk.getByRole('link', { name: headline }).click();
    await desk.getByRole('heading', { name: 'Edit story', level: 1 }).waitFor();
    const finalHeadline = `${headline}, officials say`;
    await desk.getByLabel('Headline', { exact: true }).fill(finalHeadline);
    await saved(desk);
    const zone = await newsroomZone(desk);
    const at = new Date(Math.ceil((Date.now() + 8_000) / 1000) * 1000);
    await desk
      .getByLabel('Publish at')
      .fill(toZonedInput(at, zone) + `:${String(at.getUTCSeconds()).padStart(2, '0')}`);
    await desk.getByRole('button', { name: 'Schedule' }).click();
    await desk.locator('.badge.status-scheduled').first().waitFor();
    await saveScreenshot(desk, 'admin-story-scheduled');
    expect(deskErrors, 'console errors (editor)').toEqual([]);

    // Published by the server's scheduler: first on the home page and the News Feed.
    const reader = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await expect
      .poll(
        async () => {
          const home = await fetch(site.server.url('/'));
          return (await home.text()).includes(finalHeadline.replace(/,/g, ','));
        },
        { timeout: 40_000, interval: 1_000 },
      )
      .toBe(true);
    await openOk(reader, site.server.url('/news/'));
    expect(await reader.locator('main').textContent()).toContain(finalHeadline);
    await saveScreenshot(reader, 'admin-story-on-news');
    await openOk(reader, site.server.url('/'));
    expect(await reader.locator('main').textContent()).toContain(finalHeadline);
    await saveScreenshot(reader, 'admin-story-on-home');
    await reader.getByRole('link', { name: finalHeadline }).first().click();
    await reader.locator('h1').filter({ hasText: finalHeadline }).waitFor();
    const caption = await reader.locator('.story-body figcaption').first().textContent();
    expect(caption).toContain('Passengers wait for the first ferry.');
    expect(caption).toContain('Photo: Olena Marchuk');
    expect(
      await reader.locator('.story-body img[alt="Passengers queue on the pier"]').count(),
    ).toBe(1);
    await saveScreenshot(reader, 'admin-story-published');
    const storyUrl = reader.url();
    await reader.close();

    // Once live, edits wait for Update: nothing half-typed reaches readers.
    await openOk(desk, site.server.url(storyPath));
    await desk.locator('.badge.status-published').first().waitFor();
    const newDek = 'Crossings run twice a day from Monday, weather permitting.';
    await desk.getByLabel('Dek', { exact: true }).fill(newDek);
    await desk.getByText('Changes not live yet').waitFor();
    await desk.waitForTimeout(4_000);
    expect(await (await fetch(storyUrl)).text()).not.toContain(newDek);
    const storedDek = await desk.evaluate(async (id) => {
      const answer = await fetch(`/api/admin/v1/posts/${id}`);
      return ((await answer.json()) as { post: { dek: string } }).post.dek;
    }, storyPath.split('/').pop());
    expect(storedDek).toBe('Crossings run twice a day from Monday.');
    await desk.getByRole('button', { name: 'Update', exact: true }).click();
    await saved(desk);
    await expect
      .poll(async () => (await (await fetch(storyUrl)).text()).includes(newDek), {
        timeout: 15_000,
      })
      .toBe(true);
    expect(deskErrors, 'console errors (editor, after publishing)').toEqual([]);
    await desk.close();
  });

  it('journey 4: two editors open one story; the second save is told about the first and keeps both', async () => {
    const setup = await site.browser.newPage();
    await signIn(setup, site.server, editor);
    const created = await setup.evaluate(async () => {
      const session = (await (await fetch('/api/admin/v1/session')).json()) as {
        csrfToken: string;
      };
      const answer = await fetch('/api/admin/v1/posts', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ title: 'Water supply restored in the old town', dek: 'First dek.' }),
      });
      return ((await answer.json()) as { post: { id: string } }).post.id;
    });
    await setup.close();

    // Two browsers' worth of sessions: separate contexts keep separate cookies.
    const viewport = { width: 1280, height: 1000 };
    const first = await (await site.browser.newContext({ viewport })).newPage();
    const second = await (await site.browser.newContext({ viewport })).newPage();
    const errors = [...[first, second].map(watchConsoleErrors)];
    await signIn(first, site.server, editor);
    await signIn(second, site.server, secondEditor);
    for (const page of [first, second]) {
      await openOk(page, site.server.url(`/admin/stories/${created}`));
      await page.getByRole('heading', { name: 'Edit story', level: 1 }).waitFor();
    }

    // The first editor changes the headline and it saves.
    await first
      .getByLabel('Headline', { exact: true })
      .fill('Water supply fully restored in the old town');
    await saved(first);

    // The second, still on the old version, changes the dek: the save is refused and explained.
    await second.getByLabel('Dek', { exact: true }).fill('Engineers worked through the night.');
    const notice = second.getByRole('alert').filter({ hasText: 'Someone else saved this story' });
    await notice.waitFor({ timeout: 20_000 });
    await second.getByRole('button', { name: 'Compare versions' }).click();
    await second
      .locator('.compare')
      .getByText('Water supply fully restored in the old town')
      .waitFor();
    await saveScreenshot(second, 'admin-story-conflict-compare');
    expect(await axeViolations(second), 'axe on the conflict view').toEqual([]);

    // Nothing was overwritten meanwhile.
    const readPost = (page: Page) =>
      page.evaluate(async (id) => {
        const answer = await fetch(`/api/admin/v1/posts/${id}`);
        return ((await answer.json()) as { post: { title: string; dek: string; version: number } })
          .post;
      }, created);
    expect(await readPost(second)).toMatchObject({
      title: 'Water supply fully restored in the old town',
      dek: 'First dek.',
    });

    // Keeping one's changes puts them on top of the other's: both edits survive.
    await second.getByRole('button', { name: 'Keep my changes' }).click();
    await saved(second);
    expect(await readPost(second)).toMatchObject({
      title: 'Water supply fully restored in the old town',
      dek: 'Engineers worked through the night.',
    });
    expect(await second.getByLabel('Headline', { exact: true }).inputValue()).toBe(
      'Water supply fully restored in the old town',
    );
    await saveScreenshot(second, 'admin-story-conflict-resolved');

    // The preview is the site's own page for the saved version, marked as a preview.
    const [preview] = await Promise.all([
      second.waitForEvent('popup'),
      second.getByRole('button', { name: 'Preview', exact: true }).click(),
    ]);
    await preview.waitForLoadState();
    expect(new URL(preview.url()).pathname).toBe(`/preview/${created}/`);
    expect(await preview.locator('h1').first().textContent()).toContain(
      'Water supply fully restored in the old town',
    );
    expect(await preview.locator('.story-dek').textContent()).toBe(
      'Engineers worked through the night.',
    );
    await preview.getByRole('note').filter({ hasText: 'Preview of the saved version' }).waitFor();
    await preview.close();

    // Revision history: what changed in each version, and restoring the first one.
    const history = second.getByRole('region', { name: 'Revision history' });
    await history.getByRole('button', { name: /^Version 3,/ }).click();
    await history.getByText('Engineers worked through the night.').first().waitFor();
    await history.getByRole('button', { name: /^Version 1,/ }).click();
    await history.getByRole('button', { name: 'Restore version 1' }).click();
    await expect
      .poll(() => second.getByLabel('Headline', { exact: true }).inputValue())
      .toBe('Water supply restored in the old town');
    expect(await second.getByLabel('Dek', { exact: true }).inputValue()).toBe('First dek.');
    expect(await readPost(second)).toMatchObject({
      title: 'Water supply restored in the old town',
      dek: 'First dek.',
    });
    await saveScreenshot(second, 'admin-story-restored');
    // The refused save is a 409 the browser logs; it is the point of the journey.
    expect(
      errors.flat().filter((e) => !e.includes('status of 409')),
      'console errors',
    ).toEqual([]);
  });
});
