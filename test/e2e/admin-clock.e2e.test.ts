import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { adminCall, shownIn } from './admin-api-in-page.js';
import { createStaff, openAdminScreen, signIn, type StaffLogin } from './admin-session.js';
import { describeWithBrowser, saveScreenshot, watchConsoleErrors } from './browser.js';
import { useSiteInBrowser } from './site-in-browser.js';

const newsroomZone = 'Asia/Tokyo';
const browserZone = 'America/Los_Angeles';

/**
 * One clock in the admin: the newsroom is in Tokyo, the browser in Los Angeles (17 hours apart).
 * Every time the admin shows (stories, dashboard, drives, invitations, audit) is Tokyo's, labelled
 * so, and a time typed into the schedule picker is read as Tokyo's.
 */
describeWithBrowser('Admin: every time in the newsroom’s zone, whatever the browser’s', () => {
  const site = useSiteInBrowser();
  let admin: StaffLogin;
  let page: Page;
  let consoleErrors: string[];

  beforeAll(async () => {
    admin = await createStaff(site.server, 'administrator', 'Clock Administrator');
    const context = await site.browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: browserZone,
    });
    page = await context.newPage();
    consoleErrors = watchConsoleErrors(page);
    await signIn(page, site.server, admin);
    await adminCall(page, 'PATCH', '/settings', { timezone: newsroomZone });
  });

  const both = async (name: string) => {
    await saveScreenshot(page, `admin-clock-${name}-1280`);
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, `admin-clock-${name}-390`);
    await page.setViewportSize({ width: 1280, height: 900 });
  };
  const zoneNote = () => page.locator('.zone-note').first();

  it('reads a scheduled time typed in the picker as Tokyo time and shows it so everywhere', async () => {
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
      browserZone,
    );
    const { post } = await adminCall<{ post: { id: string } }>(page, 'POST', '/posts', {
      kind: 'article',
      title: 'Typhoon season closes the port',
    });
    await page.goto(site.server.url(`/admin/stories/${post.id}`));
    await page.getByRole('heading', { name: 'Publishing' }).waitFor();
    await page.getByText('Newsroom time: Asia/Tokyo (UTC+09:00)').waitFor();
    await page.locator('#publish-at').fill('2027-01-10T09:30');
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page.locator('.badge.status-scheduled').first().waitFor();

    const stored = await adminCall<{ post: { scheduledAt: string } }>(
      page,
      'GET',
      `/posts/${post.id}`,
    );
    // 09:30 in Tokyo (UTC+9) is 00:30 UTC; read in Los Angeles it would have been 17:30 UTC.
    expect(stored.post.scheduledAt).toBe('2027-01-10T00:30:00.000Z');
    const tokyo = await shownIn(page, stored.post.scheduledAt, newsroomZone);
    const losAngeles = await shownIn(page, stored.post.scheduledAt, browserZone);
    expect(tokyo).not.toBe(losAngeles);

    await openAdminScreen(page, 'Stories');
    await expect.poll(() => zoneNote().textContent()).toContain('Asia/Tokyo (UTC+09:00)');
    const row = page.locator('.story-row').filter({ hasText: 'Typhoon season closes the port' });
    await expect.poll(() => row.textContent()).toContain(`for ${tokyo}`);
    expect(await row.textContent()).not.toContain(losAngeles);
    await both('stories');

    await openAdminScreen(page, 'Dashboard');
    await expect.poll(() => page.locator('main').textContent()).toContain(`for ${tokyo}`);
    expect(await zoneNote().textContent()).toContain('Asia/Tokyo');
    await both('dashboard');
  });

  it('shows and takes a drive’s dates in Tokyo time', async () => {
    await openAdminScreen(page, 'Membership drives');
    await page.getByRole('button', { name: 'New drive' }).click();
    const start = page.getByLabel('Starts', { exact: true });
    await start.waitFor();
    expect(await page.getByText('Newsroom time: Asia/Tokyo (UTC+09:00)').count()).toBe(2);
    const tokyoNow = await page.evaluate(() => {
      const parts = new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Asia/Tokyo',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        hourCycle: 'h23',
      }).formatToParts(new Date());
      const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
      return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}`;
    });
    // The default start is now, on Tokyo's clock (to the hour here, so a minute turning is fine).
    expect((await start.inputValue()).slice(0, 13)).toBe(tokyoNow);
    await page.getByLabel('Name', { exact: true }).fill('Clock drive');
    await page.getByLabel('Headline', { exact: true }).fill('Keep Tokyo’s newsroom going');
    await page.getByLabel('Goal', { exact: true }).fill('500');
    await start.fill('2027-02-01T08:00');
    await page.getByLabel('Ends', { exact: true }).fill('2027-02-28T20:00');
    await page.getByRole('button', { name: 'Create drive' }).click();
    const card = page.locator('main').getByText('Clock drive').first();
    await card.waitFor();
    const { campaigns } = await adminCall<{
      campaigns: Array<{ name: string; startsAt: string; endsAt: string }>;
    }>(page, 'GET', '/campaigns');
    const drive = campaigns.find((c) => c.name === 'Clock drive');
    expect(drive?.startsAt).toBe('2027-01-31T23:00:00.000Z');
    expect(drive?.endsAt).toBe('2027-02-28T11:00:00.000Z');
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain(await shownIn(page, '2027-01-31T23:00:00.000Z', newsroomZone));
    await both('drives');
  });

  it('shows invitation and audit times in Tokyo time', async () => {
    await openAdminScreen(page, 'Staff');
    await page.getByLabel('Email', { exact: true }).fill('tokyo-desk@newsroom.example');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    const row = page.locator('.pending-row').filter({ hasText: 'tokyo-desk@newsroom.example' });
    await row.waitFor();
    const { invitations } = await adminCall<{
      invitations: Array<{ email: string; expiresAt: string }>;
    }>(page, 'GET', '/invitations');
    const expiresAt = invitations.find((i) => i.email === 'tokyo-desk@newsroom.example')
      ?.expiresAt as string;
    expect(await row.textContent()).toContain(await shownIn(page, expiresAt, newsroomZone));
    await both('staff');

    await openAdminScreen(page, 'Audit log');
    const entry = page.locator('.audit-table tbody tr').first();
    await entry.waitFor();
    const iso = (await entry.locator('time').getAttribute('datetime')) as string;
    expect(await entry.locator('time').textContent()).toBe(await shownIn(page, iso, newsroomZone));
    expect(await zoneNote().textContent()).toContain('Asia/Tokyo');
    await both('audit');
    expect(consoleErrors).toEqual([]);
  });
});
