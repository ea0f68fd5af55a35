import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { adminCall } from './admin-api-in-page.js';
import { createStaff, signIn, type StaffLogin } from './admin-session.js';
import { describeWithBrowser, saveScreenshot, watchConsoleErrors } from './browser.js';
import { useSiteInBrowser } from './site-in-browser.js';
import { axeViolations } from './page-checks.js';

type PostJson = {
  id: string;
  title: string;
  status: string;
  tags: { id: string }[];
  authors: { id: string; name: string }[];
};

/**
 * Story housekeeping in Chromium: a confirmation with a pre-publish check before Publish now;
 * duplicate; delete a draft and a published story (unpublished first, confirmed); bulk actions
 * on the stories list; and each change in the audit log, filtered by story, action and person.
 */
describeWithBrowser('Admin: story housekeeping and the editorial audit', () => {
  const site = useSiteInBrowser();
  let editor: StaffLogin;
  let page: Page;
  let consoleErrors: string[];
  const suffix = Date.now().toString(36);

  beforeAll(async () => {
    editor = await createStaff(site.server, 'administrator', `Desk Chief ${suffix}`);
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    consoleErrors = watchConsoleErrors(page);
    await signIn(page, site.server, editor);
  });

  const both = async (name: string) => {
    await saveScreenshot(page, `admin-housekeeping-${name}-1280`);
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, `admin-housekeeping-${name}-390`);
    await page.setViewportSize({ width: 1280, height: 900 });
  };
  const story = (title: string) =>
    adminCall<{ post: PostJson }>(page, 'POST', '/posts', { kind: 'article', title }).then(
      (a) => a.post,
    );
  const read = (id: string) =>
    adminCall<{ post: PostJson }>(page, 'GET', `/posts/${id}`).then((a) => a.post);
  const exists = (id: string) =>
    page.evaluate(async (url) => (await fetch(url)).status === 200, `/api/admin/v1/posts/${id}`);
  const listRow = (title: string) =>
    page
      .locator('.story-row')
      .filter({ has: page.getByRole('link', { name: title, exact: true }) });
  const searchStories = async (q: string) => {
    await page.goto(site.server.url(`/admin/stories?q=${encodeURIComponent(q)}`));
    await page.getByRole('heading', { name: 'Stories', level: 1 }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /stories shown/ })
      .waitFor();
  };

  it('asks before Publish now and lists what the pre-publish check found', async () => {
    const draft = await story('Rain');
    await page.goto(site.server.url(`/admin/stories/${draft.id}`));
    await page.getByRole('button', { name: 'Publish now' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Publish with these problems?' }).waitFor();
    expect(await dialog.textContent()).toContain('The headline is very short.');
    expect(await dialog.textContent()).toContain('in no section');
    expect(await axeViolations(page), 'axe on the confirmation').toEqual([]);
    await both('pre-publish-check');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await read(draft.id)).status).toBe('draft');

    await page.getByRole('button', { name: 'Publish now' }).click();
    await dialog.getByRole('button', { name: 'Publish anyway' }).click();
    await page.locator('.badge.status-published').first().waitFor();
    expect((await read(draft.id)).status).toBe('published');
  });

  it('duplicates a story and deletes a draft and a published story from the list', async () => {
    const original = await story(`Harbour dredging plan ${suffix}`);
    await adminCall(page, 'POST', `/posts/${original.id}/publish`);
    const draft = await story(`Draft to bin ${suffix}`);

    await searchStories(suffix);
    await listRow(original.title)
      .getByRole('button', { name: `Duplicate ${original.title}` })
      .click();
    await page.waitForURL(/\/admin\/stories\/(?!new)[0-9a-f-]{36}$/);
    await expect
      .poll(() => page.getByLabel('Headline').inputValue())
      .toBe(`Copy of ${original.title}`);

    await searchStories(suffix);
    await listRow(draft.title)
      .getByRole('button', { name: `Delete ${draft.title}` })
      .click();
    await listRow(draft.title).getByRole('button', { name: 'Delete story' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Deleted “${draft.title}”.` })
      .waitFor();
    expect(await exists(draft.id)).toBe(false);

    await listRow(original.title)
      .first()
      .getByRole('button', { name: `Delete ${original.title}` })
      .click();
    const question = listRow(original.title).first().locator('.confirm-action');
    expect(await question.textContent()).toContain('is published: it will be taken off the site');
    await both('delete-published');
    await question.getByRole('button', { name: 'Unpublish and delete' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Deleted “${original.title}”.` })
      .waitFor();
    expect(await exists(original.id)).toBe(false);
  });

  it('bulk: adds a section, changes the author, unpublishes and deletes selected stories', async () => {
    const { tags } = await adminCall<{ tags: Array<{ id: string; name: string }> }>(
      page,
      'GET',
      '/tags',
    );
    const { authors } = await adminCall<{ authors: Array<{ id: string; name: string }> }>(
      page,
      'GET',
      '/authors',
    );
    const section = tags[0]!;
    const newAuthor = authors.find((a) => !a.name.startsWith('Desk Chief'))!;
    const a = await story(`Ferry strike bulk${suffix}`);
    const b = await story(`Bridge tolls bulk${suffix}`);
    await adminCall(page, 'POST', `/posts/${a.id}/publish`);
    await adminCall(page, 'POST', `/posts/${b.id}/publish`);

    await searchStories(`bulk${suffix}`);
    await page.getByLabel(`Select ${a.title}`).check();
    await page.getByLabel(`Select ${b.title}`).check();
    const bar = page.getByRole('region', { name: 'Selected stories' });
    expect(await bar.getByRole('status').textContent()).toBe('2 stories selected');

    await bar.getByLabel('With the selected').selectOption('addTags');
    await bar.getByLabel('Section or tag', { exact: true }).selectOption(section.id);
    await bar.getByRole('button', { name: 'Apply' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain(`Add “${section.name}” to 2 stories?`);
    await both('bulk-confirm');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('status').filter({ hasText: 'Changed 2 stories.' }).waitFor();
    for (const id of [a.id, b.id])
      expect((await read(id)).tags.map((t) => t.id)).toContain(section.id);

    await page.getByLabel('Select all shown').check();
    await bar.getByLabel('With the selected').selectOption('setAuthors');
    await bar.getByLabel('Author', { exact: true }).selectOption(newAuthor.id);
    await bar.getByRole('button', { name: 'Apply' }).click();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('status').filter({ hasText: 'Changed 2 stories.' }).waitFor();
    expect((await read(a.id)).authors.map((x) => x.name)).toEqual([newAuthor.name]);

    await page.getByLabel('Select all shown').check();
    await bar.getByLabel('With the selected').selectOption('unpublish');
    await bar.getByRole('button', { name: 'Apply' }).click();
    await dialog.getByRole('button', { name: 'Unpublish 2 stories' }).click();
    await page.getByRole('status').filter({ hasText: 'Unpublished 2 stories.' }).waitFor();
    expect((await read(b.id)).status).toBe('unpublished');
    await both('bulk-done');

    // The audit log has the story's whole history, with who; filters by action and person.
    await page.goto(site.server.url(`/admin/audit?story=${a.id}`));
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    const rows = page.locator('.audit-table tbody tr');
    await expect
      .poll(() => rows.locator('.audit-what').allTextContents())
      .toEqual([
        expect.stringContaining('Story unpublished'),
        expect.stringContaining('Published story updated'),
        expect.stringContaining('Published story updated'),
        expect.stringContaining('Story published'),
        expect.stringContaining('Story created'),
      ]);
    expect(await rows.first().textContent()).toContain(`Desk Chief ${suffix}`);
    expect(await page.getByText(`“${a.title}”`).count()).toBeGreaterThan(0);
    await page.getByLabel('What').selectOption('post.published');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByRole('button', { name: 'Any story' }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(2);
    await page.getByLabel('Who').selectOption({ label: `Desk Chief ${suffix} (${editor.email})` });
    await expect
      .poll(() => rows.locator('td:nth-child(2)').allTextContents())
      .toEqual(expect.arrayContaining([`Desk Chief ${suffix}`]));
    expect(await axeViolations(page), 'axe on the audit log').toEqual([]);
    await both('audit-story');

    await searchStories(`bulk${suffix}`);
    await page.getByLabel('Select all shown').check();
    await bar.getByLabel('With the selected').selectOption('delete');
    await bar.getByRole('button', { name: 'Apply' }).click();
    await dialog.getByRole('button', { name: 'Delete 2 stories' }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted 2 stories.' }).waitFor();
    expect(await exists(a.id)).toBe(false);
    expect(await exists(b.id)).toBe(false);
    // The only errors: this test's own look-ups of deleted stories (404, as they should be).
    const deletedLookup = /status of 404 .*\/api\/admin\/v1\/posts\/[0-9a-f-]{36}/;
    expect(consoleErrors.filter((e) => !deletedLookup.test(e))).toEqual([]);
  });
});
