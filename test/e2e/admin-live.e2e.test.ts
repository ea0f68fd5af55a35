import { beforeAll, expect, it } from 'vitest';
import { createStaff, signIn, storySaved, type StaffLogin } from './admin-session.js';
import { describeWithBrowser, saveScreenshot, watchConsoleErrors } from './browser.js';
import { axeViolations, openOk } from './page-checks.js';
import { adminCall } from './admin-api-in-page.js';
import { useSiteInBrowser } from './site-in-browser.js';
import { testJpeg } from './test-images.js';

describeWithBrowser('Admin: a live page', () => {
  const site = useSiteInBrowser();
  let editor: StaffLogin;

  beforeAll(async () => {
    editor = await createStaff(site.server, 'editor', 'Marta Lysenko');
  });

  it('an editor creates and publishes a live page; an update with a photo reaches an open reader page without a reload', async () => {
    const headline = `Storm over the coast: live ${Date.now().toString(36)}`;
    const desk = await site.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const readerContext = await site.browser.newContext({ viewport: { width: 420, height: 900 } });
    const reader = await readerContext.newPage();
    try {
      const deskErrors = watchConsoleErrors(desk);
      const readerErrors = watchConsoleErrors(reader);
      await signIn(desk, site.server, editor);
      await desk
        .getByRole('navigation', { name: 'Admin' })
        .getByRole('link', { name: 'Stories' })
        .click();
      await desk.getByRole('link', { name: 'New live page' }).click();
      await desk.getByRole('heading', { name: 'New live page', level: 1 }).waitFor();
      await desk.getByLabel('Headline', { exact: true }).fill(headline);
      await desk
        .getByLabel('Dek', { exact: true })
        .fill('Updates as the storm moves along the coast.');
      await storySaved(desk);
      await desk.getByRole('heading', { name: 'Edit live page', level: 1 }).waitFor();

      await desk.getByRole('button', { name: 'Publish now' }).click();
      await desk
        .getByRole('dialog')
        .getByRole('button', { name: /^Publish (now|anyway)$/ })
        .click();
      await desk.getByRole('link', { name: 'Post live updates' }).click();
      await desk.getByRole('heading', { name: `Live: ${headline}`, level: 1 }).waitFor();
      const pageUrl = await desk
        .getByRole('link', { name: 'View the live page' })
        .getAttribute('href');
      expect(pageUrl).toBeTruthy();

      // The reader opens the live page before any update exists, and keeps it open.
      await openOk(reader, new URL(pageUrl!, site.server.origin).href);
      expect(await reader.locator('h1').first().textContent()).toContain(headline);
      await reader
        .locator('[data-live-stream][data-live-state="open"]')
        .waitFor({ state: 'attached' });
      await saveScreenshot(reader, 'live-reader-before');

      // The editor posts an update with a photo; the box clears and keeps focus.
      const text = 'Waves over the harbour wall at noon.\nThe coast road is closed.';
      await desk.getByLabel('New update').fill(text);
      await desk.getByLabel('Photo (optional)').setInputFiles(await testJpeg('harbour.jpg'));
      await desk
        .getByLabel('Photo description (alt text)')
        .fill('Waves break over the harbour wall');
      await desk.getByLabel('Key event').check();
      await saveScreenshot(desk, 'live-admin-composer');
      await desk.getByRole('button', { name: 'Post', exact: true }).click();
      await desk
        .locator('.live-update')
        .filter({ hasText: 'Waves over the harbour wall' })
        .waitFor();
      expect(await desk.getByLabel('New update').inputValue()).toBe('');
      expect(
        await desk.evaluate(() => (globalThis as any).document.activeElement?.id as string),
      ).toBe('live-text');
      await saveScreenshot(desk, 'live-admin-posted');

      // The reader's page offers it behind the bar, then shows it with its photo, no reload.
      const bar = reader.getByRole('button', { name: '1 new update' });
      await bar.waitFor({ timeout: 20_000 });
      await saveScreenshot(reader, 'live-reader-bar');
      const marker = await reader.evaluate(() => ((globalThis as any).liveMarker = 'kept'));
      await bar.click();
      await reader
        .locator('[id^="update-"]')
        .filter({ hasText: 'Waves over the harbour wall' })
        .waitFor();
      const photo = reader.locator('img[alt="Waves break over the harbour wall"]').first();
      await photo.waitFor();
      await photo.scrollIntoViewIfNeeded();
      await expect
        .poll(() =>
          photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
        )
        .toBeGreaterThan(0);
      expect(await reader.evaluate(() => (globalThis as any).liveMarker)).toBe(marker);
      await saveScreenshot(reader, 'live-reader-after');

      expect(deskErrors, 'admin console errors').toEqual([]);
      expect(readerErrors, 'reader console errors').toEqual([]);
    } finally {
      await desk.close();
      await readerContext.close();
    }
  });

  it('pins, edits (a stale edit asks to reload), deletes and ends coverage from the live screen', async () => {
    const desk = await site.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      const errors = watchConsoleErrors(desk);
      await signIn(desk, site.server, editor);
      const { post } = await adminCall<{ post: { id: string } }>(desk, 'POST', '/posts', {
        kind: 'live',
        title: 'Election night: live',
      });
      await openOk(desk, site.server.url(`/admin/stories/${post.id}/live`));
      await desk.getByRole('heading', { name: 'Live: Election night: live', level: 1 }).waitFor();

      // An empty update is refused in the browser, with focus kept in the box.
      await desk.getByRole('button', { name: 'Post', exact: true }).click();
      expect(await desk.locator('#live-text-error').textContent()).toBe('Write the update first.');

      for (const text of ['Polls close at ten.', 'First results from the north.']) {
        await desk.getByLabel('New update').fill(text);
        await desk.getByRole('button', { name: 'Post', exact: true }).click();
        await desk.locator('.live-update').filter({ hasText: text }).waitFor();
      }
      // Newest first.
      expect(await desk.locator('.live-update').first().textContent()).toContain('First results');
      const polls = () => desk.locator('.live-update').filter({ hasText: 'Polls close' });

      await polls().getByLabel('Pinned').check();
      await polls().locator('.badge', { hasText: 'Pinned' }).waitFor();

      // Someone else changes the update while this editor edits it: the save is refused.
      await polls().getByRole('button', { name: 'Edit' }).click();
      await desk.getByLabel('Edit the update').fill('Polls close at ten tonight.');
      const { updates } = await adminCall<{ updates: { id: string; version: number }[] }>(
        desk,
        'GET',
        `/posts/${post.id}/updates`,
      );
      const target = updates.find((u) => u.version === 2)!;
      await adminCall(desk, 'PATCH', `/posts/${post.id}/updates/${target.id}`, {
        version: target.version,
        keyEvent: true,
      });
      await desk.getByRole('button', { name: 'Save', exact: true }).click();
      await desk
        .getByRole('alert')
        .filter({ hasText: 'Someone changed this update — reload' })
        .waitFor();
      await saveScreenshot(desk, 'live-admin-stale-edit');
      await desk.getByRole('button', { name: 'Reload' }).click();
      await polls().locator('.badge', { hasText: 'Key event' }).waitFor();
      // Edited again on the fresh version, it goes through.
      await polls().getByRole('button', { name: 'Edit' }).click();
      await desk.getByLabel('Edit the update').fill('Polls close at ten tonight.');
      await desk.getByRole('button', { name: 'Save', exact: true }).click();
      await desk
        .locator('.live-update')
        .filter({ hasText: 'Polls close at ten tonight.' })
        .waitFor();

      const results = desk.locator('.live-update').filter({ hasText: 'First results' });
      await results.getByRole('button', { name: 'Delete' }).click();
      await desk.getByRole('button', { name: 'Delete update' }).click();
      // Not published yet, so the update is gone without a "removed" note.
      await results.waitFor({ state: 'detached' });

      expect(await axeViolations(desk)).toEqual([]);
      // Coverage can end once the page is out: published, the screen offers it.
      expect(await desk.getByRole('button', { name: 'End coverage' }).count()).toBe(0);
      await adminCall(desk, 'POST', `/posts/${post.id}/publish`, {});
      await desk.reload();
      await desk.getByRole('heading', { name: 'Live: Election night: live', level: 1 }).waitFor();
      await desk.getByRole('button', { name: 'End coverage' }).click();
      await desk.getByRole('button', { name: 'End coverage now' }).click();
      await desk.getByRole('status').filter({ hasText: 'Coverage ended at' }).waitFor();
      expect(await desk.getByLabel('New update').count()).toBe(0);
      await saveScreenshot(desk, 'live-admin-ended');
      // The refused stale save is a 409 the browser logs; it is the point of the journey.
      expect(
        errors.filter((e) => !e.includes('status of 409')),
        'console errors',
      ).toEqual([]);
    } finally {
      await desk.close();
    }
  });
});
