// The admin on a phone (390 px, touch): the navigation folds into a menu button that opens,
// navigates and closes; the dashboard, the stories list, the story editor and Settings fit the
// screen with no sideways scrolling. At 1280 px the side navigation is there and the button not.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { demoOwner, signIn, type StaffLogin } from './admin-session.js';
import { describeWithBrowser, saveScreenshot, watchConsoleErrors } from './browser.js';
import { useSiteInBrowser } from './site-in-browser.js';
import { axeViolations, openOk } from './page-checks.js';

const phone = { width: 390, height: 844 };

/** How far the page is wider than the screen, and the widest elements that stick out. */
async function overflow(page: Page): Promise<{ scrollWidth: number; culprits: string[] }> {
  return (await page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''));
    return { scrollWidth: document.documentElement.scrollWidth, culprits };
  })()`)) as { scrollWidth: number; culprits: string[] };
}

async function expectFits(page: Page, what: string) {
  const { scrollWidth, culprits } = await overflow(page);
  expect(
    scrollWidth,
    `${what}: page wider than 390 px (${culprits.join(', ')})`,
  ).toBeLessThanOrEqual(phone.width);
}

describeWithBrowser('Admin on a phone', () => {
  const site = useSiteInBrowser();
  let owner: StaffLogin;

  beforeAll(() => {
    owner = demoOwner(site.server);
  });

  it('the menu button opens the navigation, which navigates and closes; Escape closes it too', async () => {
    const context = await site.browser.newContext({
      viewport: phone,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const errors = watchConsoleErrors(page);
    await signIn(page, site.server, owner);
    const menu = page.getByRole('button', { name: 'Menu' });
    // Folded away, the navigation is hidden from everyone, so it is found including hidden ones.
    const nav = page.getByRole('navigation', { name: 'Admin', includeHidden: true });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await menu.getAttribute('aria-controls')).toBe(await nav.getAttribute('id'));
    expect(await nav.isVisible(), 'navigation folded away').toBe(false);
    await expectFits(page, 'dashboard');
    await saveScreenshot(page, 'admin-phone-dashboard-390');

    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'Stories' }).waitFor();
    await expectFits(page, 'open menu');
    await saveScreenshot(page, 'admin-phone-menu-open-390');
    expect(await axeViolations(page), 'axe with the menu open').toEqual([]);
    await nav.getByRole('link', { name: 'Stories' }).click();
    await page.getByRole('heading', { name: 'Stories', level: 1 }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);

    // Keyboard: opening moves focus to the current screen's link; Escape closes and gives focus
    // back to the button.
    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await expect
      .poll(() => page.evaluate('document.activeElement.getAttribute("aria-current")'))
      .toBe('page');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Stories');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.closest("nav")?.id')).toBe(
      await nav.getAttribute('id'),
    );
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Menu');

    // Settings through the menu.
    await menu.click();
    await nav.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(errors, 'console errors').toEqual([]);
    await context.close();
  });

  it('dashboard, stories list, story editor and settings fit 390 px with no sideways scrolling', async () => {
    const context = await site.browser.newContext({
      viewport: phone,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const errors = watchConsoleErrors(page);
    await signIn(page, site.server, owner);
    const { posts } = (await page.evaluate(async () => {
      const answer = await fetch('/api/admin/v1/posts?status=published&kind=article&limit=1');
      return answer.json();
    })) as { posts: { id: string }[] };

    const screens: { name: string; path: string; heading: string }[] = [
      { name: 'dashboard', path: '/admin', heading: 'Dashboard' },
      { name: 'stories', path: '/admin/stories', heading: 'Stories' },
      { name: 'editor-new', path: '/admin/stories/new', heading: 'New story' },
      { name: 'editor', path: `/admin/stories/${posts[0]!.id}`, heading: 'Edit story' },
      { name: 'settings', path: '/admin/settings', heading: 'Settings' },
    ];
    for (const screen of screens) {
      await openOk(page, site.server.url(screen.path));
      await page.getByRole('heading', { name: screen.heading, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectFits(page, screen.name);
      await saveScreenshot(page, `admin-phone-${screen.name}-390`);
    }

    // The stories list's header: its heading and all three buttons on screen.
    await openOk(page, site.server.url('/admin/stories'));
    await page.getByRole('heading', { name: 'Stories', level: 1 }).waitFor();
    for (const name of ['New story', 'New page', 'Post to the News Feed']) {
      const box = await page.getByRole('link', { name, exact: true }).boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.x + box!.width, `${name} inside the screen`).toBeLessThanOrEqual(phone.width);
    }

    // The editor's toolbar: every button inside the screen (it wraps).
    await openOk(page, site.server.url('/admin/stories/new'));
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
    await toolbar.waitFor();
    const rights = await toolbar
      .getByRole('button')
      .evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().right));
    expect(rights.length).toBeGreaterThan(10);
    expect(Math.max(...rights), 'toolbar buttons inside 390 px').toBeLessThanOrEqual(phone.width);
    expect(errors, 'console errors').toEqual([]);
    await context.close();
  });

  it('at 1280 px the side navigation shows and the menu button does not', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchConsoleErrors(page);
    await signIn(page, site.server, owner);
    expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    const nav = page.getByRole('navigation', { name: 'Admin' });
    expect(await nav.isVisible()).toBe(true);
    await nav.getByRole('link', { name: 'Stories' }).click();
    await page.getByRole('heading', { name: 'Stories', level: 1 }).waitFor();
    await saveScreenshot(page, 'admin-phone-stories-1280');
    await openOk(page, site.server.url('/admin/stories/new'));
    await page.getByRole('toolbar', { name: 'Formatting' }).waitFor();
    await saveScreenshot(page, 'admin-phone-editor-1280');
    expect(errors, 'console errors').toEqual([]);
    await page.close();
  });
});
