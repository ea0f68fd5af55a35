import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmtpTestServer, type SmtpTestServer } from '../helpers/smtp-test-server.js';
import { createStaff, openAdminScreen, signIn, type StaffLogin } from './admin-session.js';
import {
  describeWithBrowser,
  launchBrowser,
  saveScreenshot,
  watchConsoleErrors,
} from './browser.js';
import { axeViolations, openOk } from './page-checks.js';
import { mailTo, nextMailTo } from './reader-journey.js';
import { startSiteServer, type SiteServer } from './site-server.js';

const tokenOf = (text: string) => /accept-invitation\?token=([\w-]+)/.exec(text)?.[1] ?? '';

/**
 * Staff invitations in Chromium, with the emails through a real SMTP server: pending ones are
 * listed; Resend mails a new link and the old one stops working; Revoke kills a link; accepting
 * lands the new person in the admin, signed in.
 */
describeWithBrowser('Admin: pending staff invitations, resend, revoke, accept', () => {
  let server: SiteServer;
  let smtp: SmtpTestServer;
  let browser: Browser;
  let admin: StaffLogin;
  let page: Page;
  let consoleErrors: string[];
  const suffix = Date.now().toString(36);
  const invitee = `copy-desk-${suffix}@newsroom.example`;
  const revoked = `not-now-${suffix}@newsroom.example`;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    server = await startSiteServer({
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'The Courier <news@courier.example>' },
    });
    browser = await launchBrowser();
    admin = await createStaff(server, 'administrator', `Invite Admin ${suffix}`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    consoleErrors = watchConsoleErrors(page);
    await signIn(page, server, admin);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  const both = async (target: Page, name: string) => {
    await saveScreenshot(target, `admin-invitations-${name}-1280`);
    await target.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(target, `admin-invitations-${name}-390`);
    await target.setViewportSize({ width: 1280, height: 900 });
  };
  const pendingRow = (email: string) => page.locator('.pending-row').filter({ hasText: email });
  const invite = async (email: string, role: string) => {
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Role', { exact: true }).selectOption(role);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await pendingRow(email).waitFor();
  };

  it('lists pending invitations, resends with a new link and revokes one', async () => {
    await openAdminScreen(page, 'Staff');
    await page.getByRole('heading', { name: /^Pending invitations/ }).waitFor();
    await invite(invitee, 'editor');
    await invite(revoked, 'author');
    expect(await pendingRow(invitee).textContent()).toContain('Editor');
    expect(await pendingRow(invitee).textContent()).toMatch(/Link works until/);
    const firstToken = tokenOf((await mailTo(smtp, invitee)).text);
    expect(firstToken).not.toBe('');

    const before = smtp.received.filter((m) => m.to.includes(invitee)).length;
    await page.getByRole('button', { name: `Resend the invitation to ${invitee}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Sent a new link to ${invitee}` })
      .waitFor();
    const newToken = tokenOf((await nextMailTo(smtp, invitee, before)).text);
    expect(newToken).not.toBe(firstToken);

    await page.getByRole('button', { name: `Revoke the invitation to ${revoked}` }).click();
    await pendingRow(revoked).getByRole('button', { name: 'Revoke invitation' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Revoked the invitation to ${revoked}.` })
      .waitFor();
    expect(await pendingRow(revoked).count()).toBe(0);
    expect(await axeViolations(page), 'axe on Staff with invitations').toEqual([]);
    await both(page, 'pending');
    expect(consoleErrors).toEqual([]);
    tokens = {
      first: firstToken,
      newer: newToken,
      revoked: tokenOf((await mailTo(smtp, revoked)).text),
    };
  });

  let tokens = { first: '', newer: '', revoked: '' };

  it('refuses the replaced link and the revoked one', async () => {
    const stranger = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (const token of [tokens.first, tokens.revoked]) {
      await openOk(stranger, server.url(`/admin/accept-invitation?token=${token}`));
      await stranger.getByLabel('Your name').fill('Someone');
      await stranger.getByLabel('Password', { exact: true }).fill('a long enough password');
      await stranger.getByLabel('Password again').fill('a long enough password');
      await stranger.getByRole('button', { name: 'Create my account' }).click();
      await stranger
        .getByRole('alert')
        .filter({ hasText: /expired or was already used/ })
        .waitFor();
    }
    await stranger.close();
  });

  it('lands the new editor in the admin, signed in, when they accept', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const newcomer = await context.newPage();
    const newcomerErrors = watchConsoleErrors(newcomer);
    await openOk(newcomer, server.url(`/admin/accept-invitation?token=${tokens.newer}`));
    // The form checks with the API's own rule before sending: the link stays unused.
    const create = newcomer.getByRole('button', { name: 'Create my account' });
    await create.click();
    await newcomer.getByText('Enter your name.').waitFor();
    await newcomer.getByLabel('Your name').fill(`Copy Desk ${suffix}`);
    await newcomer.getByLabel('Password', { exact: true }).fill('too short');
    await create.click();
    await newcomer.getByText('Use at least 10 characters.').waitFor();
    await newcomer.getByLabel('Password', { exact: true }).fill('copy desk password 1');
    await newcomer.getByLabel('Password again').fill('copy desk password 2');
    await create.click();
    await newcomer.getByText('The two passwords differ.').waitFor();
    await newcomer.getByLabel('Password again').fill('copy desk password 1');
    await create.click();
    await newcomer.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    expect(await newcomer.locator('.topbar .who').textContent()).toBe(`Copy Desk ${suffix}`);
    await both(newcomer, 'accepted-dashboard');
    // Refused 401 while the app checked for a session before the invitation was accepted.
    const beforeSignIn = /status of 401 .*\/api\/admin\/v1\/session/;
    expect(newcomerErrors.filter((e) => !beforeSignIn.test(e))).toEqual([]);

    await page.reload();
    await page.getByRole('heading', { name: /^Pending invitations/ }).waitFor();
    await page.getByText('No invitations are waiting.').waitFor();
  });
});
