import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmtpTestServer, type SmtpTestServer } from '../helpers/smtp-test-server.js';
import { adminCall } from './admin-api-in-page.js';
import {
  createStaff,
  demoOwner,
  openAdminScreen,
  signIn,
  type StaffLogin,
} from './admin-session.js';
import {
  describeWithBrowser,
  launchBrowser,
  saveScreenshot,
  watchConsoleErrors,
} from './browser.js';
import { axeViolations, openOk } from './page-checks.js';
import { mailTo } from './reader-journey.js';
import { startSiteServer, type SiteServer } from './site-server.js';

/**
 * The newsletter tools around a send, in Chromium against a real server and SMTP sink: an
 * editor sends a test of a story from the publish panel (refused in words for too many or a
 * wrong address, then arriving marked [Test]) and sees no suppression list (administrators
 * only); the same from the Newsletters screen, choosing a draft story by its headline (and the
 * API's refusal shown when that story is gone); an administrator turns click counting on in Settings, stops mail to an address by hand,
 * lifts it again after the confirmation says what that means, and imports a suppression CSV (a
 * bad file is refused row by row, a good one counted).
 */
describeWithBrowser('Admin: test sends, tracking switches and the suppression list', () => {
  let server: SiteServer;
  let smtp: SmtpTestServer;
  let browser: Browser;
  let editorPage: Page;
  let page: Page;
  let editor: StaffLogin;
  let consoleErrors: string[][] = [];
  const suffix = Date.now().toString(36);
  const headline = `Harbour ferries return on Monday ${suffix}`;
  const stopped = `stop-${suffix}@example.org`;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    server = await startSiteServer({
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'The Courier <news@courier.example>' },
    });
    editor = await createStaff(server, 'editor', 'Eda Editor');
    browser = await launchBrowser();
    editorPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    consoleErrors = [watchConsoleErrors(editorPage), watchConsoleErrors(page)];
    await signIn(editorPage, server, editor);
    await signIn(page, server, demoOwner(server));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  const expectAccessible = async (on: Page, screen: string) =>
    expect.soft(await axeViolations(on), `axe-core WCAG 2.1 A/AA on ${screen}`).toEqual([]);

  it('an editor sends a test of a story to staff addresses from the publish panel', async () => {
    const p = editorPage;
    // Editors send, but the suppression list is for administrators, as the API says.
    const nav = p.getByRole('navigation', { name: 'Admin' });
    await nav.getByRole('link', { name: 'Newsletters' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Suppressed addresses' }).count()).toBe(0);

    const { post } = await adminCall<{ post: { id: string } }>(p, 'POST', '/posts', {
      kind: 'article',
      title: headline,
      dek: 'The winter timetable ends early.',
    });
    await openOk(p, server.url(`/admin/stories/${post.id}`));
    await p.getByRole('heading', { name: 'Edit story', level: 1 }).waitFor();
    await p.getByRole('button', { name: 'Send a test' }).click();
    const to = p.getByLabel('Send the test to');
    // The signed-in editor's own address to start with.
    expect(await to.inputValue()).toBe(editor.email);

    // Too many addresses, then a wrong one: refused at the field, in words, nothing sent.
    const six = [1, 2, 3, 4, 5, 6].map((n) => `desk${n}@newsroom.example`).join(', ');
    await to.fill(six);
    await p.getByRole('button', { name: 'Send test' }).click();
    await p.getByText('A test goes to at most 5 addresses; this names 6.').waitFor();
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    await to.fill(`${editor.email}, desk@`);
    await p.getByRole('button', { name: 'Send test' }).click();
    await p.getByText('“desk@” is not an email address.').waitFor();
    await saveScreenshot(p, 'admin-test-send-refused');

    await to.fill(`${editor.email}, desk@newsroom.example`);
    await p.getByRole('button', { name: 'Send test' }).click();
    await p
      .getByRole('status')
      .filter({ hasText: `Test sent to ${editor.email}, desk@newsroom.example.` })
      .waitFor({ timeout: 20_000 });
    for (const address of [editor.email, 'desk@newsroom.example']) {
      const mail = await mailTo(smtp, address);
      expect(mail.subject).toBe(`[Test] ${headline}`);
    }
    await saveScreenshot(p, 'admin-test-send');
    await expectAccessible(p, 'the publish panel with a test send');
  });

  it('an editor sends a test from the Newsletters screen, choosing the story by its headline', async () => {
    const p = editorPage;
    const gone = `Withdrawn timetable note ${suffix}`;
    const { post: doomed } = await adminCall<{ post: { id: string } }>(p, 'POST', '/posts', {
      kind: 'article',
      title: gone,
    });
    await openAdminScreen(p, 'Newsletters');
    await p.getByRole('button', { name: 'Send a test of The Daily Briefing' }).click();
    const form = p.getByRole('form', { name: 'Send a test of The Daily Briefing' });
    await form.waitFor();
    const to = form.getByLabel('Send the test to');
    // The signed-in editor's own address to start with; no story chosen yet.
    expect(await to.inputValue()).toBe(editor.email);
    await form.getByRole('button', { name: 'Send test' }).click();
    await form.getByText('Choose the story to send.').waitFor();

    // Found by words of its headline (a draft: tests go out before publishing).
    const find = form.getByLabel('Find a story by its headline');
    await find.fill(`return on Monday ${suffix}`);
    const choice = form.getByRole('radio', { name: `${headline} Draft` });
    await choice.waitFor();
    await choice.check();
    expect(await form.getByText('Choose the story to send.').count()).toBe(0);
    await to.fill(`${editor.email}, night-desk@newsroom.example`);
    await form.getByRole('button', { name: 'Send test' }).click();
    await form
      .getByRole('status')
      .filter({
        hasText: `Test of “${headline}” sent to ${editor.email}, night-desk@newsroom.example.`,
      })
      .waitFor({ timeout: 20_000 });
    const mail = await mailTo(smtp, 'night-desk@newsroom.example');
    expect(mail.subject).toBe(`[Test] ${headline}`);
    expect(mail.html).toContain(headline);
    await saveScreenshot(p, 'admin-newsletters-test-send');
    await expectAccessible(p, 'the Newsletters screen with a test sent');

    // The API's refusal is shown as it says it: here the chosen story was deleted meanwhile.
    await find.fill(gone);
    await form.getByRole('radio', { name: `${gone} Draft` }).check();
    await adminCall(page, 'DELETE', `/posts/${doomed.id}`);
    await form.getByRole('button', { name: 'Send test' }).click();
    await form.getByRole('alert').filter({ hasText: 'Post not found' }).waitFor();
    await saveScreenshot(p, 'admin-newsletters-test-send-refused');
    // Chromium logs the API's 404 as a console error: that one is expected, nothing else.
    const refused = /status of 404 .*\/api\/admin\/v1\/newsletters\/[^/]+\/test/;
    const editorErrors = consoleErrors[0]!;
    expect(editorErrors.filter((e) => refused.test(e))).toHaveLength(1);
    editorErrors.splice(0, editorErrors.length, ...editorErrors.filter((e) => !refused.test(e)));
  });

  it('an administrator turns click counting on in Settings (all off at first)', async () => {
    await openAdminScreen(page, 'Settings');
    const opens = page.getByLabel('Count email opens');
    const clicks = page.getByLabel('Count link clicks');
    const perMember = page.getByLabel('Also keep each member’s opens and clicks');
    expect(await opens.isChecked()).toBe(false);
    expect(await clicks.isChecked()).toBe(false);
    // Per member: off unless the newsroom opts in (and left off here).
    expect(await perMember.isChecked()).toBe(false);
    await clicks.check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const { settings } = await adminCall<{
      settings: { emailTrackOpens: boolean; emailTrackClicks: boolean; emailTrackMembers: boolean };
    }>(page, 'GET', '/settings');
    expect(settings).toMatchObject({
      emailTrackOpens: false,
      emailTrackClicks: true,
      emailTrackMembers: false,
    });
    await page.reload();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await page.getByLabel('Count link clicks').isChecked()).toBe(true);
    await page.getByRole('group', { name: 'Newsletter tracking' }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'admin-settings-tracking');
    await expectAccessible(page, 'Settings with the tracking switches');
  });

  it('an administrator stops mail to an address, then lets it be mailed again', async () => {
    await openAdminScreen(page, 'Newsletters');
    await page.getByRole('link', { name: 'Suppressed addresses' }).first().click();
    await page.getByRole('heading', { name: 'Suppressed addresses', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Stop mail to an address' }).click();
    const address = page.getByLabel('Email address');
    await address.fill('not-an-address');
    await page.getByRole('button', { name: 'Stop mail', exact: true }).click();
    await page.getByText('Enter an email address, like name@example.org.').waitFor();
    await address.fill(stopped);
    await page.getByLabel('Note (optional)').fill('asked us by phone');
    await page.getByRole('button', { name: 'Stop mail', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `No more mail goes to ${stopped}.` })
      .waitFor();
    const row = page.locator(`.suppression-row[data-address="${stopped}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Added by staff');
    expect(await row.textContent()).toContain('by staff: asked us by phone');

    await page.getByRole('button', { name: `Remove ${stopped}` }).click();
    const question = row.getByRole('group');
    expect(await question.textContent()).toContain('Newsletters can go to it again.');
    await saveScreenshot(page, 'admin-suppression-remove');
    await expectAccessible(page, 'the suppression list asking to remove one');
    await row.getByRole('button', { name: 'Remove and allow mail' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Mail can go to ${stopped} again.` })
      .waitFor();
    expect(await row.count()).toBe(0);
    const { suppressions } = await adminCall<{ suppressions: { address: string }[] }>(
      page,
      'GET',
      '/suppressions',
    );
    expect(suppressions.map((s) => s.address)).not.toContain(stopped);
  });

  it('an administrator imports a suppression CSV: a bad row refuses the file, then it goes in', async () => {
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const file = page.getByLabel('CSV file');
    const bounced = `bounced-${suffix}@example.org`;
    const spam = `spam-${suffix}@example.org`;
    await file.setInputFiles({
      name: 'suppressions.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`email,reason\n${bounced},bounce\nnot-an-address,bounce\n`),
    });
    await page.getByRole('button', { name: 'Check and import' }).click();
    const problems = page.getByRole('table', { name: 'Rows with problems' });
    await problems.waitFor();
    expect(await problems.locator('tbody tr').count()).toBe(1);
    expect(await problems.locator('tbody tr td').first().textContent()).toBe('3');
    await page.getByText('Nothing was imported: 1 row has a problem.').waitFor();
    await saveScreenshot(page, 'admin-suppression-import-refused');
    await expectAccessible(page, 'a refused suppression import');

    await file.setInputFiles({
      name: 'suppressions.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `email,reason,detail\n${bounced},bounce,mailbox gone\n${spam},spam,\n${spam},spam,\n`,
      ),
    });
    await page.getByRole('button', { name: 'Check and import' }).click();
    await page.getByText('Imported: 2 addresses will get no more mail.').waitFor();
    const counts = page.locator('.import-counts');
    expect(await counts.textContent()).toBe('Added2Already on the list0Repeated in the file1');
    await page.locator(`.suppression-row[data-address="${bounced}"]`).waitFor();
    expect(await page.locator(`.suppression-row[data-address="${spam}"]`).textContent()).toContain(
      'Spam complaint',
    );
    expect(
      await page.locator(`.suppression-row[data-address="${bounced}"]`).textContent(),
    ).toContain('Hard bounce');
    await saveScreenshot(page, 'admin-suppressions');
    await expectAccessible(page, 'the suppression list after an import');

    // On a phone the list, its badges and the Remove buttons fit the screen's width.
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      const isWiderThanScreen = await page.evaluate(() => {
        const root = (
          globalThis as unknown as {
            document: { documentElement: { scrollWidth: number; clientWidth: number } };
          }
        ).document.documentElement;
        return root.scrollWidth > root.clientWidth;
      });
      expect(isWiderThanScreen).toBe(false);
      await saveScreenshot(page, 'admin-suppressions-390');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }

    // Finding an address: part of it keeps only those containing it; Clear shows them all again.
    await page.getByLabel('Find an address').fill(`SPAM-${suffix}`);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/suppressions\?q=/);
    await page
      .locator(`.suppression-row[data-address="${bounced}"]`)
      .waitFor({ state: 'detached' });
    expect(
      await page
        .locator('.suppression-row')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-address'))),
    ).toEqual([spam]);
    await saveScreenshot(page, 'admin-suppressions-search');
    await expectAccessible(page, 'the suppression list searched');
    await page.getByLabel('Find an address').fill('nobody-like-this');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page
      .getByText('No suppressed address contains “nobody-like-this”: mail goes to it.')
      .waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.locator(`.suppression-row[data-address="${bounced}"]`).waitFor();
    expect(await page.getByLabel('Find an address').inputValue()).toBe('');
    expect(consoleErrors.flat(), 'console errors').toEqual([]);
  });
});
