import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, launchBrowser, watchConsoleErrors } from './browser.js';
import { axeViolations } from './page-checks.js';
import { linkIn, mailTo, snapBoth, startReaderWorld, type ReaderWorld } from './reader-journey.js';

/**
 * A reader signs up for newsletters as a new user would: the footer's link, the list of the demo
 * newsroom's three newsletters, one email field, the confirmation link (double opt-in), and the
 * account page showing and changing the lists. No hand-set cookies or headers.
 */
describeWithBrowser('newsletters: a reader signs up and manages them', () => {
  let world: ReaderWorld;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];
  const url = (path: string) => world.server.url(path);
  const reader = 'newsletter.reader@example.org';

  beforeAll(async () => {
    world = await startReaderWorld();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    consoleErrors = watchConsoleErrors(page);
  });
  afterAll(async () => {
    await browser?.close();
    await world?.stop();
  });

  const box = (name: string) => page.getByRole('checkbox', { name: new RegExp(name) });

  it('finds the newsletters from the footer and confirms the sign-up by email', async () => {
    await page.goto(url('/'));
    await page.locator('footer').getByRole('link', { name: 'Newsletters' }).click();
    await page.getByRole('heading', { name: 'Newsletters', level: 1 }).waitFor();
    for (const name of ['The Daily Briefing', 'Investigations', 'Breaking News'])
      expect(await box(name).count()).toBe(1);
    // The default list is ticked; the reader adds Investigations.
    expect(await box('The Daily Briefing').isChecked()).toBe(true);
    expect(await box('Investigations').isChecked()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await snapBoth(page, 'newsletters-page');
    await box('Investigations').check();
    await page.getByLabel('Email address').fill(reader);
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    const mail = await mailTo(world.smtp, reader);
    expect(mail.subject).toBe('Confirm your subscription to The Daily Briefing, Investigations');
    await page.goto(linkIn(mail.text, url('/signin/confirm?token=')));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Your newsletters are saved.').waitFor();
    expect(await box('The Daily Briefing').isChecked()).toBe(true);
    expect(await box('Investigations').isChecked()).toBe(true);
    expect(await box('Breaking News').isChecked()).toBe(false);
  });

  it('shows the lists on the account page and changes them there', async () => {
    await page.goto(url('/account/'));
    const section = page.locator('section', {
      has: page.getByRole('heading', { name: 'Newsletters' }),
    });
    expect(await section.getByRole('checkbox', { name: /Investigations/ }).isChecked()).toBe(true);
    await snapBoth(page, 'newsletters-account');
    await section.getByRole('checkbox', { name: /Investigations/ }).uncheck();
    await section.getByRole('checkbox', { name: /Breaking News/ }).check();
    await section.getByRole('button', { name: 'Save my newsletters' }).click();
    await page.getByText('Your newsletters are saved.').waitFor();
    const after = page.locator('section', {
      has: page.getByRole('heading', { name: 'Newsletters' }),
    });
    expect(await after.getByRole('checkbox', { name: /Investigations/ }).isChecked()).toBe(false);
    expect(await after.getByRole('checkbox', { name: /Breaking News/ }).isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
