import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../shared/richtext/index.js';
import type { BodyConversion } from './body-conversion.js';
import { parseBlocks } from './wordpress-block-parser.js';
import type { WordPressConversionOptions } from './wordpress-blocks.js';
import { wordpressToDocument } from './wordpress-blocks.js';
import type { WxrItem } from './wxr-records.js';
import { readWxr } from './wxr-reader.js';

const siteUrl = 'https://harbour-gazette.example';
const attachments: Record<number, string> = {
  100: `${siteUrl}/wp-content/uploads/2026/11/harbour-dawn.jpg`,
  102: `${siteUrl}/wp-content/uploads/2026/11/net-mending.jpg`,
};
const options: WordPressConversionOptions = { siteUrl, attachmentUrl: (id) => attachments[id] };

function convert(content: string, with_: WordPressConversionOptions = options): BodyConversion {
  const result = wordpressToDocument(content, with_);
  const { doc, issues } = parseDocument(result.doc, { allowRawHtml: true });
  expect(issues).toEqual([]);
  expect(doc).toEqual(result.doc);
  return result;
}

async function fixtureItem(postId: number): Promise<WxrItem> {
  const path = join(
    import.meta.dirname,
    '../../../test/fixtures/wordpress/harbour-gazette.wxr.xml',
  );
  for await (const record of readWxr(createReadStream(path))) {
    if (record.kind === 'item' && record.postId === postId) return record;
  }
  throw new Error(`no item ${postId}`);
}

const text = (value: string, marks?: unknown[]) => ({
  type: 'text',
  text: value,
  ...(marks ? { marks } : {}),
});
const para = (...content: unknown[]) => ({ type: 'paragraph', content });
const typesOf = (result: BodyConversion) => result.doc.content.map((block) => block.type);

describe('parseBlocks', () => {
  it('reads names, attributes, nesting, self-closing blocks and freeform HTML', () => {
    const blocks = parseBlocks(
      'intro<!-- wp:group {"a":1} --><div><!-- wp:my-plugin/card {"x":"y"} /--><!-- wp:paragraph --><p>p</p><!-- /wp:paragraph --></div><!-- /wp:group --><!-- not a block -->tail',
    );
    expect(blocks.map((block) => block.name)).toEqual([null, 'core/group', null]);
    expect(blocks[1]).toMatchObject({
      attrs: { a: 1 },
      innerContent: ['<div>', null, null, '</div>'],
      innerBlocks: [
        { name: 'my-plugin/card', attrs: { x: 'y' } },
        { name: 'core/paragraph', innerContent: ['<p>p</p>'] },
      ],
    });
    expect(blocks[2]?.innerContent).toEqual(['<!-- not a block -->tail']);
  });

  it('closes blocks left open and ignores closers without an opener', () => {
    const blocks = parseBlocks(
      '<!-- /wp:quote --><!-- wp:quote --><blockquote>q<!-- wp:paragraph --><p>x</p>',
    );
    expect(blocks.map((block) => block.name)).toEqual(['core/quote']);
    expect(blocks[0]?.innerBlocks[0]?.innerContent).toEqual(['<p>x</p>']);
  });

  it('takes linear time on hostile input', () => {
    const started = performance.now();
    parseBlocks(
      '<!-- wp:a '.repeat(50_000) + '<!--'.repeat(50_000) + '<!-- wp:group -->'.repeat(20_000),
    );
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('wordpressToDocument: blocks', () => {
  it('converts every core block of the fixture post', async () => {
    const result = convert((await fixtureItem(103)).content);
    expect(typesOf(result)).toEqual([
      'paragraph', // paragraph
      'heading', // heading
      'orderedList', // list with a nested list
      'blockquote', // quote
      'pullQuote', // pullquote
      'figure', // image
      'gallery', // gallery with inner image blocks
      'gallery', // gallery known only by attachment ids
      'embed', // embed (YouTube)
      'paragraph', // its caption
      'embed', // core-embed/vimeo
      'paragraph', // unsupported embed kept as a link
      'horizontalRule', // separator
      'paragraph', // buttons > button
      'paragraph', // group > columns > column
      'heading', // … > column > columns > column
      'figure', // cover image
      'paragraph', // cover text
      'figure', // media-text media
      'paragraph', // media-text text
      'rawHtml', // table
      'paragraph', // its caption
      'rawHtml', // code
      'rawHtml', // preformatted
      'rawHtml', // html
      'paragraph', // unknown jetpack/slideshow, its HTML converted
      'paragraph', // freeform HTML between blocks
    ]);
    const [first, heading, list, quote, pullQuote, image] = result.doc.content;
    expect(first).toEqual(
      para(
        text('The '),
        text('ferry', [{ type: 'bold' }]),
        text(' timetable '),
        text('changes', [{ type: 'link', attrs: { href: `${siteUrl}/timetable/` } }]),
        text(' on Monday.'),
      ),
    );
    expect(heading).toMatchObject({ attrs: { level: 3 } });
    expect(list).toMatchObject({
      attrs: { start: 2 },
      content: [{}, { content: [para(text('Late boat at ten')), { type: 'bulletList' }] }],
    });
    expect(quote).toEqual({
      type: 'blockquote',
      content: [para(text('We listened to the islanders.')), para(text('Ferry company'))],
    });
    expect(pullQuote).toEqual({
      type: 'pullQuote',
      attrs: { text: "Six o'clock is early, but it works.", attribution: 'A commuter' },
    });
    expect(image).toEqual({
      type: 'figure',
      attrs: {
        src: attachments[100],
        alt: 'Fishing boats at dawn',
        caption: 'The old pier at dawn',
      },
    });
    expect(result.doc.content[6]).toMatchObject({
      attrs: {
        images: [
          { alt: 'Boats', caption: 'Morning' },
          { src: attachments[102], alt: 'Nets' },
        ],
      },
    });
    expect(result.doc.content[10]).toEqual({
      type: 'embed',
      attrs: { url: 'https://vimeo.com/76979871', provider: 'vimeo' },
    });
    const html = result.doc.content
      .filter((block) => block.type === 'rawHtml')
      .map((block) => block.attrs.html);
    expect(html[0]).toContain('<td>06:00</td>');
    expect(html[1]).toContain('[gallery]'); // shortcodes are text inside code blocks
    expect(html[3]).toBe('<div class="tide-widget"><p>Tide table</p></div>');
    expect(result.dropped.map((part) => part.kind)).toEqual([
      'core/embed',
      'core/html',
      'jetpack/slideshow',
      'core/latest-posts',
    ]);
    expect(result.imageUrls).toEqual([
      attachments[100],
      attachments[102],
      `${siteUrl}/wp-content/uploads/2026/11/storm.jpg`,
    ]);
  });

  it('uses a cover image known only from its attributes', () => {
    const result = convert(
      '<!-- wp:cover {"url":"/storm.jpg","alt":"Clouds"} --><div class="wp-block-cover" style="background-image:url(/storm.jpg)"><div class="inner"><!-- wp:paragraph --><p>Storm</p><!-- /wp:paragraph --></div></div><!-- /wp:cover -->',
    );
    expect(result.doc.content).toEqual([
      { type: 'figure', attrs: { src: `${siteUrl}/storm.jpg`, alt: 'Clouds' } },
      para(text('Storm')),
    ]);
  });

  it('reports a gallery whose images are not in the export', () => {
    const result = convert('<!-- wp:gallery {"ids":[7,8]} /-->', { siteUrl });
    expect(result.doc.content).toEqual([]);
    expect(result.dropped).toEqual([
      { kind: 'core/gallery', reason: expect.stringContaining('left out') },
    ]);
  });
});

describe('wordpressToDocument: classic content', () => {
  it('converts the classic fixture post: paragraphs, captions, galleries, shortcodes, auto-embeds', async () => {
    const result = convert((await fixtureItem(101)).content);
    const blocks = result.doc.content;
    expect(typesOf(result)).toEqual([
      'paragraph',
      'paragraph',
      'figure',
      'heading',
      'bulletList',
      'gallery',
      'paragraph',
      'paragraph',
      'embed',
    ]);
    expect(blocks[1]).toEqual(
      para(
        text('Harbourmaster Ana Reed said the '),
        text('sea wall', [{ type: 'bold' }]),
        text(' held.'),
        { type: 'hardBreak' },
        text('Nobody was hurt.'),
      ),
    );
    expect(blocks[2]).toEqual({
      type: 'figure',
      attrs: {
        src: `${siteUrl}/wp-content/uploads/2026/11/harbour-dawn-1024x576.jpg`,
        alt: 'Fishing boats at dawn',
        caption: 'Boats waited outside the harbour mouth.',
        width: 800,
        height: 450,
      },
    });
    expect(blocks[5]).toEqual({
      type: 'gallery',
      attrs: {
        images: [
          { src: attachments[100], alt: '' },
          { src: attachments[102], alt: '' },
        ],
      },
    });
    expect(blocks[6]).toEqual(para(text('Listen to the harbourmaster:')));
    expect(blocks[7]).toEqual(
      para(text("A reader's photo [sic] came later. In code: if (a ]]> b) stop.")),
    );
    expect(blocks[8]).toMatchObject({ type: 'embed', attrs: { provider: 'youtube' } });
    expect(result.dropped).toEqual([
      { kind: '[audio]', reason: expect.stringContaining('[audio]') },
    ]);
  });

  it('strips unknown shortcodes with a line naming each, keeping enclosed text and literal [[x]]', () => {
    const result = convert(
      'Write to us. [contact-form-7 id="12"] [note]Kept[/note] [[gallery]] [embed]https://vimeo.com/1[/embed] [video src="a.mp4"][/video]',
    );
    expect(result.doc.content).toEqual([
      para(text('Write to us. Kept [gallery]')),
      { type: 'embed', attrs: { url: 'https://vimeo.com/1', provider: 'vimeo' } },
    ]);
    expect(result.dropped.map((part) => part.kind)).toEqual([
      '[contact-form-7]',
      '[note]',
      '[video]',
    ]);
  });

  it('reports a [gallery] without ids it can resolve', () => {
    const result = convert('[gallery]', { siteUrl });
    expect(result.doc.content).toEqual([]);
    expect(result.dropped).toEqual([
      { kind: '[gallery]', reason: expect.stringContaining('not listed') },
    ]);
  });

  it('takes linear time on hostile classic content', () => {
    const started = performance.now();
    const result = wordpressToDocument(
      '[a] '.repeat(20_000) +
        '[b x=1 '.repeat(20_000) +
        '<div'.repeat(20_000) +
        '<pre>'.repeat(5_000),
      { siteUrl },
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.doc.type).toBe('doc');
  });

  it('keeps <pre> as written', () => {
    const [pre] = convert('<pre>line one\n\nline two</pre>').doc.content;
    expect(pre).toEqual({ type: 'rawHtml', attrs: { html: '<pre>line one\n\nline two</pre>' } });
  });

  it('never throws and always gives a valid document, whatever the content', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '<!-- wp:paragraph -->',
        '<!-- /wp:paragraph -->',
        '<!-- wp:columns -->',
        '<!-- /wp:columns -->',
        '<!-- wp:gallery {"ids":[100,5]} /-->',
        '<!-- wp:embed {"url":"https://youtu.be/dQw4w9WgXcQ"} -->',
        '<!-- wp:pullquote -->',
        '<!-- wp:cover {"url":"javascript:x"} -->',
        '<!-- wp:html -->',
        '<!-- wp:x/y {bad json} -->',
        '[caption]',
        '[/caption]',
        '[gallery ids="100"]',
        '[embed]',
        '[/embed]',
        '[x a=1]',
        '<img src="/a.jpg">',
        '<p>',
        '</p>',
        '<blockquote>',
        '<cite>',
        '\n\n',
        '\n',
        'text',
        '<pre>',
        '<ul><li>',
        '<table>',
      ),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        convert(pieces.join(''));
      }),
      { numRuns: 300 },
    );
  });
});
