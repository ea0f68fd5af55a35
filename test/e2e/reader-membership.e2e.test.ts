import Database from 'better-sqlite3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, launchBrowser, watchConsoleErrors } from './browser.js';
import {
  gatedStory,
  linkIn,
  mailCount,
  nextMailTo,
  snapBoth,
  startReaderWorld,
  type GatedStory,
  type ReaderWorld,
} from './reader-journey.js';

/**
 * A reader's membership, as it happens in a browser: every request is one Chromium makes from
 * the pages themselves (links, forms, the email's link), with no header or cookie set by hand.
 * The journeys run in order and share one reader; each checks the console stays clean and
 * leaves screenshots at 390 and 1280 px in test-artifacts/e2e/.
 */
describeWithBrowser('reader journeys: joining, signing in, reading, searching, paying', () => {
  let world: ReaderWorld;
  let browser: Browser;
  let reader: BrowserContext;
  let page: Page;
  let consoleErrors: string[];
  let membersStory: GatedStory;
  let paidStory: GatedStory;
  const email = 'ada.reader@example.org';
  const newEmail = 'ada.new@example.org';
  const url = (path: string) => world.server.url(path);

  beforeAll(async () => {
    world = await startReaderWorld();
    browser = await launchBrowser();
    reader = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await reader.newPage();
    consoleErrors = watchConsoleErrors(page);
    membersStory = gatedStory(world.server, 'members');
    paidStory = gatedStory(world.server, 'paid');
  });
  afterAll(async () => {
    await browser?.close();
    await world?.stop();
  });

  /** Opens the sign-in link of the newest email to `to` and presses the page's button. */
  async function followEmailLink(to: string, before: number, on: Page = page) {
    const mail = await nextMailTo(world.smtp, to, before);
    const link = linkIn(mail.text, url('/signin/confirm?token='));
    await on.goto(link);
    await snapBoth(on, 'reader-confirm-link');
    const [confirmed] = await Promise.all([
      on.waitForResponse(
        (r) => r.url().endsWith('/signin/confirm') && r.request().method() === 'POST',
      ),
      on.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    // A 403 here is the defect this journey guards: the form refused as not from our own site.
    expect(confirmed.status(), 'the confirmation form was refused').toBe(303);
    await on.waitForURL((u) => !u.pathname.startsWith('/signin/'));
  }

  it('joins free from the drive banner and lands signed in on /account/', async () => {
    await page.goto(url('/'));
    const banner = page.getByRole('complementary', { name: 'Membership drive' });
    await snapBoth(page, 'reader-home-banner');
    await banner.getByRole('link', { name: 'Become a member' }).click();
    await page.waitForURL(/\/membership\//);
    await snapBoth(page, 'reader-membership');
    await page.getByRole('link', { name: 'Join free' }).click();
    await page.waitForURL(/\/signin\//);
    await page.getByLabel('Email address').fill(email);
    await snapBoth(page, 'reader-signin');
    const before = mailCount(world.smtp, email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await snapBoth(page, 'reader-check-email');
    await followEmailLink(email, before);
    expect(new URL(page.url()).pathname).toBe('/account/');
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    await expect.poll(() => page.getByLabel('Email address').inputValue()).toBe(email);
    expect(await page.locator('#membership-heading + p').textContent()).toContain('Free member');
    await snapBoth(page, 'reader-account-joined');
    expect(consoleErrors).toEqual([]);
  });

  it('reads a members-only story whole when signed in, and its teaser when signed out', async () => {
    const story = url(`/${membersStory.slug}/`);
    await page.goto(story);
    await expect.poll(() => page.locator('main').textContent()).toContain(membersStory.hiddenWord);
    await snapBoth(page, 'reader-members-story-signed-in');

    const stranger = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const anonymous = await stranger.newPage();
    const anonymousErrors = watchConsoleErrors(anonymous);
    await anonymous.goto(story);
    const main = (await anonymous.locator('main').textContent()) ?? '';
    expect(main).toContain(membersStory.title);
    expect(main).not.toContain(membersStory.hiddenWord);
    expect(main).toMatch(/for members/i);
    await snapBoth(anonymous, 'reader-members-story-signed-out');
    expect(anonymousErrors).toEqual([]);
    await stranger.close();
    expect(consoleErrors).toEqual([]);
  });

  it('finds a word past the paywall only when entitled to read it', async () => {
    const storyLink = `a[href="/${membersStory.slug}/"]`;
    const searchFor = async (on: Page, word: string) => {
      await on.goto(url('/'));
      // The header's search form, as a reader uses it (on a phone it is a link to /search).
      await on.getByRole('searchbox', { name: 'Search' }).first().fill(word);
      await on.getByRole('searchbox', { name: 'Search' }).first().press('Enter');
      await on.waitForURL(/\/search\?/);
    };
    const stranger = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const anonymous = await stranger.newPage();
    await searchFor(anonymous, membersStory.hiddenWord);
    // Public stories may use the word too; the members-only one must not be among the results.
    expect(await anonymous.locator(`.search-results ${storyLink}`).count()).toBe(0);
    await snapBoth(anonymous, 'reader-search-signed-out');
    await stranger.close();

    await searchFor(page, membersStory.hiddenWord);
    await page.locator(`.search-results ${storyLink}`).first().waitFor();
    await snapBoth(page, 'reader-search-signed-in');
    expect(consoleErrors).toEqual([]);
  });

  it('signs out, and signs back in with a new link', async () => {
    await page.goto(url('/account/'));
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(url('/'));
    await page.goto(url('/account/'));
    await page.waitForURL(/\/signin\//);
    await snapBoth(page, 'reader-signed-out');
    await page.getByLabel('Email address').fill(email);
    const before = mailCount(world.smtp, email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await followEmailLink(email, before);
    expect(new URL(page.url()).pathname).toBe('/account/');
    await expect.poll(() => page.getByLabel('Email address').inputValue()).toBe(email);
    expect(consoleErrors).toEqual([]);
  });

  it('changes the email address through a link sent to the new one', async () => {
    await page.goto(url('/account/'));
    await page.getByLabel('Email address').fill(newEmail);
    const before = mailCount(world.smtp, newEmail);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('We sent a link to your new address').waitFor();
    await snapBoth(page, 'reader-email-change-sent');
    // Nothing changes until the link is used.
    await expect.poll(() => page.getByLabel('Email address').inputValue()).toBe(email);
    await followEmailLink(newEmail, before);
    await page.getByText('Your email address is changed.').waitFor();
    await expect.poll(() => page.getByLabel('Email address').inputValue()).toBe(newEmail);
    await snapBoth(page, 'reader-email-changed');
    expect(consoleErrors).toEqual([]);
  });

  it('becomes a paying member through Checkout (Stripe stand-in) and reads a paid story', async () => {
    await page.goto(url(`/${paidStory.slug}/`));
    expect(await page.locator('main').textContent()).not.toContain(paidStory.hiddenWord);
    await page.goto(url('/membership/'));
    const tier = page.locator('form.tier-join').first();
    await tier.getByLabel('Your email').fill(newEmail);
    await tier.getByRole('button', { name: /a month/ }).click();
    // Stripe's hosted page, played by the stand-in: it shows the amount asked for.
    await page.getByRole('heading', { name: 'Checkout (Stripe stand-in)' }).waitFor();
    expect(await page.locator('.line-items').textContent()).toMatch(/\d+\.\d{2} \/ month/);
    await snapBoth(page, 'reader-checkout-paid');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL(/\/membership\/thanks\//);
    await snapBoth(page, 'reader-thanks');
    // The story read last (kept by the page in sessionStorage, carried by the join form's hidden
    // field into Checkout's metadata) is credited with the paid membership by the webhook.
    const db = new Database(world.server.databasePath, { readonly: true, fileMustExist: true });
    try {
      expect(
        db.prepare(`select path from analytics_conversions where kind = 'paid'`).all(),
      ).toEqual([{ path: `/${paidStory.slug}/` }]);
    } finally {
      db.close();
    }
    await page.goto(url('/account/'));
    await expect
      .poll(async () => page.locator('#membership-heading + p').textContent(), { timeout: 10_000 })
      .toContain('Paying member');
    await page.goto(url(`/${paidStory.slug}/`));
    expect(await page.locator('main').textContent()).toContain(paidStory.hiddenWord);
    await snapBoth(page, 'reader-paid-story');
    expect(consoleErrors).toEqual([]);
  });

  it('buys a gift membership through Checkout, and the recipient is emailed', async () => {
    const recipient = 'friend@example.org';
    await page.goto(url('/membership/gift/'));
    await snapBoth(page, 'reader-gift');
    const form = page.locator('form.gift-form');
    await form.getByLabel('Their email').fill(recipient);
    await form.getByLabel('Their name').fill('A. Friend');
    await form.getByLabel('Your email').fill(newEmail);
    const before = mailCount(world.smtp, recipient);
    await form.getByRole('button', { name: 'Continue to payment' }).click();
    await page.getByRole('heading', { name: 'Checkout (Stripe stand-in)' }).waitFor();
    expect(await page.locator('.line-items').textContent()).toMatch(/gift/i);
    await snapBoth(page, 'reader-checkout-gift');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL(/\/membership\/thanks\//);
    const mail = await nextMailTo(world.smtp, recipient, before);
    expect(linkIn(mail.text, url('/gift/redeem?code='))).toBeTruthy();
    expect(consoleErrors).toEqual([]);
  });

  it('refuses a form posted to us from a page on another site', async () => {
    // A page on another origin (localhost is another site than 127.0.0.1) with forms aimed at us.
    const target = url('/');
    const evil: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><title>Win a prize</title>` +
          `<form id="account" method="post" action="${target}account/">` +
          `<input name="name" value="Mallory"><button>Claim</button></form>` +
          `<form id="signin" method="post" action="${target}signin/">` +
          `<input name="email" value="victim@example.org"><button>Subscribe</button></form>`,
      );
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    const evilUrl = `http://localhost:${(evil.address() as AddressInfo).port}/`;
    try {
      const refused = await browser.newPage();
      for (const form of ['#account', '#signin']) {
        await refused.goto(evilUrl);
        const [response] = await Promise.all([
          refused.waitForResponse(
            (r) => r.url().startsWith(target) && r.request().method() === 'POST',
          ),
          refused.locator(`${form} button`).click(),
        ]);
        expect(response.status(), form).toBe(403);
        expect(await refused.locator('body').textContent()).toContain(
          'This form must be sent from our own site',
        );
      }
      await snapBoth(refused, 'reader-cross-site-refused');
      await refused.close();
      expect(mailCount(world.smtp, 'victim@example.org')).toBe(0);
      await page.goto(url('/account/'));
      expect(await page.getByLabel('Name').inputValue()).not.toBe('Mallory');
    } finally {
      await new Promise<void>((resolve) => evil.close(() => resolve()));
    }
  });
});
