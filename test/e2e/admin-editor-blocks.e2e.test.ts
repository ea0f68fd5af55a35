// The story body editor in a real browser: every block type inserted through the toolbar and
// its node views, saved, published, and shown on the reader's story page.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import {
  createStaff,
  signIn,
  storyBody as body,
  storySaved as saved,
  type StaffLogin,
} from './admin-session.js';
import { testJpeg } from './test-images.js';
import { describeWithBrowser, saveScreenshot, watchConsoleErrors } from './browser.js';
import { useSiteInBrowser } from './site-in-browser.js';
import { axeViolations, openOk } from './page-checks.js';

const jpeg = (name: string) => testJpeg(name, 800, 500);

const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Formatting' });
const tool = (page: Page, name: string) => toolbar(page).getByRole('button', { name, exact: true });

/** Waits until focus is in the field labelled `label` (a new block moves it there), then types. */
async function typeInto(page: Page, label: string, text: string) {
  const field = page.getByLabel(label, { exact: true }).last();
  await expect.poll(() => field.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
  await page.keyboard.type(text);
}

/** Puts the cursor at the end of the body's last paragraph (TipTap keeps one after blocks). */
async function toEnd(page: Page) {
  await body(page).locator(':scope > p').last().click();
  await page.keyboard.press('End');
}

/** A published story of the demo newsroom, to link as the related story. */
const publishedStory = (page: Page) =>
  page.evaluate(async () => {
    const answer = await fetch('/api/admin/v1/posts?status=published&kind=article&limit=1');
    return ((await answer.json()) as { posts: { id: string; title: string }[] }).posts[0]!;
  });

const xPost = 'https://x.com/newsroom/status/1790000000000000001';

describeWithBrowser('Admin: every body block through the story editor', () => {
  const site = useSiteInBrowser();
  let editor: StaffLogin;
  let author: StaffLogin;

  beforeAll(async () => {
    editor = await createStaff(site.server, 'editor', 'Mykola Bondar');
    author = await createStaff(site.server, 'author', 'Sofia Lysenko');
  });

  it('an editor inserts each block; the story saves, publishes and shows them on the site', async () => {
    const headline = `Council closes the Riverside library ${Date.now().toString(36)}`;
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors = watchConsoleErrors(page);
    await signIn(page, site.server, editor);
    await openOk(page, site.server.url('/admin/stories/new'));
    await page.getByRole('heading', { name: 'New story', level: 1 }).waitFor();
    await page.getByLabel('Headline', { exact: true }).fill(headline);
    const related = await publishedStory(page);

    // Text, marks and a link.
    await body(page).click();
    await page.keyboard.type('The council voted ');
    await tool(page, 'Bold').click();
    await expect.poll(() => tool(page, 'Bold').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.type('seven to two');
    await page.keyboard.press('ControlOrMeta+b');
    await page.keyboard.type(' to close it. Read ');
    await tool(page, 'Link').click();
    await page.getByLabel('Link address').fill('example.org/report');
    await page.getByRole('button', { name: 'Add link' }).click();
    await page.keyboard.type('.');

    // Headings, lists and a quote.
    await page.keyboard.press('Enter');
    await tool(page, 'Heading').click();
    await page.keyboard.type('What happens next');
    await page.keyboard.press('Enter');
    await tool(page, 'Bulleted list').click();
    await page.keyboard.type('Opening hours cut');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Staff moved');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await tool(page, 'Numbered list').click();
    await page.keyboard.type('Consultation closes');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await tool(page, 'Quote').click();
    await page.keyboard.type('We were not consulted.');

    // Pull quote: focus lands in its text field.
    await tool(page, 'Pull quote').click();
    await typeInto(page, 'Pull quote text', 'A library is not a luxury.');
    await page.getByLabel('Attribution', { exact: true }).fill('Ada Byron, librarian');

    // Figure, uploaded through the hidden file input, with its alt text, caption and credit.
    await toEnd(page);
    await page
      .getByLabel('Upload an image', { exact: true })
      .setInputFiles(await jpeg('front.jpg'));
    const figure = body(page).locator('[data-node="figure"]');
    await figure.getByLabel('Alt text', { exact: true }).waitFor({ timeout: 20_000 });
    await figure.getByLabel('Alt text', { exact: true }).fill('The library entrance');
    await figure.getByLabel('Caption', { exact: true }).fill('The library opened in 1962.');
    await figure.getByLabel('Credit', { exact: true }).fill('Photo: Jo Lee');

    // Blocks move with their buttons: the image goes above the pull quote and back.
    const topBlocks = () =>
      body(page).evaluate((root) =>
        [...root.querySelectorAll('[data-node]')].map((el) => el.getAttribute('data-node') ?? ''),
      );
    const before = await topBlocks();
    const at = (blocks: string[], name: string) => blocks.indexOf(name);
    await figure.getByRole('button', { name: 'Move image up' }).click();
    await expect
      .poll(async () => at(await topBlocks(), 'figure') < at(await topBlocks(), 'pullQuote'))
      .toBe(true);
    await body(page)
      .locator('[data-node="figure"]')
      .getByRole('button', { name: 'Move image down' })
      .click();
    await expect.poll(topBlocks).toEqual(before);

    // Gallery of two images.
    await toEnd(page);
    await tool(page, 'Gallery').click();
    const gallery = body(page).locator('[data-node="gallery"]');
    await gallery
      .getByLabel('Upload images to the gallery')
      .setInputFiles([await jpeg('reading-room.jpg'), await jpeg('stacks.jpg')]);
    await expect
      .poll(() => gallery.getByLabel('Alt text', { exact: true }).count(), { timeout: 20_000 })
      .toBe(2);
    await gallery.getByLabel('Alt text', { exact: true }).nth(0).fill('Reading room');
    await gallery.getByLabel('Alt text', { exact: true }).nth(1).fill('The stacks');

    // Embed: an unknown provider is refused with a reason, a known one is added.
    await toEnd(page);
    await tool(page, 'Embed').click();
    await page.getByLabel('Embed URL').fill('https://video.example.com/watch/1');
    await page.getByRole('button', { name: 'Add embed' }).click();
    await page.getByRole('alert').filter({ hasText: 'not from a provider we can embed' }).waitFor();
    await page.getByLabel('Embed URL').fill(xPost);
    await page.getByRole('button', { name: 'Add embed' }).click();
    await body(page).getByLabel('Embed title').fill('Statement from the mayor');

    // Related story, found by searching its headline.
    await toEnd(page);
    await tool(page, 'Related story').click();
    await page.getByLabel('Search stories').fill(related.title);
    await page.getByRole('button', { name: related.title, exact: true }).click();
    await body(page).locator('[data-node="relatedPost"]').getByText(related.title).waitFor();

    // Fact box with a title and rich content.
    await toEnd(page);
    await tool(page, 'Fact box').click();
    await typeInto(page, 'Fact box title', 'Key facts');
    await body(page).locator('.body-fact-box__content p').first().click();
    await page.keyboard.type('Built in 1962');

    // Divider and raw HTML.
    await toEnd(page);
    await tool(page, 'Divider').click();
    await toEnd(page);
    await tool(page, 'Raw HTML').click();
    await typeInto(
      page,
      'HTML code',
      '<p class="note">Figures from the <abbr title="Office for National Statistics">ONS</abbr>.</p>',
    );

    await saved(page);
    expect(await page.getByRole('alert').count(), 'no alerts after saving').toBe(0);
    await saveScreenshot(page, 'admin-editor-blocks-desktop');
    expect(await axeViolations(page), 'axe on the editor').toEqual([]);
    await page.setViewportSize({ width: 768, height: 1024 });
    await saveScreenshot(page, 'admin-editor-blocks-tablet');

    await page.getByRole('button', { name: 'Publish now' }).click();
    // The confirmation with the pre-publish check: publish whatever it found.
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^Publish (now|anyway)$/ })
      .click();
    await page.locator('.badge.status-published').first().waitFor();
    const storyUrl = await page.getByRole('link', { name: /View on site/ }).getAttribute('href');
    expect(errors, 'console errors in the admin').toEqual([]);

    // The reader's page shows every block.
    const reader = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openOk(reader, site.server.url(storyUrl!));
    const story = reader.locator('.story-body');
    await expect.poll(() => story.locator('strong').first().textContent()).toBe('seven to two');
    // Text typed after a link does not join it.
    expect(await story.locator('a[href="https://example.org/report"]').textContent()).toBe(
      'https://example.org/report',
    );
    expect(await story.locator('h2').first().textContent()).toContain('What happens next');
    expect(await story.locator('ul li').allTextContents()).toEqual(
      expect.arrayContaining(['Opening hours cut', 'Staff moved']),
    );
    expect(await story.locator('ol li').first().textContent()).toContain('Consultation closes');
    expect(await story.locator('blockquote').first().textContent()).toContain(
      'We were not consulted.',
    );
    const pullQuote = story.locator('.pull-quote');
    expect(await pullQuote.textContent()).toContain('A library is not a luxury.');
    expect(await pullQuote.textContent()).toContain('Ada Byron, librarian');
    const photo = story.locator('figure', {
      has: reader.locator('img[alt="The library entrance"]'),
    });
    const caption = await photo.locator('figcaption').textContent();
    expect(caption).toContain('The library opened in 1962.');
    expect(caption).toContain('Photo: Jo Lee');
    expect(await story.locator('.gallery img').count()).toBe(2);
    expect(await story.locator(`.embed-card__link[href="${xPost}"]`).textContent()).toContain(
      'Statement from the mayor',
    );
    expect(await story.locator('.related-card__title').textContent()).toBe(related.title);
    expect(await story.locator('.fact-box').textContent()).toContain('Key facts');
    expect(await story.locator('.fact-box').textContent()).toContain('Built in 1962');
    expect(await story.locator('hr').count()).toBeGreaterThan(0);
    expect(await story.locator('p.note abbr').textContent()).toBe('ONS');
    await saveScreenshot(reader, 'admin-editor-blocks-published');
    await reader.close();
    await page.close();
  });

  it('an author: no raw HTML, keyboard use, a pasted image, an upload failure explained', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await signIn(page, site.server, author);
    await openOk(page, site.server.url('/admin/stories/new'));
    await page.getByRole('heading', { name: 'New story', level: 1 }).waitFor();
    await page.getByLabel('Headline', { exact: true }).fill('Ferry timetable changes');
    await tool(page, 'Heading').waitFor();
    expect(await tool(page, 'Raw HTML').count()).toBe(0);

    // The toolbar is one tab stop; arrow keys move within it.
    expect(await toolbar(page).locator('button[tabindex="0"]').count()).toBe(1);
    await tool(page, 'Bold').focus();
    await page.keyboard.press('ArrowRight');
    const focused = toolbar(page).locator('button:focus');
    expect(await focused.getAttribute('aria-label')).toBe('Italic');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await focused.textContent()).toBe('Divider');
    expect(await focused.getAttribute('tabindex')).toBe('0');

    // Mod-K links the selected words; Enter in the address applies it (and submits nothing).
    await body(page).click();
    await page.keyboard.type('Read the timetable');
    // A triple click selects the paragraph through ProseMirror itself, not a later selectionchange.
    await body(page).locator('p').first().click({ clickCount: 3 });
    await page.keyboard.press('ControlOrMeta+k');
    await page.getByLabel('Link address').fill('/timetable');
    await page.getByLabel('Link address').press('Enter');
    expect(await body(page).locator('a[href="/timetable"]').textContent()).toBe(
      'Read the timetable',
    );
    expect(await page.getByLabel('Link address').count()).toBe(0);

    // An image file pasted into the text is uploaded and becomes a figure.
    await page.keyboard.press('End');
    const image = await jpeg('pasted.jpg');
    await body(page).evaluate(
      (element, bytes) => {
        // Browser classes the Node typings of this file do not declare.
        const web = globalThis as unknown as {
          DataTransfer: new () => { items: { add(file: File): void } };
          ClipboardEvent: new (type: string, init: object) => Event;
        };
        const data = new web.DataTransfer();
        data.items.add(new File([new Uint8Array(bytes)], 'pasted.jpg', { type: 'image/jpeg' }));
        element.dispatchEvent(
          new web.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
      },
      [...image.buffer],
    );
    await body(page).locator('[data-node="figure"] img').waitFor({ timeout: 20_000 });

    // A file that claims to be an image but is not: the API's message is shown as an alert.
    await page.getByLabel('Upload an image', { exact: true }).setInputFiles({
      name: 'notes.png',
      mimeType: 'image/png',
      buffer: Buffer.from('not really a picture'),
    });
    const alert = page.locator('.body-editor__bar [role="alert"]');
    await alert.waitFor({ timeout: 20_000 });
    expect((await alert.textContent())?.trim().length).toBeGreaterThan(0);
    expect(await body(page).locator('[data-node="figure"]').count()).toBe(1);
    await saveScreenshot(page, 'admin-editor-blocks-author');
    await page.close();
  });
});
