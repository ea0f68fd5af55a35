import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmtpTestServer, type SmtpTestServer } from '../helpers/smtp-test-server.js';
import { adminCall } from './admin-api-in-page.js';
import { demoOwner, openAdminScreen, signIn } from './admin-session.js';
import {
  describeWithBrowser,
  launchBrowser,
  saveScreenshot,
  watchConsoleErrors,
} from './browser.js';
import { axeViolations, openOk } from './page-checks.js';
import { linkIn, mailTo } from './reader-journey.js';
import { startSiteServer, type SiteServer } from './site-server.js';

/**
 * Newsletters in Chromium, with every email through a real SMTP server (so bulk sending is on):
 * the owner creates a newsletter on the Newsletters screen (its live preview following the form),
 * three readers subscribe to it on the site's /newsletters/ page (double opt-in through the link
 * mailed to them), a story is published with "Send by email" after the confirmation, the
 * publish panel's progress bar reaches "Sent", and the report counts what the SMTP server got:
 * exactly one message per subscriber.
 */
describeWithBrowser('Admin: a newsletter, a story sent by email, its progress and report', () => {
  let server: SiteServer;
  let smtp: SmtpTestServer;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];
  const suffix = Date.now().toString(36);
  const name = `Evening Wire ${suffix}`;
  const slug = `evening-wire-${suffix}`;
  const readers = [1, 2, 3].map((n) => `wire-reader-${n}-${suffix}@example.org`);
  const headline = `Council approves the river park plan ${suffix}`;
  /** Addresses the SMTP server refuses at DATA, set while the suite runs (read live). */
  const dataReplies: Record<string, number> = {};

  beforeAll(async () => {
    smtp = await startSmtpTestServer({ dataReplies });
    server = await startSiteServer({
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'The Courier <news@courier.example>' },
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    consoleErrors = watchConsoleErrors(page);
    await signIn(page, server, demoOwner(server));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  const expectAccessible = async (screen: string) =>
    expect.soft(await axeViolations(page), `axe-core WCAG 2.1 A/AA on ${screen}`).toEqual([]);
  const newsletterRow = () => page.locator(`.newsletter-row[data-newsletter="${slug}"]`);

  /** A reader subscribes on the site and confirms with the link mailed to them. */
  const subscribe = async (email: string) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const reader = await context.newPage();
      await openOk(reader, server.url('/newsletters/'));
      // Only our list: the demo's default lists start ticked.
      for (const box of await reader.locator('.newsletter-choices input:checked').all())
        await box.uncheck();
      await reader.locator(`#newsletter-${slug}`).check();
      await reader.getByLabel('Email address').fill(email);
      await reader.getByRole('button', { name: 'Subscribe' }).click();
      const mail = await mailTo(smtp, email);
      await reader.goto(linkIn(mail.text, server.url('/signin/confirm?token=')));
      await reader.getByRole('button', { name: 'Sign in' }).click();
      await reader.waitForURL((url) => url.pathname === '/newsletters/');
      expect(await reader.locator(`#newsletter-${slug}`).isChecked()).toBe(true);
    } finally {
      await context.close();
    }
  };

  it('creates a newsletter with a live preview of its design', async () => {
    await openAdminScreen(page, 'Newsletters');
    await page.locator('.newsletter-row').first().waitFor();
    await page.getByRole('button', { name: 'New newsletter' }).click();
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Slug (optional)').fill(slug);
    await page.getByLabel('Description').fill('The day’s reporting, each evening.');
    await page.getByLabel('Cadence').fill('Every evening');
    await page.getByLabel('Sender name (optional)').fill('The Courier Desk');
    await page.getByLabel('Reply-to address (optional)').fill('desk@courier.example');
    await page.getByLabel('Footer text (optional)').fill('Thanks for reading the Wire.');

    const preview = page.getByTestId('newsletter-preview');
    await expect.poll(() => preview.textContent()).toContain(name);
    expect(await preview.textContent()).toContain('Thanks for reading the Wire.');
    expect(await preview.textContent()).toContain('The Courier Desk');
    await saveScreenshot(page, 'admin-newsletter-form');
    await expectAccessible('the newsletter form');

    // A bad reply-to address is refused by the form, in words, before anything is sent.
    await page.getByLabel('Reply-to address (optional)').fill('desk');
    await page.getByRole('button', { name: 'Create newsletter' }).click();
    await page.getByText('Use an email address, such as letters@newsroom.example.').waitFor();
    await page.getByLabel('Reply-to address (optional)').fill('desk@courier.example');
    await page.getByRole('button', { name: 'Create newsletter' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Created ${name}.` })
      .waitFor();
    expect(await newsletterRow().textContent()).toContain('0 subscribers');

    // Archive and restore a list: the row says so, and the server holds it.
    const breaking = page.locator('.newsletter-row').filter({ hasText: 'Breaking News' });
    await page.getByRole('button', { name: 'Archive Breaking News' }).click();
    await page.getByRole('status').filter({ hasText: 'Breaking News is archived' }).waitFor();
    await breaking.locator('.badge', { hasText: 'Archived' }).waitFor();
    const { newsletters } = await adminCall<{ newsletters: { name: string; status: string }[] }>(
      page,
      'GET',
      '/newsletters',
    );
    expect(newsletters.find((n) => n.name === 'Breaking News')?.status).toBe('archived');
    await page.getByRole('button', { name: 'Restore Breaking News' }).click();
    await page.getByRole('status').filter({ hasText: 'Breaking News is active again' }).waitFor();
  });

  it('counts the readers who subscribed on the site', async () => {
    for (const reader of readers) await subscribe(reader);
    await page.reload();
    await page.getByRole('heading', { name: 'Newsletters', level: 1 }).waitFor();
    await expect.poll(() => newsletterRow().textContent()).toContain('3 subscribers');
    await saveScreenshot(page, 'admin-newsletters');
    await expectAccessible('the newsletters list');
  });

  it('publishes a story with "Send by email", follows it to Sent and opens the report', async () => {
    const { post } = await adminCall<{ post: { id: string } }>(page, 'POST', '/posts', {
      kind: 'article',
      title: headline,
      dek: 'The park opens along the east bank next spring.',
    });
    await openOk(page, server.url(`/admin/stories/${post.id}`));
    await page.getByRole('heading', { name: 'Edit story', level: 1 }).waitFor();

    // Send by email to the new list, with its estimate from the subscriber count.
    const sendBox = page.getByRole('checkbox', { name: /^Send by email to / });
    await sendBox.check();
    await page.getByLabel('Newsletter', { exact: true }).selectOption({ label: `${name} (3)` });
    expect(await page.locator('label[for="publish-email"]').textContent()).toBe(
      `Send by email to ${name} (≈ 3 recipients)`,
    );

    // The confirmation names the list and the estimate before anything leaves.
    await page.getByRole('button', { name: 'Publish now' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`It is also emailed to ${name} (≈ 3 recipients)`);
    await saveScreenshot(page, 'admin-publish-email-confirm');
    await expectAccessible('the publish confirmation with email');
    await dialog.getByRole('button', { name: /and send$/ }).click();

    // The progress bar follows the send to the end.
    const bar = page.getByRole('progressbar', { name: `Email to ${name}` });
    await bar.waitFor({ timeout: 20_000 });
    const email = page.getByTestId('story-email');
    await email.locator('.badge', { hasText: /^Sent$/ }).waitFor({ timeout: 30_000 });
    expect(await bar.getAttribute('aria-valuenow')).toBe('3');
    expect(await bar.getAttribute('aria-valuemax')).toBe('3');
    expect(await email.textContent()).toContain('3 of 3 sent');
    // The choice is gone: a story is emailed once.
    expect(await page.getByRole('checkbox', { name: /^Send by email to / }).count()).toBe(0);
    await saveScreenshot(page, 'admin-publish-email-sent');
    await expectAccessible('the publish panel after sending');

    // The SMTP server got exactly one message per subscriber, and none to anyone else.
    const sent = smtp.received.filter((m) => m.subject.includes(headline));
    expect(sent.flatMap((m) => m.to).sort()).toEqual([...readers].sort());
    for (const message of sent) expect(message.headers['list-unsubscribe-post']).toBeTruthy();

    // The report counts what happened.
    await email.getByRole('link', { name: 'Email report' }).click();
    await page.getByRole('heading', { name: 'Email report', level: 1 }).waitFor();
    const figure = (label: string) =>
      page.locator(`[data-figure="${label}"] dd`).first().textContent();
    expect(await figure('Recipients')).toBe('3');
    expect(await figure('Sent')).toBe('3');
    expect(await figure('Failed')).toBe('0');
    expect(await figure('Uncertain')).toBe('0');
    expect(await figure('Skipped')).toBe('0');
    await page.getByText('No recipient failed or is uncertain.').waitFor();
    expect(await page.locator('.email-subject').textContent()).toContain(headline);
    await saveScreenshot(page, 'admin-email-report');
    await expectAccessible('the email report');
  });

  it("shows a subscriber's newsletters and the email on their member page", async () => {
    const { members } = await adminCall<{ members: { id: string }[] }>(
      page,
      'GET',
      `/members?q=${encodeURIComponent(readers[0]!)}`,
    );
    expect(members).toHaveLength(1);
    await openOk(page, server.url(`/admin/members/${members[0]!.id}`));
    const section = page.getByRole('region', { name: 'Newsletters' });
    const row = section.locator('li').filter({ hasText: name });
    await row.waitFor();
    expect(await row.textContent()).toContain('Subscribed on the newsletters page');
    await section.getByRole('link', { name: headline }).waitFor();
    expect(await section.textContent()).toContain(`${headline}: Sent`);
    await saveScreenshot(page, 'admin-member-newsletters');
    await expectAccessible("a member's newsletters");
  });

  it('lists a refused address in the report, and Retry failed sends to it again', async () => {
    const refused = readers[2]!;
    dataReplies[refused] = 550;
    const second = `Night ferry timetable changes ${suffix}`;
    const { post } = await adminCall<{ post: { id: string } }>(page, 'POST', '/posts', {
      kind: 'article',
      title: second,
    });
    const { newsletters } = await adminCall<{ newsletters: { id: string; slug: string }[] }>(
      page,
      'GET',
      '/newsletters',
    );
    const list = newsletters.find((n) => n.slug === slug)!;
    await adminCall(page, 'POST', `/posts/${post.id}/publish`, {
      email: { newsletterId: list.id, segment: 'all' },
    });

    // An emailed story shows its email instead of the choice, and leads to the report.
    await openOk(page, server.url(`/admin/stories/${post.id}`));
    const email = page.getByTestId('story-email');
    await email.locator('.badge', { hasText: /^(Sent|Failed)$/ }).waitFor({ timeout: 30_000 });
    expect(await email.textContent()).toContain('2 of 3 sent · 1 failed');
    await email.getByRole('link', { name: 'Email report' }).click();
    await page.getByRole('heading', { name: 'Email report', level: 1 }).waitFor();
    const figure = (label: string) =>
      page.locator(`[data-figure="${label}"] dd`).first().textContent();
    expect(await figure('Sent')).toBe('2');
    expect(await figure('Failed')).toBe('1');
    const problem = page.getByRole('table', { name: 'Problems' }).locator('tbody tr');
    expect(await problem.count()).toBe(1);
    expect(await problem.textContent()).toContain(refused);
    expect(await problem.textContent()).toContain('550');
    // No uncertain recipients: nothing to include, and the warning is there for when there are.
    expect(await page.getByLabel(/Include the 0 uncertain/).isDisabled()).toBe(true);
    await page.getByText('they may get a second copy').waitFor();
    await saveScreenshot(page, 'admin-email-report-failed');
    await expectAccessible('the email report with a failure');

    // The server takes the address again: Retry failed sends to it, and only to it.
    delete dataReplies[refused];
    await page.getByRole('button', { name: 'Retry failed (1)' }).click();
    await page.getByRole('status').filter({ hasText: 'Sending again to 1 recipient.' }).waitFor();
    await expect.poll(() => figure('Sent'), { timeout: 30_000 }).toBe('3');
    expect(await figure('Failed')).toBe('0');
    const got = smtp.received.filter((m) => m.subject.includes(second));
    expect(got.flatMap((m) => m.to).sort()).toEqual([...readers].sort());
  });

  it('fits the report and the newsletter form on a phone', async () => {
    const scrollsSideways = () =>
      page.evaluate(() => {
        const root = (
          globalThis as unknown as {
            document: { documentElement: { scrollWidth: number; clientWidth: number } };
          }
        ).document.documentElement;
        return root.scrollWidth > root.clientWidth;
      });
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      expect(await scrollsSideways()).toBe(false);
      await saveScreenshot(page, 'admin-email-report-390');
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('link', { name: 'Newsletters', exact: true }).click();
      await page.getByRole('heading', { name: 'Newsletters', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'New newsletter' }).click();
      await page.getByTestId('newsletter-preview').waitFor();
      expect(await scrollsSideways()).toBe(false);
      await saveScreenshot(page, 'admin-newsletter-form-390');
      await expectAccessible('the newsletter form at 390 px');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    expect(consoleErrors, 'console errors').toEqual([]);
  });

  it("with per-member tracking on, a member's page shows their opens of an email", async () => {
    await adminCall(page, 'PATCH', '/settings', { emailTrackOpens: true, emailTrackMembers: true });
    const third = `Harbour lights switched on ${suffix}`;
    const { post } = await adminCall<{ post: { id: string } }>(page, 'POST', '/posts', {
      kind: 'article',
      title: third,
    });
    const { newsletters } = await adminCall<{ newsletters: { id: string; slug: string }[] }>(
      page,
      'GET',
      '/newsletters',
    );
    const list = newsletters.find((n) => n.slug === slug)!;
    await adminCall(page, 'POST', `/posts/${post.id}/publish`, {
      email: { newsletterId: list.id, segment: 'all' },
    });
    const reader = readers[0]!;
    const toReader = () =>
      smtp.received.filter((m) => m.subject.includes(third) && m.to.includes(reader));
    await expect.poll(() => toReader().length, { timeout: 30_000 }).toBe(1);
    // Their mail app loads the image: the pixel's URL carries their own signed token.
    const pixel = new URL(
      /<img src="([^"]*\/open\.gif\?m=[^"]+)"/
        .exec(toReader()[0]!.html)![1]!
        .replace(/&amp;/g, '&'),
    );
    expect((await fetch(server.url(pixel.pathname + pixel.search))).status).toBe(200);

    const { members } = await adminCall<{ members: { id: string }[] }>(
      page,
      'GET',
      `/members?q=${encodeURIComponent(reader)}`,
    );
    await openOk(page, server.url(`/admin/members/${members[0]!.id}`));
    const section = page.getByRole('region', { name: 'Newsletters' });
    const tracked = section.locator('li').filter({ hasText: third });
    await tracked.waitFor();
    expect(await tracked.textContent()).toContain('opened once');
    // The first email went out before the switch: nothing per member is shown for it.
    expect(await section.locator('li').filter({ hasText: headline }).textContent()).not.toMatch(
      /opened|no open seen/,
    );
    await saveScreenshot(page, 'admin-member-email-activity');
    await expectAccessible("a member's opens of an email");
    expect(consoleErrors, 'console errors').toEqual([]);
  });
});
