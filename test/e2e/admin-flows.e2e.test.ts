import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { createStaff, signIn, type StaffLogin } from './admin-session.js';
import { describeWithBrowser, saveScreenshot, watchConsoleErrors } from './browser.js';
import { useSiteInBrowser } from './site-in-browser.js';
import { axeViolations, openOk } from './page-checks.js';
import { totpCode, totpStepNow } from './totp.js';

/** A GET of the Admin API from the page, with its session cookie: what is stored now. */
const adminApi = <T>(page: Page, path: string): Promise<T> =>
  page.evaluate(async (url: string) => {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
    return (await response.json()) as T;
  }, `/api/admin/v1${path}`);

/** Chromium's console line for a refused sign-in (or session check): expected, nothing else. */
const refusedSession =
  /^console\.error: Failed to load resource: the server responded with a status of 401 \(Unauthorized\) \(http:\/\/127\.0\.0\.1:\d+\/api\/admin\/v1\/session:\d+\)$/;

/**
 * Admin flows no other browser test clicks through: a member's complimentary access and
 * deletion, archiving and deleting a tier, a staff member's role and suspension, changing the
 * password and turning on two-factor sign-in, and a correction that reaches the published story.
 * Every screen: no console errors, no axe violations.
 */
describeWithBrowser('Admin: members, tiers, staff, profile security and corrections', () => {
  const site = useSiteInBrowser();
  let admin: StaffLogin;
  const suffix = Date.now().toString(36);

  beforeAll(async () => {
    admin = await createStaff(site.server, 'administrator', `Flow Administrator ${suffix}`);
  });

  /**
   * A fresh browser context (its own cookies and storage) with a page watched for errors, under
   * the admin's real Content-Security-Policy (axe runs over DevTools, which CSP does not limit).
   */
  const openPage = async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    return { context, page, consoleErrors: watchConsoleErrors(page) };
  };

  /** A side-navigation entry by its exact name ("Members" is also in "Membership drives"). */
  const openScreen = async (page: Page, link: string, heading = link) => {
    await page
      .getByRole('navigation', { name: 'Admin' })
      .getByRole('link', { name: link, exact: true })
      .click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };

  /** axe on the screen as it is now, and a screenshot of it. */
  const checkScreen = async (page: Page, name: string) => {
    expect.soft(await axeViolations(page), `axe-core WCAG 2.1 A/AA on ${name}`).toEqual([]);
    await saveScreenshot(page, `admin-flows-${name}`);
  };

  const status = (page: Page, text: string | RegExp) =>
    page.getByRole('status').filter({ hasText: text }).waitFor();

  it('gives a member complimentary access until a day, ends it, and deletes the member', async () => {
    const { context, page, consoleErrors } = await openPage();
    try {
      await signIn(page, site.server, admin);
      await openScreen(page, 'Members');
      await status(page, /members shown/);

      const email = `comped-${suffix}@example.org`;
      await page.getByRole('button', { name: 'Add a member' }).click();
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Name (optional)').fill(`Comped Reader ${suffix}`);
      await page.getByRole('button', { name: 'Add member' }).click();
      await page.getByRole('heading', { name: 'Member', level: 1 }).waitFor();
      await page.getByText(email).first().waitFor();
      const memberId = /\/admin\/members\/([^/?#]+)/.exec(page.url())?.[1];
      expect(memberId).toBeTruthy();
      const facts = page.locator('.member-facts');
      expect(await facts.textContent()).toContain('Free');
      await checkScreen(page, 'member-detail');

      // The last day as the newsroom types it, and as the admin then shows it (browser locale).
      const lastDay = '2031-03-14';
      const shownDay = await page.evaluate(() =>
        new Date(2031, 2, 14).toLocaleDateString(undefined, { dateStyle: 'medium' }),
      );
      const comp = page.getByRole('region', { name: 'Complimentary access' });
      await comp.getByLabel('Last day of access').fill(lastDay);
      await comp.getByRole('button', { name: 'Give complimentary access' }).click();
      await expect
        .poll(() => comp.locator('p').first().textContent())
        .toBe(`Complimentary access until ${shownDay}.`);
      expect(await facts.locator('.badge').textContent()).toBe('Complimentary');
      expect(await facts.textContent()).toContain(`Access until${shownDay}`);
      const history = page.locator('.member-history');
      await history
        .locator('li')
        .filter({ hasText: `Complimentary access given by you, until ${shownDay}` })
        .waitFor();
      const stored = await adminApi<{ member: { status: string; accessUntil: string | null } }>(
        page,
        `/members/${memberId}`,
      );
      expect(stored.member.status).toBe('comped');
      // The whole picked day, in the newsroom's zone (the demo's Europe/Bucharest, UTC+2 in
      // March), whatever the browser's: access ends at midnight there.
      expect(new Date(stored.member.accessUntil!).getTime()).toBe(
        Date.parse('2031-03-14T22:00:00.000Z'),
      );
      await checkScreen(page, 'member-comped');

      await comp.getByRole('button', { name: 'End complimentary access' }).click();
      await comp.getByRole('button', { name: 'Give complimentary access' }).waitFor();
      await history
        .locator('li')
        .filter({ hasText: 'Complimentary access ended by you' })
        .waitFor();
      expect(await facts.locator('.badge').textContent()).toBe('Free');
      expect(await facts.textContent()).toContain('Access untilNo end');

      // Deleting asks first, naming the member, with focus on the question.
      await page.getByRole('button', { name: 'Delete member' }).click();
      const question = page.getByRole('alertdialog');
      await question.getByText(email).waitFor();
      await expect
        .poll(() =>
          question
            .locator('#delete-question')
            .evaluate((el: any) => el === el.ownerDocument.activeElement),
        )
        .toBe(true);
      await checkScreen(page, 'member-confirm-delete');
      await question.getByRole('button', { name: 'Yes, delete this member' }).click();
      await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
      await status(page, /members shown/);
      expect(await page.locator('a.member-link', { hasText: email }).count()).toBe(0);
      await page.getByLabel('Search email or name').fill(email);
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByText('No members match.').waitFor();
      await status(page, '0 members shown');
      await checkScreen(page, 'members-after-delete');
      const found = await adminApi<{ members: unknown[] }>(
        page,
        `/members?q=${encodeURIComponent(email)}`,
      );
      expect(found.members).toEqual([]);

      expect(consoleErrors, 'console errors').toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('archives a tier, restores it, and deletes one nobody is on', async () => {
    const { context, page, consoleErrors } = await openPage();
    try {
      await signIn(page, site.server, admin);
      await openScreen(page, 'Tiers and prices');
      const name = `Backer ${suffix}`;
      await page.getByRole('button', { name: 'New tier' }).click();
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Monthly price').fill('4');
      await page.getByRole('button', { name: 'Create tier' }).click();
      await status(page, `Saved ${name}.`);
      const row = page.locator('.tier-row').filter({ hasText: name });
      expect(await row.getByText('Archived').count()).toBe(0);

      await row.getByRole('button', { name: `Archive ${name}` }).click();
      await status(page, `${name} is archived.`);
      await row.getByText('Archived', { exact: true }).waitFor();
      await checkScreen(page, 'tier-archived');
      // Stored: a reload still shows it archived.
      await page.reload({ waitUntil: 'load' });
      await row.getByText('Archived', { exact: true }).waitFor();
      type Tiers = { tiers: { name: string; isActive: boolean }[] };
      const isActive = async () =>
        (await adminApi<Tiers>(page, '/tiers')).tiers.find((t) => t.name === name)?.isActive;
      expect(await isActive()).toBe(false);

      await row.getByRole('button', { name: `Restore ${name}` }).click();
      await status(page, `${name} is offered again.`);
      expect(await row.getByText('Archived').count()).toBe(0);
      expect(await isActive()).toBe(true);

      await row.getByRole('button', { name: `Delete ${name}` }).click();
      await row.getByRole('alertdialog').waitFor();
      await checkScreen(page, 'tier-confirm-delete');
      await row.getByRole('button', { name: `Yes, delete ${name}` }).click();
      await status(page, `Deleted ${name}.`);
      expect(await row.count()).toBe(0);
      await page.reload({ waitUntil: 'load' });
      // The heading and "Loading tiers…" render together; the list replaces the latter.
      await page.getByRole('heading', { name: 'Tiers and prices', level: 1 }).waitFor();
      await page.getByText('Loading tiers…').waitFor({ state: 'detached' });
      expect(await page.locator('.tier-row').filter({ hasText: name }).count()).toBe(0);
      expect(await isActive()).toBeUndefined();
      await checkScreen(page, 'tiers');

      expect(consoleErrors, 'console errors').toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("changes a staff member's role, suspends them so they cannot sign in, and reactivates them", async () => {
    const name = `Sam Reyes ${suffix}`;
    const staffer = await createStaff(site.server, 'author', name);
    const adminSide = await openPage();
    const theirSide = await openPage();
    try {
      const page = adminSide.page;
      await signIn(page, site.server, admin);
      await openScreen(page, 'Staff');
      const row = page.locator('.staff-row').filter({ hasText: staffer.email });
      await row.waitFor();
      expect(await row.locator('.badge').first().textContent()).toBe('Author');

      await row.getByLabel(`Role of ${name}`, { exact: true }).selectOption('editor');
      await row.getByRole('button', { name: `Change role of ${name}` }).click();
      await status(page, `${name} is now Editor.`);
      expect(await row.locator('.badge').first().textContent()).toBe('Editor');

      // They sign in elsewhere, as an editor now.
      const them = theirSide.page;
      await signIn(them, site.server, staffer);
      type Me = { user: { role: string } };
      expect((await adminApi<Me>(them, '/me')).user.role).toBe('editor');

      await row.getByRole('button', { name: `Suspend ${name}` }).click();
      const confirm = row.getByRole('group', { name: /^Suspend / });
      await confirm.waitFor();
      await checkScreen(page, 'staff-confirm-suspend');
      await confirm.getByRole('button', { name: 'Suspend', exact: true }).click();
      await status(page, `${name} is suspended.`);
      await row.getByText('Suspended', { exact: true }).waitFor();
      await checkScreen(page, 'staff-suspended');

      // Their open session ended at once, and signing in again is refused.
      await them.reload({ waitUntil: 'load' });
      await them.getByRole('heading', { name: 'Sign in to Masthead', level: 1 }).waitFor();
      await them.getByLabel('Email').fill(staffer.email);
      await them.getByLabel('Password').fill(staffer.password);
      await them.getByRole('button', { name: 'Sign in' }).click();
      await them.getByRole('alert').filter({ hasText: 'Email or password is incorrect' }).waitFor();
      expect(await them.getByRole('heading', { name: 'Dashboard' }).count()).toBe(0);
      await checkScreen(them, 'staff-suspended-sign-in');

      await row.getByRole('button', { name: `Reactivate ${name}` }).click();
      await status(page, `${name} can sign in again.`);
      await row.getByText('Active', { exact: true }).waitFor();
      await signIn(them, site.server, staffer);

      expect(adminSide.consoleErrors, 'console errors (administrator)').toEqual([]);
      // The refused session check and sign-in log their 401s; nothing else may.
      expect(
        theirSide.consoleErrors.filter((line) => !refusedSession.test(line)),
        'console errors (suspended staff member)',
      ).toEqual([]);
    } finally {
      await adminSide.context.close();
      await theirSide.context.close();
    }
  });

  it('changes my password, then turns on two-factor sign-in and signs in with a code', async () => {
    const me = await createStaff(site.server, 'author', `Noor Haddad ${suffix}`);
    const { context, page, consoleErrors } = await openPage();
    try {
      await signIn(page, site.server, me);
      await page.getByRole('link', { name: me.name }).click();
      await page.getByRole('heading', { name: 'My profile', level: 1 }).waitFor();

      const newPassword = `a new harbour password ${suffix}`;
      const form = page.getByRole('form', { name: 'Password' });
      await form.getByLabel('Current password').fill(me.password);
      await form.getByLabel('New password', { exact: true }).fill(newPassword);
      await form.getByLabel('New password again').fill(newPassword);
      await form.getByRole('button', { name: 'Change password' }).click();
      await status(page, 'Password changed. Your other sessions were signed out.');
      await checkScreen(page, 'profile-password-changed');

      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.getByRole('heading', { name: 'Sign in to Masthead', level: 1 }).waitFor();
      // The old password no longer works; the new one does.
      await page.getByLabel('Email').fill(me.email);
      await page.getByLabel('Password').fill(me.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'Email or password is incorrect' }).waitFor();
      const renewed = { ...me, password: newPassword };
      await signIn(page, site.server, renewed);

      // Two-factor: the key is shown as text; the code comes from it as an app would make it.
      await page.getByRole('link', { name: me.name }).click();
      await page.getByRole('heading', { name: 'My profile', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
      await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
      const secret = ((await page.locator('.secret code').textContent()) ?? '').replace(/\s/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      expect(await page.getByLabel('Or paste this setup address').inputValue()).toContain(
        `secret=${secret}`,
      );
      const enabledStep = totpStepNow();
      await page.getByLabel('The 6-digit code the app shows').fill(totpCode(secret, enabledStep));
      await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
      await page
        .getByRole('heading', { name: 'Two-factor sign-in is on: save your recovery codes' })
        .waitFor();
      expect(await page.locator('.recovery-codes li').count()).toBeGreaterThan(0);
      await checkScreen(page, 'profile-recovery-codes');
      await page.getByRole('button', { name: 'I have saved them' }).click();
      await page.getByRole('button', { name: 'Turn off two-factor sign-in' }).waitFor();
      type Me = { user: { hasTwoFactor?: boolean } };
      expect((await adminApi<Me>(page, '/me')).user.hasTwoFactor).toBe(true);
      await checkScreen(page, 'profile-two-factor-on');

      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.getByRole('heading', { name: 'Sign in to Masthead', level: 1 }).waitFor();
      await page.getByLabel('Email').fill(me.email);
      await page.getByLabel('Password').fill(newPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const codeField = page.getByLabel('Two-factor code');
      await codeField.waitFor();
      await expect
        .poll(() => codeField.evaluate((el: any) => el === el.ownerDocument.activeElement))
        .toBe(true);
      await checkScreen(page, 'sign-in-two-factor');
      // A code works once: the step used to turn it on is spent, so use the next one (the
      // server accepts one step of drift) unless the clock has moved past it already.
      await codeField.fill(totpCode(secret, Math.max(totpStepNow(), enabledStep + 1)));
      await page.getByRole('button', { name: 'Verify' }).click();
      // Signed in again where they signed out: their profile, with two-factor on.
      await page.getByRole('heading', { name: 'My profile', level: 1 }).waitFor();
      await page.getByText(`Signed in as ${me.email} (Author).`).waitFor();
      await page.getByRole('button', { name: 'Turn off two-factor sign-in' }).waitFor();

      // Only the deliberately refused old password logged a 401.
      expect(
        consoleErrors.filter((line) => !refusedSession.test(line)),
        'console errors',
      ).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("adds a correction in the story editor and shows it on the published story's page", async () => {
    const { context, page, consoleErrors } = await openPage();
    try {
      await signIn(page, site.server, admin);
      type Posts = { posts: { id: string; url: string; title: string }[] };
      const { posts } = await adminApi<Posts>(page, '/posts?status=published&kind=article&limit=5');
      const story = posts[0];
      expect(story, 'a published demo story').toBeTruthy();

      await openOk(page, site.server.url(`/admin/stories/${story!.id}`));
      await page.getByRole('heading', { name: 'Edit story', level: 1 }).waitFor();
      const log = page.getByRole('region', { name: 'Corrections log' });
      const text = `An earlier version misnamed the harbour master. ${suffix}`;
      await log.getByLabel('Kind').selectOption('correction');
      await log.getByLabel('What changed').fill(text);
      await log.getByRole('button', { name: 'Add to the log' }).click();
      await log.locator('.corrections li').filter({ hasText: text }).waitFor();
      expect(await log.getByLabel('What changed').inputValue()).toBe('');
      await checkScreen(page, 'story-correction');

      await openOk(page, site.server.url(new URL(story!.url, site.server.origin).pathname));
      const box = page.getByRole('region', { name: 'Corrections and updates' });
      const entry = box.locator('li').filter({ hasText: text });
      await entry.waitFor();
      expect(await entry.locator('strong').textContent()).toBe('Correction');
      await saveScreenshot(page, 'admin-flows-story-correction-on-site');
      expect.soft(await axeViolations(page), 'axe on the story page').toEqual([]);

      expect(consoleErrors, 'console errors').toEqual([]);
    } finally {
      await context.close();
    }
  });
});
