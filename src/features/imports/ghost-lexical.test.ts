import { describe, expect, it } from 'vitest';
import type { Block, Doc } from '../../shared/richtext/index.js';
import {
  expectValid,
  linked,
  readGhostFixture,
  siteUrl,
  text,
} from '../../../test/helpers/ghost-bodies.js';
import { lexicalToDocument } from './ghost-lexical.js';

const options = { siteUrl };

function lexical(...children: unknown[]) {
  return { root: { type: 'root', version: 1, children } };
}
const t = (value: string, format = 0) => ({ type: 'extended-text', text: value, format });
const p = (...children: unknown[]) => ({ type: 'paragraph', children });

function convert(...children: unknown[]) {
  const result = lexicalToDocument(lexical(...children), options);
  expectValid(result);
  return result;
}

function only(doc: Doc): Block {
  expect(doc.content).toHaveLength(1);
  return doc.content[0]!;
}

describe('lexicalToDocument on a body with every node and card', () => {
  const result = lexicalToDocument(readGhostFixture('lexical-every-card.json'), options);
  const { doc } = result;

  it('gives a valid document with the blocks in order', () => {
    expectValid(result);
    expect(doc.content.map((block) => block.type)).toEqual([
      ...['paragraph', 'paragraph', 'heading', 'heading', 'heading'],
      ...['blockquote', 'pullQuote', 'blockquote', 'bulletList', 'orderedList'],
      ...['figure', 'gallery', 'paragraph', 'embed', 'paragraph', 'paragraph'],
      ...['paragraph', 'paragraph', 'factBox', 'factBox', 'paragraph', 'horizontalRule'],
      ...['rawHtml', 'paragraph', 'heading', 'paragraph', 'bulletList', 'rawHtml'],
      ...['heading', 'paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph'],
      ...['paragraph', 'paragraph', 'factBox'],
    ]);
  });

  it('turns the format bits into marks, keeping underlined text without a mark', () => {
    expect(doc.content[0]).toEqual({
      type: 'paragraph',
      content: [
        text('The council met on '),
        text('Tuesday', 'bold'),
        text(' and voted '),
        text('twice', 'italic'),
        text(' on the '),
        text('old', 'strike'),
        text(' new budget, underlined with '),
        text('code', 'code'),
        text(', H'),
        text('2', 'subscript'),
        text('O and x'),
        text('2', 'superscript'),
        text(' and '),
        text('all', 'bold', 'italic'),
        text('.'),
      ],
    });
  });

  it('makes __GHOST_URL__ links absolute and keeps the text of unsafe links', () => {
    expect(doc.content[1]).toEqual({
      type: 'paragraph',
      content: [
        text('Read '),
        linked('about us', 'https://old.example.org/about/'),
        text(' or this trick'),
        { type: 'hardBreak' },
        text('Second line.'),
      ],
    });
  });

  it('maps h1–h6 onto levels 2–4 and quotes onto blockquote and pullQuote', () => {
    expect(doc.content.slice(2, 8)).toEqual([
      { type: 'heading', attrs: { level: 2 }, content: [text('A top heading')] },
      { type: 'heading', attrs: { level: 3 }, content: [text('Budget lines')] },
      { type: 'heading', attrs: { level: 4 }, content: [text('Small print')] },
      {
        type: 'blockquote',
        content: [{ type: 'paragraph', content: [text('A plain quote from the mayor.')] }],
      },
      { type: 'pullQuote', attrs: { text: 'Every vote counted.' } },
      {
        type: 'blockquote',
        content: [
          {
            type: 'paragraph',
            content: [text('See '), linked('the minutes', 'https://records.example.org/minutes')],
          },
        ],
      },
    ]);
  });

  it('nests Lexical’s sibling sub-lists inside the item before them, and keeps the start', () => {
    const item = (value: string, ...rest: unknown[]) => ({
      type: 'listItem',
      content: [
        { type: 'paragraph', content: [value === 'Schools' ? text(value, 'bold') : text(value)] },
        ...rest,
      ],
    });
    expect(doc.content[8]).toEqual({
      type: 'bulletList',
      content: [
        item('Roads', { type: 'bulletList', content: [item('Potholes'), item('Bridges')] }),
        item('Schools'),
      ],
    });
    expect(doc.content[9]).toEqual({
      type: 'orderedList',
      attrs: { start: 3 },
      content: [item('Third'), item('Fourth')],
    });
  });

  it('turns image and gallery cards into figures with plain-text captions', () => {
    expect(doc.content[10]).toEqual({
      type: 'figure',
      attrs: {
        src: 'https://old.example.org/content/images/2025/03/council.jpg',
        alt: 'The council chamber',
        caption: 'Photo by our staff',
        width: 1600,
        height: 900,
      },
    });
    expect(doc.content[11]).toEqual({
      type: 'gallery',
      attrs: {
        images: [
          {
            src: 'https://old.example.org/content/images/2025/03/market-1.jpg',
            alt: 'Stalls',
            caption: 'Morning',
            width: 1200,
            height: 800,
          },
          { src: 'https://cdn.example.net/market-2.jpg', alt: '', width: 1200, height: 800 },
        ],
      },
    });
    expect(doc.content[12]).toEqual({
      type: 'paragraph',
      content: [text('The Saturday '), text('market', 'italic')],
    });
    expect(result.imageUrls).toEqual([
      'https://old.example.org/content/images/2025/03/council.jpg',
      'https://old.example.org/content/images/2025/03/market-1.jpg',
      'https://cdn.example.net/market-2.jpg',
      'https://old.example.org/content/images/tote.jpg',
    ]);
  });

  it('keeps supported embeds, links unsupported ones, and turns bookmarks into a link paragraph', () => {
    expect(doc.content.slice(13, 18)).toEqual([
      {
        type: 'embed',
        attrs: {
          url: 'https://www.youtube.com/watch?v=abcdefghijk',
          provider: 'youtube',
          title: 'Council meeting recording',
        },
      },
      { type: 'paragraph', content: [text('Full session')] },
      {
        type: 'paragraph',
        content: [linked('A clip elsewhere', 'https://video.example.com/v/123')],
      },
      {
        type: 'paragraph',
        content: [
          linked('Budget 2025', 'https://records.example.org/budget-2025'),
          { type: 'hardBreak' },
          text('The full budget as adopted.'),
        ],
      },
      { type: 'paragraph', content: [text('Source document')] },
    ]);
  });

  it('turns callouts and toggles into fact boxes and buttons into links', () => {
    expect(doc.content.slice(18, 22)).toEqual([
      {
        type: 'factBox',
        attrs: {},
        content: [
          {
            type: 'paragraph',
            content: [
              text('💡 '),
              text('Correction:', 'bold'),
              text(' an earlier version misstated the date.'),
            ],
          },
        ],
      },
      {
        type: 'factBox',
        attrs: { title: 'How we reported this' },
        content: [
          {
            type: 'paragraph',
            content: [text('We read the '), text('minutes', 'italic'), text('.')],
          },
          {
            type: 'bulletList',
            content: ['Interviews', 'Records'].map((value) => ({
              type: 'listItem',
              content: [{ type: 'paragraph', content: [text(value)] }],
            })),
          },
        ],
      },
      {
        type: 'paragraph',
        content: [linked('Support our work', 'https://old.example.org/#/portal/signup')],
      },
      { type: 'horizontalRule' },
    ]);
  });

  it('keeps code, markdown and HTML cards, sanitised', () => {
    expect(doc.content[22]).toEqual({
      type: 'rawHtml',
      attrs: {
        html: '<pre><code class="language-javascript">if (a &lt; b) {\n  vote();\n}</code></pre>',
      },
    });
    expect(doc.content[23]).toEqual({ type: 'paragraph', content: [text('The counting rule')] });
    expect(doc.content[24]).toEqual({
      type: 'heading',
      attrs: { level: 2 },
      content: [text('From markdown')],
    });
    expect(doc.content[25]).toEqual({
      type: 'paragraph',
      content: [
        text('Some '),
        text('strong', 'bold'),
        text(' and '),
        text('soft', 'italic'),
        text(' words with a '),
        linked('link', 'https://example.org/md'),
        text('.'),
      ],
    });
    expect(doc.content[27]).toEqual({
      type: 'rawHtml',
      attrs: { html: '<table><tr><td>Ward 1</td><td>52%</td></tr></table>' },
    });
  });

  it('turns header, media and product cards into headings, links and a fact box', () => {
    expect(doc.content.slice(28, 36)).toEqual([
      { type: 'heading', attrs: { level: 2 }, content: [text('Election night')] },
      { type: 'paragraph', content: [text('Live results')] },
      { type: 'paragraph', content: [linked('Subscribe', 'https://example.org/subscribe')] },
      {
        type: 'paragraph',
        content: [
          linked(
            'Interview with the mayor',
            'https://old.example.org/content/media/2025/03/interview.mp3',
          ),
        ],
      },
      {
        type: 'paragraph',
        content: [linked('flood.mp4', 'https://old.example.org/content/media/2025/03/flood.mp4')],
      },
      { type: 'paragraph', content: [text('Flooding on Main Street')] },
      {
        type: 'paragraph',
        content: [linked('Budget PDF', 'https://old.example.org/content/files/2025/03/budget.pdf')],
      },
      { type: 'paragraph', content: [text('42 pages')] },
    ]);
    expect(doc.content[36]).toEqual({
      type: 'factBox',
      attrs: { title: 'Newsroom tote bag' },
      content: [
        {
          type: 'figure',
          attrs: {
            src: 'https://old.example.org/content/images/tote.jpg',
            alt: 'Newsroom tote bag',
            width: 600,
            height: 600,
          },
        },
        { type: 'paragraph', content: [text('Sturdy and '), text('local', 'bold'), text('.')] },
        { type: 'paragraph', content: [text('Rating: 4 out of 5')] },
        { type: 'paragraph', content: [linked('Buy one', 'https://shop.example.org/tote')] },
      ],
    });
  });

  it('lists everything not carried over, one line each', () => {
    expect(result.dropped).toEqual([
      { kind: 'link', reason: expect.stringContaining('javascript:alert(1)') as string },
      { kind: 'image', reason: expect.stringContaining('not usable') as string },
      { kind: 'embed', reason: 'Embeds from video.example.com are not supported; kept as a link' },
      { kind: 'embed', reason: 'Hidden on the web in Ghost (email only)' },
      { kind: 'html', reason: 'Removed by the sanitiser: <script>' },
      { kind: 'html', reason: 'Hidden on the web in Ghost (email only)' },
      { kind: 'html', reason: expect.stringContaining('Shown only to some readers') as string },
      { kind: 'header', reason: expect.stringContaining('background image') as string },
      { kind: 'audio', reason: expect.stringContaining('kept as a link') as string },
      { kind: 'video', reason: expect.stringContaining('kept as a link') as string },
      { kind: 'file', reason: expect.stringContaining('kept as a link') as string },
      { kind: 'paywall', reason: 'Paywall card: Masthead gates the whole body by visibility' },
      { kind: 'email', reason: expect.any(String) as string },
      { kind: 'email-cta', reason: expect.any(String) as string },
      { kind: 'signup', reason: expect.any(String) as string },
      { kind: 'call-to-action', reason: expect.any(String) as string },
      { kind: 'collection', reason: expect.any(String) as string },
      { kind: 'transistor', reason: expect.any(String) as string },
      { kind: 'poll', reason: 'Unknown card or node type; left out' },
    ]);
  });

  it('accepts the JSON string and the parsed object alike', () => {
    const parsed = JSON.parse(readGhostFixture('lexical-every-card.json')) as object;
    expect(lexicalToDocument(parsed, options)).toEqual(result);
  });
});

describe('lexicalToDocument edge cases', () => {
  it('reports a body that is not JSON or has no root, and gives an empty document', () => {
    const broken = lexicalToDocument('{"root":', options);
    expect(broken.doc).toEqual({ type: 'doc', content: [] });
    expect(broken.dropped).toEqual([
      { kind: 'lexical', reason: expect.stringContaining('not valid JSON') as string },
    ]);
    expect(lexicalToDocument({ nothing: true }, options).dropped).toHaveLength(1);
  });

  it('strips control characters and splits text longer than a text node may be', () => {
    const long = 'a'.repeat(120_000);
    const { doc } = convert(p(t('bell\u0007 here')), p(t(long)));
    expect(doc.content[0]).toEqual({ type: 'paragraph', content: [text('bell here')] });
    const parts = (doc.content[1] as { content: { text: string }[] }).content;
    expect(parts.map((part) => part.text.length)).toEqual([50_000, 50_000, 20_000]);
  });

  it('never names prototype keys as handlers (constructor, toString)', () => {
    const result = convert(
      { type: 'constructor' },
      { type: 'toString' },
      {
        type: 'callout',
        calloutText: '<constructor>kept</constructor> <toString>too</toString>',
      },
    );
    expect(result.dropped.map((line) => line.kind)).toEqual(['constructor', 'toString']);
    expect(only(result.doc)).toEqual({
      type: 'factBox',
      attrs: {},
      content: [{ type: 'paragraph', content: [text('kept too')] }],
    });
  });

  it('cuts input nested past the depth limit with a report line instead of failing', () => {
    let node: unknown = t('deep');
    for (let level = 0; level < 5_000; level += 1)
      node = { type: 'link', url: 'https://a.example', children: [node] };
    const result = convert(p(node));
    expect(result.dropped.some((line) => line.reason.includes('Nested more than'))).toBe(true);
  });

  it('lifts lists nested deeper than the document allows, keeping every item', () => {
    let list: Record<string, unknown> = {
      type: 'list',
      listType: 'bullet',
      children: [{ type: 'listitem', children: [t('level 20')] }],
    };
    for (let level = 19; level >= 1; level -= 1) {
      list = {
        type: 'list',
        listType: 'bullet',
        children: [
          { type: 'listitem', children: [t(`level ${level}`)] },
          { type: 'listitem', children: [list] },
        ],
      };
    }
    const result = convert(list);
    expect(JSON.stringify(result.doc).match(/level \d+/g)).toHaveLength(20);
    expect(result.dropped).toEqual([
      { kind: 'list', reason: expect.stringContaining('lifted') as string },
    ]);
  });

  it('cuts a body past the node limit with one report line', () => {
    const paragraphs = Array.from({ length: 12_000 }, (_, index) => p(t(`Paragraph ${index}`)));
    const result = convert(...paragraphs);
    expect(result.doc.content.length).toBe(10_000);
    expect(result.dropped).toEqual([
      { kind: 'body', reason: expect.stringContaining('the last 2000 blocks') as string },
    ]);
  });

  it('splits galleries past the image limit and drops unusable images', () => {
    const images = Array.from({ length: 65 }, (_, index) => ({
      src: `/content/images/${index}.jpg`,
      width: 10,
      height: 10,
    }));
    const result = convert({
      type: 'gallery',
      images: [...images, { src: 'data:image/png;base64,AAAA' }],
    });
    expect(
      result.doc.content.map((block) => block.type === 'gallery' && block.attrs.images.length),
    ).toEqual([30, 30, 5]);
    expect(result.imageUrls).toHaveLength(65);
    expect(result.imageUrls[0]).toBe('https://old.example.org/content/images/0.jpg');
    expect(result.dropped).toHaveLength(1);
  });

  it('shortens an over-long caption without splitting an emoji, and says so', () => {
    const result = convert({ type: 'image', src: '/a.jpg', alt: '', caption: '😀'.repeat(3000) });
    const figure = only(result.doc);
    expect(figure.type === 'figure' && figure.attrs.caption?.length).toBeLessThanOrEqual(5000);
    expect(result.dropped).toEqual([
      { kind: 'image', reason: 'Caption shortened to 5000 characters' },
    ]);
  });

  it('keeps the text of card HTML it has no node for, and says what was lost', () => {
    const result = convert({
      type: 'callout',
      calloutText:
        '<table><tr><td>Ward 1</td><td>52%</td></tr></table><img src="/x.png"><script>x()</script>',
    });
    expect(only(result.doc)).toEqual({
      type: 'factBox',
      attrs: {},
      content: [{ type: 'paragraph', content: [text('Ward 1 52%')] }],
    });
    expect(result.dropped).toEqual([
      { kind: 'callout', reason: 'HTML not carried over: <img>, <script>' },
    ]);
  });

  it('keeps a long or formatted aside as a blockquote', () => {
    const result = convert(
      { type: 'aside', children: [t('x'.repeat(2500))] },
      { type: 'aside', children: [t('bold', 1)] },
    );
    expect(result.doc.content.map((block) => block.type)).toEqual(['blockquote', 'blockquote']);
  });

  it('drops email-only cards in the older visibility format and keeps web ones', () => {
    const result = convert(
      { type: 'html', html: '<p>Email</p>', visibility: { emailOnly: true } },
      {
        type: 'html',
        html: '<p>Web</p>',
        visibility: { showOnWeb: true, showOnEmail: false, segment: 'status:free' },
      },
    );
    expect(only(result.doc)).toEqual({ type: 'rawHtml', attrs: { html: '<p>Web</p>' } });
    expect(result.dropped).toEqual([
      { kind: 'html', reason: 'Hidden on the web in Ghost (email only)' },
    ]);
  });

  it('reports HTML cards the sanitiser empties or that are too long', () => {
    const result = convert(
      { type: 'html', html: '<script>alert(1)</script>' },
      { type: 'html', html: `<p>${'x'.repeat(100_001)}</p>` },
    );
    expect(result.doc.content).toEqual([]);
    expect(result.dropped.map((line) => line.reason)).toEqual([
      'Removed by the sanitiser: <script>',
      'Nothing was left after sanitising',
      'Longer than 100000 characters after sanitising',
    ]);
  });

  it('keeps very long code as code-marked text', () => {
    const result = convert({ type: 'codeblock', code: 'x'.repeat(120_000), language: 'js' });
    const block = only(result.doc);
    expect(block.type).toBe('paragraph');
    expect(JSON.stringify(block)).toContain('"code"');
  });

  it('gathers inline nodes found directly in the root into a paragraph', () => {
    const result = convert(t('loose '), { type: 'linebreak' }, t('text', 2));
    expect(only(result.doc)).toEqual({
      type: 'paragraph',
      content: [text('loose '), { type: 'hardBreak' }, text('text', 'italic')],
    });
  });
});
