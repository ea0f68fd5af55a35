import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { createStaff, signIn, type StaffLogin } from './admin-session.js';
import { describeWithBrowser, saveScreenshot, watchConsoleErrors } from './browser.js';
import { useSiteInBrowser } from './site-in-browser.js';
import { axeViolations, openOk } from './page-checks.js';
import { queryOne } from './site-server.js';

/**
 * An administrator's audience screens: the dashboard, members (adding one), a member's page,
 * tiers, and a membership drive created with its live preview, which then leads the reader
 * site's banner with the real member count. Every screen: no console errors, no axe violations.
 */
describeWithBrowser('Admin: members, tiers and a membership drive on the site', () => {
  const site = useSiteInBrowser();
  let admin: StaffLogin;

  beforeAll(async () => {
    admin = await createStaff(site.server, 'administrator', 'Drive Administrator');
  });

  /** A side-navigation entry by its exact name ("Members" is also in "Membership drives"). */
  const openScreen = async (page: Page, link: string, heading = link) => {
    await page
      .getByRole('navigation', { name: 'Admin' })
      .getByRole('link', { name: link, exact: true })
      .click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };

  /** axe on the screen as it is now, named for the message. */
  const expectAccessible = async (page: Page, screen: string) =>
    expect.soft(await axeViolations(page), `axe-core WCAG 2.1 A/AA on ${screen}`).toEqual([]);

  /** Members in the server's database, read apart from the API the admin and site use. */
  const memberCount = () =>
    Number(queryOne<{ n: number }>(site.server, 'select count(*) as n from members')?.n ?? 0);

  it('creates a drive with a live preview that the reader site then shows with the real count', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      const consoleErrors = watchConsoleErrors(page);
      await signIn(page, site.server, admin);

      // Dashboard: members in total and the running drive's chart for an administrator.
      await page.getByText('Members in total').waitFor();
      await page.locator('.dashboard-panel svg[role="img"]').first().waitFor();
      await page.getByRole('heading', { name: 'Scheduled stories' }).waitFor();
      await saveScreenshot(page, 'admin-dashboard');
      await expectAccessible(page, 'the dashboard');

      // Members: the list, then a member added by hand, which opens their page.
      await openScreen(page, 'Members');
      await page
        .getByRole('status')
        .filter({ hasText: /members shown/ })
        .waitFor();
      await saveScreenshot(page, 'admin-members');
      await expectAccessible(page, 'the members list');

      const email = `reader-${Date.now().toString(36)}@example.org`;
      await page.getByRole('button', { name: 'Add a member' }).click();
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Name (optional)').fill('Drive Reader');
      await page.getByLabel('Labels (optional)').fill('e2e, drive');
      await page.getByRole('button', { name: 'Add member' }).click();
      await page.getByRole('heading', { name: 'Member', level: 1 }).waitFor();
      await page.getByText(email).first().waitFor();
      await page.getByRole('heading', { name: 'History' }).waitFor();
      await page.locator('.member-history li').first().waitFor();
      await saveScreenshot(page, 'admin-member-detail');
      await expectAccessible(page, "a member's page");

      // Import: a file with a bad row imports nothing, says which row and why, then the
      // valid rows go in on their own; the list then shows the imported and the added member.
      await page.getByRole('link', { name: 'All members' }).first().click();
      await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Import CSV' }).click();
      await page.getByLabel('CSV file').setInputFiles({
        name: 'members.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          `email,name\nimported-${email},Imported Reader\nnot-an-email,Bad Row\n`,
        ),
      });
      await page.getByRole('button', { name: 'Check and import' }).click();
      await page.getByText('Nothing was imported').waitFor();
      const problems = page.getByRole('table', { name: 'Rows with problems' });
      expect(await problems.locator('tbody tr').count()).toBe(1);
      expect(await problems.locator('tbody tr td').first().textContent()).toBe('3');
      await saveScreenshot(page, 'admin-members-import-report');
      await expectAccessible(page, 'the import report');
      await page.getByRole('button', { name: 'Import the valid rows only' }).click();
      await page.getByText('Imported 1 new member from 2 rows').waitFor();
      await page.locator('a.member-link', { hasText: `imported-${email}` }).waitFor();
      // The same panel updates existing members: a changed name goes in, an unknown email is
      // listed as skipped with its row.
      await page.getByLabel('Update existing members').check();
      await page.getByLabel('CSV file').setInputFiles({
        name: 'members-edited.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`email,name\nimported-${email},Renamed Reader\nnobody-${email},X\n`),
      });
      await page.getByRole('button', { name: 'Check and import' }).click();
      await page.getByText('Updated 1 member from 2 rows; 1 row skipped').waitFor();
      const skipped = page.getByRole('table', { name: 'Rows skipped' });
      expect(await skipped.locator('tbody tr td').first().textContent()).toBe('3');
      await page.locator('a.member-link', { hasText: `imported-${email}` }).waitFor();
      await page.locator('a.member-link', { hasText: email }).first().waitFor();
      await saveScreenshot(page, 'admin-members-list');
      await expectAccessible(page, 'the members list with members');

      // Tiers and prices: a paid tier with a choose-your-amount minimum, made in the form.
      await openScreen(page, 'Tiers and prices');
      await page.getByRole('button', { name: 'New tier' }).click();
      await page.getByLabel('Name', { exact: true }).fill('Patron');
      await page.getByLabel('Monthly price').fill('12');
      await page.getByLabel('Yearly price').fill('120.50');
      await page.getByLabel('Choose your amount: monthly minimum').fill('6');
      await page.getByRole('button', { name: 'Create tier' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved Patron.' }).waitFor();
      const tierRow = page.locator('.tier-row').filter({ hasText: 'Patron' });
      expect(await tierRow.textContent()).toContain('$12.00 a month');
      expect(await tierRow.textContent()).toContain('$120.50 a year');
      expect(
        queryOne<{ minimum_amount: number }>(
          site.server,
          "select minimum_amount from tiers where name = 'Patron'",
        )?.minimum_amount,
      ).toBe(600);
      await saveScreenshot(page, 'admin-tiers');
      await expectAccessible(page, 'the tiers screen');

      // A new drive counting all members: the preview counts as the site will.
      const count = memberCount();
      expect(count).toBeGreaterThan(0);
      const goal = 750; // Under 1,000 with count, so no digit grouping differs between locales.
      const name = `Spring drive ${Date.now().toString(36)}`;
      const headline = `Help us reach ${goal} members by the spring.`;
      await openScreen(page, 'Membership drives');
      await page.getByRole('button', { name: 'New drive' }).click();
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Headline', { exact: true }).fill(headline);
      await page.getByLabel('Goal', { exact: true }).fill(String(goal));
      await page.getByLabel('Count', { exact: true }).selectOption('all_members');
      await page.getByLabel('While it runs').fill('Independent reporting needs you.');

      const preview = page.getByTestId('drive-preview');
      await expect.poll(() => preview.textContent()).toContain(`${count} out of ${goal}`);
      expect(await preview.textContent()).toContain(headline);
      expect(await preview.textContent()).toContain('Independent reporting needs you.');
      await saveScreenshot(page, 'admin-drive-preview');
      await expectAccessible(page, 'the drive form');

      await page.getByRole('button', { name: 'Create drive' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Saved ${name}.` })
        .waitFor();
      await page.getByRole('heading', { name }).waitFor();
      await saveScreenshot(page, 'admin-drives');
      await expectAccessible(page, 'the drives list');

      const saved = queryOne<{ id: string }>(
        site.server,
        `select id from campaigns where name = '${name.replace(/'/g, "''")}'`,
      );
      expect(saved?.id).toBeTruthy();

      // The demo newsroom runs its own drive; the site shows the one that started last: ours.
      await openOk(page, site.server.url('/'));
      const banner = page.locator('aside.drive-banner');
      expect(await banner.getAttribute('data-drive')).toBe(saved!.id);
      const text = (await banner.textContent()) ?? '';
      expect(text).toContain(`${memberCount()} out of ${goal}`);
      expect(text).toContain(headline);
      expect(text).toContain('Independent reporting needs you.');
      await saveScreenshot(page, 'admin-drive-on-site');

      expect(consoleErrors, 'console errors').toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('keeps the audience screens usable at 768 px', async () => {
    const page = await site.browser.newPage({ viewport: { width: 768, height: 1024 } });
    try {
      const consoleErrors = watchConsoleErrors(page);
      await signIn(page, site.server, admin);
      await page.getByText('Members in total').waitFor();
      await saveScreenshot(page, 'admin-dashboard-768');
      await openScreen(page, 'Membership drives');
      await page.getByRole('button', { name: 'New drive' }).click();
      await page.getByTestId('drive-preview').waitFor();
      await saveScreenshot(page, 'admin-drive-form-768');
      await expectAccessible(page, 'the drive form at 768 px');
      // Nothing wider than the window: no sideways scrolling.
      const overflow = await page.evaluate(() => {
        const doc = (
          globalThis as unknown as {
            document: { documentElement: { scrollWidth: number; clientWidth: number } };
          }
        ).document;
        return doc.documentElement.scrollWidth - doc.documentElement.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      expect(consoleErrors, 'console errors').toEqual([]);
    } finally {
      await page.close();
    }
  });
});
