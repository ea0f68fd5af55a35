import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStaff, openAdminScreen, signIn, type StaffLogin } from './admin-session.js';
import { describeWithBrowser, saveScreenshot, watchConsoleErrors } from './browser.js';
import { useSiteInBrowser } from './site-in-browser.js';
import { axeViolations, openOk } from './page-checks.js';

/** A plain PNG made here rather than a binary fixture; the colour makes it unlike demo images. */
const makePng = () =>
  sharp({
    create: { width: 800, height: 500, channels: 3, background: { r: 23, g: 140, b: 97 } },
  })
    .png()
    .toBuffer();

/** Screenshots at the two widths the admin is designed for, and axe on the screen as it is. */
async function checkScreen(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), `axe violations on ${name}`).toEqual([]);
  await saveScreenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 768, height: 1000 });
  await saveScreenshot(page, `${name}-768`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describeWithBrowser('Admin: media, sections, staff and profile', () => {
  const site = useSiteInBrowser();
  let page: Page;
  let consoleErrors: string[];
  let admin: StaffLogin;
  const suffix = Date.now().toString(36);

  beforeAll(async () => {
    admin = await createStaff(site.server, 'administrator', `Ada Okafor ${suffix}`);
    page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    consoleErrors = watchConsoleErrors(page);
  });
  afterAll(async () => {
    await page?.close();
  });

  it('answers a password-reset request with the same message for any address', async () => {
    await openOk(page, site.server.url('/admin/'));
    await page.getByRole('button', { name: 'Forgot your password?' }).click();
    const email = page.getByLabel('Your account’s email');
    await expect
      .poll(() => email.evaluate((el: any) => el === el.ownerDocument.activeElement))
      .toBe(true);
    await email.fill(`nobody-${suffix}@newsroom.example`);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    const neutral = 'If that address has an account, a reset link is on its way.';
    await page.getByRole('status').filter({ hasText: neutral }).waitFor();
    await checkScreen(page, 'admin-forgot-password');

    // A real account gets exactly the same words.
    await openOk(page, site.server.url('/admin/'));
    await page.getByRole('button', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Your account’s email').fill(admin.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('status').filter({ hasText: neutral }).waitFor();
  });

  it('shows the signed-out reset and invitation screens accessibly', async () => {
    await openOk(page, site.server.url('/admin/reset-password?token=from-an-email'));
    await page.getByRole('heading', { name: 'Choose a new password', level: 1 }).waitFor();
    await page.getByLabel('New password again').waitFor();
    await checkScreen(page, 'admin-reset-password');

    await openOk(page, site.server.url('/admin/accept-invitation?token=from-an-email'));
    await page.getByRole('heading', { name: 'Join the newsroom', level: 1 }).waitFor();
    await page.getByLabel('Your name').waitFor();
    await checkScreen(page, 'admin-accept-invitation');
  });

  it('uploads an image, edits its caption and credit, and keeps them after a reload', async () => {
    await signIn(page, site.server, admin);
    await openAdminScreen(page, 'Media', 'Media library');
    await page
      .getByRole('status')
      .filter({ hasText: /images? shown/ })
      .waitFor({ state: 'attached' });

    const png = await makePng();
    const alt = `Harbour cranes at dawn ${suffix}`;
    await page.getByLabel('Image file').setInputFiles({
      name: `cranes-${suffix}.png`,
      mimeType: 'image/png',
      buffer: png,
    });
    await page.getByLabel('Alt text (optional)').fill(alt);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Uploaded cranes-${suffix}.png` })
      .waitFor();

    // The same bytes dropped on the zone are recognised as a duplicate.
    // (The callback runs in the page; the test's types have no DOM, hence `any`.)
    const dropped = await page.evaluateHandle((bytes: number[]) => {
      const scope = globalThis as any;
      const transfer = new scope.DataTransfer();
      transfer.items.add(
        new scope.File([new Uint8Array(bytes)], 'cranes-again.png', { type: 'image/png' }),
      );
      return transfer;
    }, Array.from(png));
    await page.dispatchEvent('.dropzone', 'drop', { dataTransfer: dropped });
    await page.getByText('Ready to upload: cranes-again.png').waitFor();
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'already in the library' }).waitFor();

    const caption = `Cranes unload the first ferry of the season ${suffix}`;
    const credit = `Photo: Lina Berg ${suffix}`;
    await page.getByRole('button', { name: `Edit ${alt}` }).click();
    await page.getByRole('heading', { name: 'Edit image details' }).waitFor();
    await page.getByLabel('Caption', { exact: true }).fill(caption);
    await page.getByLabel('Credit', { exact: true }).fill(credit);
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await checkScreen(page, 'admin-media-editing');

    await page.reload({ waitUntil: 'load' });
    await page.getByRole('heading', { name: 'Media library', level: 1 }).waitFor();
    const card = page.locator('.media-grid li').filter({ hasText: caption });
    await card.waitFor();
    expect(await card.textContent()).toContain(credit);
    await page.getByRole('button', { name: `Edit ${alt}` }).click();
    expect(await page.getByLabel('Caption', { exact: true }).inputValue()).toBe(caption);
    expect(await page.getByLabel('Credit', { exact: true }).inputValue()).toBe(credit);
    // The thumbnail is a resized variant the server makes on request, and it loads.
    const thumb = card.locator('img');
    expect(await thumb.getAttribute('src')).toMatch(/\/media\/[0-9a-f-]+\/w320\.webp$/);
    await expect
      .poll(() => thumb.evaluate((img: any) => (img.complete ? img.naturalWidth : 0)))
      .toBe(320);

    // Searching the library: by credit, then for nothing; Clear lists every image again.
    await page.getByLabel('Search the library').fill(`LINA BERG ${suffix}`);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('heading', { name: `Images matching “LINA BERG ${suffix}”` }).waitFor();
    expect(await page.locator('.media-grid li').count()).toBe(1);
    await page.getByLabel('Search the library').fill(`no such image ${suffix}`);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('No image matches that search.').waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('heading', { name: 'All images' }).waitFor();
    await card.waitFor();
    expect(await page.getByLabel('Search the library').inputValue()).toBe('');
  });

  it('creates a section and lists it with the sections', async () => {
    await openAdminScreen(page, 'Sections and tags');
    await page.getByRole('heading', { name: /^Sections \(\d+\)$/ }).waitFor();
    await page.getByRole('button', { name: 'New section' }).click();
    const name = `Climate ${suffix}`;
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Description').fill('Weather, energy and the coast.');
    await checkScreen(page, 'admin-tags-new-section');
    await page.getByRole('button', { name: 'Create' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Section “${name}” created.` })
      .waitFor();

    await page.reload({ waitUntil: 'load' });
    const sections = page.getByRole('region', { name: /^Sections \(\d+\)$/ });
    await sections.getByRole('heading', { name, level: 3 }).waitFor();
    expect(await sections.getByRole('link', { name: `/tag/climate-${suffix}/` }).count()).toBe(1);
    await checkScreen(page, 'admin-tags');

    // Deleting asks first, inline: focus goes to Cancel, Escape backs out to the Delete button.
    await sections.getByRole('button', { name: `Delete ${name}` }).click();
    const cancel = sections.getByRole('button', { name: 'Cancel' });
    await expect
      .poll(() => cancel.evaluate((el: any) => el === el.ownerDocument.activeElement))
      .toBe(true);
    await checkScreen(page, 'admin-tags-confirm-delete');
    await page.keyboard.press('Escape');
    const remove = sections.getByRole('button', { name: `Delete ${name}` });
    await expect
      .poll(() => remove.evaluate((el: any) => el === el.ownerDocument.activeElement))
      .toBe(true);
    await remove.click();
    await sections.getByRole('button', { name: 'Delete section' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Section “${name}” deleted.` })
      .waitFor();
    expect(await sections.getByRole('heading', { name, level: 3 }).count()).toBe(0);
  });

  it('invites a staff member and says the invitation was sent', async () => {
    await openAdminScreen(page, 'Staff');
    await page.getByRole('heading', { name: /^Team \(\d+\)$/ }).waitFor();
    const email = `new-editor-${suffix}@newsroom.example`;
    // Checked with the API's own invitation schema before anything is sent.
    await page.getByLabel('Email', { exact: true }).fill('new-editor at newsroom');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Enter an email address like name@example.org.').waitFor();
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Role', { exact: true }).selectOption('editor');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Invitation sent to ${email} as Editor.` })
      .waitFor();
    await page.getByRole('heading', { name: 'Bylines' }).waitFor();
    await page.locator('.byline-row').first().waitFor();
    await checkScreen(page, 'admin-staff');
  });

  it('edits the bio on my profile and shows it on my author page', async () => {
    await page.getByRole('link', { name: admin.name }).click();
    await page.getByRole('heading', { name: 'My profile', level: 1 }).waitFor();
    const bio = `Ada covers the harbour and the city council. ${suffix}`;
    await page.getByLabel('Bio').fill(bio);
    await page.getByLabel('Title', { exact: true }).fill('Harbour reporter');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').filter({ hasText: 'Profile saved.' }).waitFor();
    await checkScreen(page, 'admin-profile');

    // Two-factor setup shows the key and the otpauth address as text (no QR code).
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    expect(await page.getByLabel('Or paste this setup address').inputValue()).toMatch(
      /^otpauth:\/\/totp\//,
    );
    expect(await page.locator('.secret code').textContent()).toMatch(
      /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/,
    );
    expect(await axeViolations(page), 'axe violations on two-factor setup').toEqual([]);
    await page.getByRole('button', { name: 'Cancel' }).click();

    const href = await page
      .getByRole('link', { name: 'See your author page' })
      .getAttribute('href');
    expect(href).toMatch(/^\/author\/[^/]+\/$/);
    await openOk(page, site.server.url(href!));
    expect(await page.locator('main').textContent()).toContain(bio);

    expect(consoleErrors, 'console errors').toEqual([]);
  });
});
