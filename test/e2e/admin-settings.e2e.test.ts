import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStaff, openAdminScreen, signIn, type StaffLogin } from './admin-session.js';
import { describeWithBrowser, saveScreenshot, watchConsoleErrors } from './browser.js';
import { useSiteInBrowser } from './site-in-browser.js';
import { axeViolations, openOk } from './page-checks.js';

/** axe and screenshots at the two widths the admin is designed for. */
async function checkScreen(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), `axe violations on ${name} at 1280 px`).toEqual([]);
  await saveScreenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 768, height: 1000 });
  expect(await axeViolations(page), `axe violations on ${name} at 768 px`).toEqual([]);
  await saveScreenshot(page, `${name}-768`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describeWithBrowser('Admin: settings, API tokens, webhooks and the audit log', () => {
  const site = useSiteInBrowser();
  let page: Page;
  let consoleErrors: string[];
  let admin: StaffLogin;
  const suffix = Date.now().toString(36);
  const siteName = `The Riverside Ledger ${suffix}`;
  const accent = '#0b6e4f';
  const navLabel = `Elections ${suffix}`;
  const tokenName = `Mobile app ${suffix}`;
  const webhookName = `Partner CMS ${suffix}`;

  beforeAll(async () => {
    admin = await createStaff(site.server, 'administrator', `Grace Admin ${suffix}`);
    page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    consoleErrors = watchConsoleErrors(page);
  });
  afterAll(async () => {
    await page?.close();
  });

  it('changes the site name, accent colour and navigation, and the reader site shows them', async () => {
    // The home page is cached before the change: saving the settings must drop it.
    await openOk(page, site.server.url('/'));
    expect(await page.locator('.site-name').textContent()).not.toContain(siteName);

    await signIn(page, site.server, admin);
    await openAdminScreen(page, 'Settings');
    const name = page.getByLabel('Site name');
    await name.waitFor();
    // The Services panel reports the state without secrets (none are configured here).
    const services = page.getByRole('region', { name: 'Services' });
    await services.getByText('Email (SMTP)').waitFor();
    expect(await services.textContent()).toContain('Not configured');
    await checkScreen(page, 'admin-settings');

    await name.fill(siteName);
    await page.getByLabel('Accent colour', { exact: true }).fill(accent);
    await page.getByRole('button', { name: 'Add a navigation link' }).click();
    // The new row's label field takes focus, so typing goes straight into it.
    const label = page
      .locator('.link-rows')
      .first()
      .locator('li')
      .last()
      .getByLabel(/^Label/);
    await expect
      .poll(() => label.evaluate((el: any) => el === el.ownerDocument.activeElement))
      .toBe(true);
    await label.fill(navLabel);
    await page
      .locator('.link-rows')
      .first()
      .locator('li')
      .last()
      .getByLabel(/^Address/)
      .fill('/news/');
    // A link that would run script on the reader site is refused under its field.
    await page.getByRole('button', { name: 'Add a social link' }).click();
    const social = page.locator('.link-rows').nth(1).locator('li').last();
    await social.getByLabel(/^Name/).fill('Mastodon');
    await social.getByLabel(/^Address/).fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const socialUrl = social.getByLabel(/^Address/);
    await expect
      .poll(() => socialUrl.evaluate((el: any) => el === el.ownerDocument.activeElement))
      .toBe(true);
    expect(await socialUrl.getAttribute('aria-invalid')).toBe('true');
    await saveScreenshot(page, 'admin-settings-field-error');
    await socialUrl.fill('https://mastodon.example/@ledger');

    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await saveScreenshot(page, 'admin-settings-saved');

    await openOk(page, site.server.url('/'));
    expect(await page.locator('.site-name').textContent()).toContain(siteName);
    expect(await page.locator('head style').first().textContent()).toContain(`--accent:${accent}`);
    const nav = page.getByRole('navigation', { name: 'Sections' });
    expect(await nav.getByRole('link', { name: navLabel }).getAttribute('href')).toBe('/news/');
    // The sections the header listed before stay, in front of the new link.
    expect(await nav.getByRole('link').count()).toBeGreaterThan(1);
    expect(
      await page
        .getByRole('navigation', { name: 'Footer' })
        .getByRole('link', { name: 'Mastodon' })
        .getAttribute('href'),
    ).toBe('https://mastodon.example/@ledger');
    await saveScreenshot(page, 'admin-settings-on-site');
  });

  it('creates an API token, shows its secret once, which works against the API until revoked', async () => {
    await openOk(page, site.server.url('/admin/'));
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await openAdminScreen(page, 'API tokens', 'Admin API tokens');
    await page
      .getByText('No tokens yet', { exact: false })
      .or(page.locator('.token-table'))
      .waitFor();
    await checkScreen(page, 'admin-tokens');

    await page.getByLabel('Name').fill(tokenName);
    await page.getByRole('radio', { name: /^Admin API token/ }).check();
    await page.getByLabel('Role').selectOption('editor');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secretField = page.getByLabel('The token’s secret');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await checkScreen(page, 'admin-tokens-secret');

    // The secret works once, from outside the browser, as an app would use it.
    const answer = await fetch(site.server.url('/api/admin/v1/settings'), {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { settings: { siteName: string } }).settings.siteName).toBe(
      siteName,
    );

    await page.getByRole('button', { name: 'I have kept it' }).click();
    expect(await page.getByLabel('The token’s secret').count()).toBe(0);
    // Never shown again: the list has only the prefix.
    expect(await page.locator('main').textContent()).not.toContain(secret);

    await page.getByRole('button', { name: `Revoke “${tokenName}”` }).click();
    const dialog = page.getByRole('dialog', { name: `Revoke “${tokenName}”?` });
    await dialog.waitFor();
    expect(
      await dialog
        .getByRole('button', { name: 'Cancel' })
        .evaluate((el: any) => el === el.ownerDocument.activeElement),
    ).toBe(true);
    expect(await axeViolations(page), 'axe violations with the revoke dialog open').toEqual([]);
    await saveScreenshot(page, 'admin-tokens-revoke-dialog');
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await page.getByRole('status').filter({ hasText: 'is revoked' }).waitFor();
    const refused = await fetch(site.server.url('/api/admin/v1/settings'), {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(refused.status).toBe(401);
  });

  it('gives a token an expiry: a past time is refused at the field, a preset shows in the list', async () => {
    const expiringName = `Election night script ${suffix}`;
    await page.getByLabel('Name').fill(expiringName);
    await page.getByRole('radio', { name: /^Admin API token/ }).check();
    await page.getByLabel('Role').selectOption('administrator');
    await page.getByLabel('Expires').selectOption('at');
    await page.getByLabel('Expiry time').fill('2020-01-01T09:00');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page
      .locator('#token-expiresAt-error')
      .filter({ hasText: 'must be in the future' })
      .waitFor();
    expect(await page.getByLabel('Expiry time').getAttribute('aria-invalid')).toBe('true');
    // That refusal is the one console error this test expects: the browser logs the 400.
    const refusal = consoleErrors.findIndex((e) =>
      /status of 400.*\/api\/admin\/v1\/tokens/.test(e),
    );
    expect(refusal).toBeGreaterThanOrEqual(0);
    consoleErrors.splice(refusal, 1);

    await page.getByLabel('Expires').selectOption('30');
    const before = Date.now();
    await page.getByRole('button', { name: 'Create token' }).click();
    const secretField = page.getByLabel('The token’s secret');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    await saveScreenshot(page, 'admin-tokens-expiring-secret');
    await page.getByRole('button', { name: 'I have kept it' }).click();

    const row = page.locator('.token-table tr').filter({ hasText: expiringName });
    await row.waitFor();
    // Columns: kind, made by, created, last used, expires.
    const expiresCell = (await row.locator('td').nth(4).textContent()) ?? '';
    expect(expiresCell).not.toBe('Never');
    expect(expiresCell).toMatch(/\d{4}/);
    await saveScreenshot(page, 'admin-tokens-expiring-list');

    const answer = await fetch(site.server.url('/api/admin/v1/tokens'), {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(answer.status).toBe(200);
    const listed = (
      (await answer.json()) as { tokens: Array<{ name: string; expiresAt: string | null }> }
    ).tokens.find((t) => t.name === expiringName);
    const expires = Date.parse(listed?.expiresAt ?? '');
    expect(expires - before).toBeGreaterThan(29.9 * 86_400_000);
    expect(expires - before).toBeLessThan(30.1 * 86_400_000);
  });

  it("creates a Content API key, shown once with its form for Ghost's clients; both read content", async () => {
    await page.getByLabel('Name').fill(`Partner app ${suffix}`);
    await page.getByRole('radio', { name: /^Content API key/ }).check();
    await page.getByRole('button', { name: 'Create token' }).click();
    const secretField = page.getByLabel('The token’s secret');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    const ghostKey = (await page.locator('.secret-once .ghost-key').textContent()) ?? '';
    expect(ghostKey).toMatch(/^[0-9a-f]{26}$/);
    await saveScreenshot(page, 'admin-tokens-content-key');
    await page.getByRole('button', { name: 'I have kept it' }).click();
    expect(await page.locator('main').textContent()).not.toContain(ghostKey);
    for (const key of [secret, ghostKey]) {
      const answer = await fetch(site.server.url(`/api/content/v1/posts?key=${key}`));
      expect(answer.status, key).toBe(200);
    }
  });

  it('creates a webhook, sees it listed and its secret once', async () => {
    await openAdminScreen(page, 'Webhooks');
    await page.getByText('No webhooks yet.').waitFor();
    await checkScreen(page, 'admin-webhooks');

    await page.getByLabel('Name').fill(webhookName);
    await page.getByLabel('Address (URL)').fill('https://hooks.example.org/masthead');
    await page.getByLabel('A story is published').check();
    await page.getByRole('button', { name: 'Create webhook' }).click();
    const secret = page.getByLabel('Signing secret');
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^whsec_/);
    const card = page.locator('.webhook-card').filter({ hasText: webhookName });
    await card.waitFor();
    expect(await card.textContent()).toContain('https://hooks.example.org/masthead');
    expect(await card.textContent()).toContain('post.published');
    await page.getByRole('button', { name: `Deliveries` }).click();
    await card.getByText('Nothing sent yet:').waitFor();
    await checkScreen(page, 'admin-webhooks-created');
    await page.getByRole('button', { name: 'I have kept it' }).click();
  });

  it('lists these actions in the audit log, in the newsroom’s time zone', async () => {
    await openAdminScreen(page, 'Audit log');
    const table = page.locator('.audit-table');
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    for (const action of [
      'Site settings changed',
      'API token created',
      'API token revoked',
      'Webhook created',
      'Signed in',
    ])
      expect(text, action).toContain(action);
    // Actors read as names, not ids.
    expect(text).toContain(admin.name);
    expect(await page.locator('.zone-note').textContent()).toContain('Europe/Bucharest');
    await checkScreen(page, 'admin-audit');

    // Filtering by action asks the server again and lists only those entries.
    await page.getByLabel('What').selectOption('webhook.created');
    await page.getByRole('status').filter({ hasText: '1 entry shown' }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(1);
    await saveScreenshot(page, 'admin-audit-filtered');

    expect(consoleErrors, 'console errors').toEqual([]);
  });
});
