// Pasting into the story editor through Chromium's real clipboard: a Google Docs copy (put on the
// clipboard the way Docs does it, by its copy handler) and a web page selected and copied with
// Ctrl+C. The story keeps its structure, names the pictures it could not bring in, and publishes.
// Also the byline order: chosen authors reordered with the keyboard, shown so on the story page.
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import {
  createStaff,
  signIn,
  storyBody as body,
  storySaved as saved,
  type StaffLogin,
} from './admin-session.js';
import { describeWithBrowser, saveScreenshot, watchConsoleErrors } from './browser.js';
import { useSiteInBrowser } from './site-in-browser.js';
import { axeViolations, openOk } from './page-checks.js';

// What Google Docs puts on the clipboard (trimmed): a guid wrapper, styled spans, a redirect link,
// a list nested straight in a list, a table and a picture on Google's servers.
const googleDocsHtml = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5b1c0f">
<h1 dir="ltr"><span style="font-size:20pt">Riverside library will close in March</span></h1>
<p dir="ltr"><span style="font-weight:700">Seven to two</span><span> was the vote. Read the </span><a href="https://www.google.com/url?q=https://example.org/report&amp;sa=D"><span>council report</span></a><span>, not </span><a href="javascript:alert(1)"><span>this</span></a><span>.</span></p>
<h2 dir="ltr"><span>What happens next</span></h2>
<ul><li dir="ltr" aria-level="1"><p dir="ltr"><span>Opening hours cut</span></p></li>
<ul><li dir="ltr" aria-level="2"><p dir="ltr"><span>From March</span></p></li></ul>
<li dir="ltr" aria-level="1"><p dir="ltr"><span>Staff moved</span></p></li></ul>
<blockquote><p>We were not consulted.</p></blockquote>
<div dir="ltr"><table><tbody>
<tr><td><p><span>Built</span></p></td><td><p><span>1962</span></p></td></tr>
<tr><td><p><span>Visitors a year</span></p></td><td><p><span>41,000</span></p></td></tr>
</tbody></table></div>
<p dir="ltr"><span><img src="https://lh7-rt.googleusercontent.com/docsz/AD_4nXe" width="602" height="339" alt="Library entrance"></span></p></b>`;

// A news page: copied by selecting it in the browser, so Chromium writes the clipboard HTML.
const webPage = `<article id="source" contenteditable="true">
<h2>Ferry timetable</h2><p>Changes from <a href="https://ferries.example.org/times">Monday</a>.</p>
<table><caption>Sailings</caption><thead><tr><th>Route</th><th>Daily</th></tr></thead>
<tbody><tr><td>Harbour – Island</td><td>6</td></tr></tbody></table>
<p><img src="http://127.0.0.1:9/photos/ferry.jpg" alt="The ferry at dawn"></p>
<ol><li>Buy tickets online</li><li>Arrive early</li></ol></article>`;

const tool = (page: Page, name: string) =>
  page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name, exact: true });

describeWithBrowser('Admin: pasting into the story editor, and byline order', () => {
  const site = useSiteInBrowser();
  let editor: StaffLogin;

  beforeAll(async () => {
    editor = await createStaff(site.server, 'editor', 'Mykola Bondar');
  });

  async function newStory(context: BrowserContext, headline: string) {
    const page = await context.newPage();
    const errors = watchConsoleErrors(page);
    await signIn(page, site.server, editor);
    await openOk(page, site.server.url('/admin/stories/new'));
    await page.getByRole('heading', { name: 'New story', level: 1 }).waitFor();
    await page.getByLabel('Headline', { exact: true }).fill(headline);
    await tool(page, 'Bold').waitFor();
    return { page, errors };
  }

  /** A page of another site whose copy handler puts `html` on the clipboard, as Google Docs does. */
  async function copyLikeGoogleDocs(context: BrowserContext, html: string) {
    const source = await context.newPage();
    await source.setContent('<div id="doc" contenteditable="true">Document</div>');
    await source.evaluate((clipboardHtml) => {
      const doc = globalThis as unknown as {
        document: {
          addEventListener(
            type: string,
            fn: (event: {
              clipboardData: { setData(type: string, value: string): void } | null;
              preventDefault(): void;
            }) => void,
          ): void;
        };
      };
      doc.document.addEventListener('copy', (event) => {
        event.clipboardData?.setData('text/html', clipboardHtml);
        event.clipboardData?.setData('text/plain', 'Riverside library will close in March');
        event.preventDefault();
      });
    }, html);
    await source.locator('#doc').click();
    await source.keyboard.press('ControlOrMeta+a');
    await source.keyboard.press('ControlOrMeta+c');
    await source.close();
  }

  it('a Google Docs paste keeps headings, lists, quote, links and the table; the picture is named', async () => {
    const context = await site.browser.newContext({
      viewport: { width: 1280, height: 1000 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const headline = `Library paste ${Date.now().toString(36)}`;
    const { page, errors } = await newStory(context, headline);
    await copyLikeGoogleDocs(context, googleDocsHtml);
    await body(page).click();
    await page.keyboard.press('ControlOrMeta+v');

    const editorBody = body(page);
    await editorBody.locator('h2').first().waitFor();
    expect(await editorBody.locator('h2').allTextContents()).toEqual([
      'Riverside library will close in March',
      'What happens next',
    ]);
    expect(await editorBody.locator('strong').first().textContent()).toBe('Seven to two');
    expect(
      await editorBody.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    ).toEqual(['https://example.org/report']);
    expect(await editorBody.locator('ul > li > ul > li').textContent()).toBe('From March');
    expect(await editorBody.locator('blockquote').textContent()).toBe('We were not consulted.');
    const factBox = editorBody.locator('[data-node="factBox"]');
    expect(await factBox.locator('p').allTextContents()).toEqual(
      expect.arrayContaining(['Built: 1962', 'Visitors a year: 41,000']),
    );

    // The picture on Google's servers is named, not silently lost.
    const notice = page.locator('.paste-notice');
    await notice.waitFor();
    expect(await notice.getAttribute('role')).toBe('status');
    expect(await notice.textContent()).toContain('an image that was not brought in');
    expect(await notice.textContent()).toContain('Library entrance');
    expect(await notice.textContent()).toContain(
      'https://lh7-rt.googleusercontent.com/docsz/AD_4nXe',
    );
    expect(await editorBody.locator('img').count()).toBe(0);

    await saved(page);
    await saveScreenshot(page, 'admin-editor-paste-google-docs-1280');
    expect(await axeViolations(page), 'axe on the editor with the notice').toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, 'admin-editor-paste-google-docs-390');
    await page.setViewportSize({ width: 1280, height: 1000 });
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    expect(await notice.count()).toBe(0);

    await page.getByRole('button', { name: 'Publish now' }).click();
    const publish = page.getByRole('dialog').getByRole('button', { name: /Publish/ });
    if (await publish.count()) await publish.click();
    await page.locator('.badge.status-published').first().waitFor();
    const storyUrl = await page.getByRole('link', { name: /View on site/ }).getAttribute('href');
    expect(errors, 'console errors in the admin').toEqual([]);

    const reader = await context.newPage();
    await openOk(reader, site.server.url(storyUrl!));
    const story = reader.locator('.story-body');
    expect(await story.locator('h2').first().textContent()).toContain(
      'Riverside library will close in March',
    );
    expect(await story.locator('a[href="https://example.org/report"]').textContent()).toBe(
      'council report',
    );
    expect(await story.locator('.fact-box').textContent()).toContain('41,000');
    expect(await story.locator('blockquote').textContent()).toContain('We were not consulted.');
    await reader.close();
    await context.close();
  });

  it('a web page selected and copied in the browser: table as a fact box, list, link, picture named', async () => {
    const context = await site.browser.newContext({
      viewport: { width: 390, height: 844 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const { page, errors } = await newStory(context, `Ferry paste ${Date.now().toString(36)}`);
    const source = await context.newPage();
    await source.setContent(webPage);
    await source.locator('#source').click();
    await source.keyboard.press('ControlOrMeta+a');
    await source.keyboard.press('ControlOrMeta+c');
    await source.close();

    await body(page).click();
    await page.keyboard.press('ControlOrMeta+v');
    const editorBody = body(page);
    await editorBody.locator('[data-node="factBox"]').waitFor();
    expect(await editorBody.locator('h2').first().textContent()).toBe('Ferry timetable');
    expect(await editorBody.locator('a').first().getAttribute('href')).toBe(
      'https://ferries.example.org/times',
    );
    expect(await editorBody.locator('ol li').allTextContents()).toEqual([
      'Buy tickets online',
      'Arrive early',
    ]);
    expect(await page.getByLabel('Fact box title').inputValue()).toBe('Sailings');
    expect(await editorBody.locator('[data-node="factBox"] p').first().textContent()).toBe(
      'Route: Harbour – Island · Daily: 6',
    );
    const notice = page.locator('.paste-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('The ferry at dawn');
    expect(await notice.textContent()).toContain('http://127.0.0.1:9/photos/ferry.jpg');
    await saved(page);
    expect(
      Number(await page.evaluate('document.documentElement.scrollWidth')),
      'no sideways scrolling at 390 px',
    ).toBeLessThanOrEqual(390);
    await saveScreenshot(page, 'admin-editor-paste-web-page-390');
    expect(errors, 'console errors in the admin').toEqual([]);
    await context.close();
  });

  it('the author picker shows the byline order; moved with the keyboard, it is saved and shown on the story', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const { page, errors } = await newStory(context, `Byline order ${Date.now().toString(36)}`);
    const authors = await page.evaluate(async () => {
      const answer = await fetch('/api/admin/v1/authors');
      return ((await answer.json()) as { authors: { id: string; name: string }[] }).authors;
    });
    const authorsBox = page.getByRole('group', { name: 'Authors' });
    const chosen = await authorsBox.getByRole('checkbox', { checked: true }).count();
    // Two bylines at least: the writer's own plus two from the newsroom.
    const others = authors.slice(0, 3).map((a) => a.name);
    for (const name of others) {
      const box = authorsBox.getByRole('checkbox', { name: new RegExp(`^${name}`) });
      if (!(await box.isChecked())) await box.check();
    }
    const order = page.getByRole('list', { name: 'Byline order' });
    const names = () => order.locator('.byline-order__name').allTextContents();
    await order.waitFor();
    const before = await names();
    expect(before.length).toBeGreaterThanOrEqual(Math.max(chosen, 2));
    const last = before.at(-1)!;

    // The last byline goes to the top with Enter on its "up" button, focus following it.
    await order.getByRole('button', { name: `Move ${last} up` }).focus();
    for (let i = 1; i < before.length; i += 1) await page.keyboard.press('Enter');
    await expect.poll(names).toEqual([last, ...before.slice(0, -1)]);
    // At the top its "up" button is disabled, so focus moved to its "down" button.
    expect(await page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe(
      `Move ${last} down`,
    );
    expect(
      await page
        .getByRole('status')
        .filter({ hasText: `${last} is now byline 1` })
        .count(),
    ).toBe(1);
    // And one down again with Space: second place.
    await page.keyboard.press('Space');
    const expected = [before[0]!, last, ...before.slice(1, -1)];
    await expect.poll(names).toEqual(expected);
    await saved(page);
    await saveScreenshot(page, 'admin-byline-order-1280');
    expect(await axeViolations(page), 'axe on the editor').toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, 'admin-byline-order-390');
    await page.setViewportSize({ width: 1280, height: 1000 });

    // Saved: the order survives a reload, and the story page shows it.
    await page.reload();
    await page.getByRole('heading', { name: 'Edit story', level: 1 }).waitFor();
    await expect.poll(names).toEqual(expected);
    await body(page).click();
    await page.keyboard.type('The story text.');
    await saved(page);
    await page.getByRole('button', { name: 'Publish now' }).click();
    const publish = page.getByRole('dialog').getByRole('button', { name: /Publish/ });
    if (await publish.count()) await publish.click();
    await page.locator('.badge.status-published').first().waitFor();
    const storyUrl = await page.getByRole('link', { name: /View on site/ }).getAttribute('href');
    const reader = await context.newPage();
    await openOk(reader, site.server.url(storyUrl!));
    expect(await reader.locator('.byline .authors a').allTextContents()).toEqual(expected);
    await saveScreenshot(reader, 'admin-byline-order-story-page');
    expect(errors, 'console errors in the admin').toEqual([]);
    await context.close();
  });
});
