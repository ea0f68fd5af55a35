import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmtpTestServer, type SmtpTestServer } from '../helpers/smtp-test-server.js';
import { demoOwner, signIn } from './admin-session.js';
import { describeWithBrowser, launchBrowser, watchConsoleErrors } from './browser.js';
import { linkIn, mailCount, nextMailTo, snapBoth } from './reader-journey.js';
import { queryOne, startSiteServer, type SiteServer } from './site-server.js';

/**
 * What a newsroom sees on day one without a Stripe key: the demo's drive banner without a gift
 * button, a footer whose links all lead to pages (About, Contact, Privacy), a free join from the
 * banner credited to the drive, and the drive's texts following its goal when an editor changes
 * it from 25,000 to 500 — the bar then still shows a sliver, in light and dark mode.
 */
describeWithBrowser(
  'day one: drive banner, footer pages, attribution, goal-following texts',
  () => {
    let server: SiteServer;
    let smtp: SmtpTestServer;
    let browser: Browser;
    let reader: BrowserContext;
    let page: Page;
    let consoleErrors: string[];
    const email = 'first.reader@example.org';
    const url = (path: string) => server.url(path);
    const banner = () => page.getByRole('complementary', { name: 'Membership drive' });
    const demoDrive = () =>
      queryOne<{ id: string; name: string }>(server, 'select id, name from campaigns limit 1')!;

    beforeAll(async () => {
      smtp = await startSmtpTestServer();
      // No STRIPE_SECRET_KEY: paid membership is off, as on a fresh install.
      server = await startSiteServer({
        env: { SMTP_URL: smtp.url, MAIL_FROM: 'The Courier <news@courier.example>' },
      });
      browser = await launchBrowser();
      reader = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await reader.newPage();
      consoleErrors = watchConsoleErrors(page);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await smtp?.close();
    });

    it('shows no gift button without payments, and a footer whose links all lead to pages', async () => {
      await page.goto(url('/'));
      await banner().getByRole('link', { name: 'Become a member' }).waitFor();
      expect(await banner().getByRole('link', { name: 'Gift membership' }).count()).toBe(0);
      expect(await banner().textContent()).toContain('25,000');

      const footer = page.getByRole('navigation', { name: 'Footer' });
      const hrefs = await footer
        .getByRole('link')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      // Newsletters exist from the first start (the demo's lists), and the page they link is real.
      expect(hrefs).toEqual(
        expect.arrayContaining(['/about/', '/contact/', '/privacy/', '/newsletters/']),
      );
      await snapBoth(page, 'firstrun-footer');
      for (const href of hrefs.filter((h) => h.startsWith('/'))) {
        const response = await page.request.get(url(href));
        expect(response.status(), href).toBe(200);
      }

      await footer.getByRole('link', { name: 'About' }).click();
      await page.waitForURL(/\/about\/$/);
      await page.getByRole('heading', { name: /^About /, level: 1 }).waitFor();
      await snapBoth(page, 'firstrun-about');
      await page.goto(url('/privacy/'));
      expect(await page.locator('main').textContent()).toContain('What we store about you');
      expect(consoleErrors).toEqual([]);
    });

    it('joins free from the banner; the join is credited to the drive and shown in its stats', async () => {
      await page.goto(url('/'));
      await banner().getByRole('link', { name: 'Become a member' }).click();
      await page.waitForURL(/\/membership\/\?campaign=/);
      const main = (await page.locator('main').textContent()) ?? '';
      // No staff wording on a reader page.
      expect(main).not.toMatch(/not set up/i);
      await page.getByRole('link', { name: 'Join free' }).click();
      await page.waitForURL(/\/signin\/\?campaign=/);
      await page.getByLabel('Email address').fill(email);
      const before = mailCount(smtp, email);
      await page.getByRole('button', { name: 'Send me a link' }).click();
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();
      const mail = await nextMailTo(smtp, email, before);
      await page.goto(linkIn(mail.text, url('/signin/confirm?token=')));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/account\/$/);
      // Without payments there is no billing to manage and nothing to upgrade to.
      const account = (await page.locator('main').textContent()) ?? '';
      expect(account).toContain('Free member');
      expect(await page.getByRole('link', { name: 'Manage billing' }).count()).toBe(0);
      expect(account).not.toMatch(/Manage billing|not set up/);
      await snapBoth(page, 'firstrun-account-free');

      const drive = demoDrive();
      const joined = queryOne<{ campaign_id: string | null }>(
        server,
        `select e.campaign_id from member_events e join members m on m.id = e.member_id
       where m.email = '${email}' and e.type = 'joined'`,
      );
      expect(joined?.campaign_id).toBe(drive.id);
      expect(consoleErrors).toEqual([]);
    });

    it('lets an editor change the goal to 500: no 25,000 left, a sliver of progress, dark mode', async () => {
      const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const adminErrors = watchConsoleErrors(admin);
      await signIn(admin, server, demoOwner(server));
      await admin
        .getByRole('navigation', { name: 'Admin' })
        .getByRole('link', { name: 'Membership drives', exact: true })
        .click();
      await admin.getByRole('heading', { name: 'Membership drives', level: 1 }).waitFor();
      const drive = demoDrive();
      // The drive's stats count the free join that started from its banner.
      await admin.getByText('Through this drive: 1 joined, 0 paid.').waitFor();
      await admin.getByRole('button', { name: `Edit ${drive.name}` }).click();
      // The gift button points at something switched off: the editor says so.
      await admin.getByText('Paid membership is off (no Stripe key)').first().waitFor();
      await snapBoth(admin, 'firstrun-admin-drive-warning');
      await admin.getByLabel('Goal', { exact: true }).fill('500');
      await admin.getByLabel('Count', { exact: true }).selectOption('all_members');
      // A message that cannot render is refused, naming the field.
      await admin.getByLabel('Headline', { exact: true }).fill('Help us reach {goal, number');
      await admin.getByRole('button', { name: 'Save drive' }).click();
      await admin
        .getByText(/is not a valid message/)
        .first()
        .waitFor();
      await admin
        .getByLabel('Headline', { exact: true })
        .fill('Help us reach {goal, number} members by the end of the year');
      await admin.getByRole('button', { name: 'Save drive' }).click();
      await admin.getByText(/^Saved /).waitFor();
      // The refused save is a 400 the browser reports; nothing else may appear.
      expect(adminErrors.filter((e) => !e.includes('status of 400'))).toEqual([]);
      await admin.close();

      await page.goto(url('/'));
      const text = (await banner().textContent()) ?? '';
      expect(text).toContain('Help us reach 500 members');
      expect(text).toMatch(/\d+ out of 500/);
      expect(await page.content()).not.toContain('25,000');
      // One member of 500 is 0.2 %: the bar still shows a visible sliver.
      const sliver = await page.locator('.drive-progress-value').boundingBox();
      expect(sliver?.width ?? 0).toBeGreaterThanOrEqual(2);
      await snapBoth(page, 'firstrun-small-goal-banner');

      await page.emulateMedia({ colorScheme: 'dark' });
      await page.reload();
      // The computed colours, read in the page (its globals are not typed in this Node project).
      const fillOf = (selector: string, property: 'fill' | 'backgroundColor') =>
        page
          .locator(selector)
          .first()
          .evaluate((element, name) => {
            const view = element.ownerDocument.defaultView as unknown as {
              getComputedStyle(e: unknown): Record<string, string>;
            };
            return view.getComputedStyle(element)[name] ?? '';
          }, property);
      const colours = {
        value: await fillOf('.drive-progress-value', 'fill'),
        track: await fillOf('.drive-progress-track', 'fill'),
        background: await fillOf('.drive-banner', 'backgroundColor'),
      };
      // Dark mode: the bar's value uses the lightened accent, distinct from its track and the banner.
      expect(colours.value).not.toBe(colours.track);
      expect(colours.track).not.toBe(colours.background);
      expect(colours.value).not.toBe('rgb(180, 35, 42)');
      await snapBoth(page, 'firstrun-small-goal-banner-dark');
      await page.emulateMedia({ colorScheme: 'light' });
      expect(consoleErrors).toEqual([]);
    });
  },
);
