import { describe, expect, it } from 'vitest';
import {
  expectValid,
  linked,
  readGhostFixture,
  siteUrl,
  text,
} from '../../../test/helpers/ghost-bodies.js';
import { mobiledocToDocument } from './ghost-mobiledoc.js';

const options = { siteUrl };

describe('mobiledocToDocument on a body with every section, markup and card', () => {
  const result = mobiledocToDocument(readGhostFixture('mobiledoc-every-card.json'), options);
  const { doc } = result;

  it('gives a valid document with the blocks in order', () => {
    expectValid(result);
    expect(doc.content.map((block) => block.type)).toEqual([
      ...['paragraph', 'paragraph', 'heading', 'heading', 'blockquote', 'pullQuote'],
      ...['bulletList', 'orderedList', 'figure', 'gallery', 'paragraph', 'embed', 'paragraph'],
      ...['factBox', 'factBox', 'paragraph', 'horizontalRule', 'rawHtml', 'paragraph'],
      ...['blockquote', 'rawHtml', 'heading', 'paragraph', 'paragraph', 'paragraph'],
      ...['paragraph', 'factBox', 'figure'],
    ]);
  });

  it('reads nested markups, links across markers and the soft-return atom', () => {
    expect(doc.content[0]).toEqual({
      type: 'paragraph',
      content: [
        text('Bold ', 'bold'),
        linked('link', 'https://old.example.org/tag/news/', 'bold'),
        text(' end', 'bold'),
        { type: 'hardBreak' },
        text('after break'),
      ],
    });
    expect(doc.content[1]).toEqual({
      type: 'paragraph',
      content: [text('not a link x'), text('2', 'superscript'), text('code', 'code')],
    });
  });

  it('maps section tags onto headings, quotes and lists', () => {
    expect(doc.content.slice(2, 8)).toEqual([
      { type: 'heading', attrs: { level: 2 }, content: [text('Section')] },
      { type: 'heading', attrs: { level: 4 }, content: [text('Minor')] },
      { type: 'blockquote', content: [{ type: 'paragraph', content: [text('Quoted words.')] }] },
      { type: 'pullQuote', attrs: { text: 'Pulled words.' } },
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [text('Apples')] }] },
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [text('Pears', 'italic')] }],
          },
        ],
      },
      {
        type: 'orderedList',
        content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [text('First')] }] },
          { type: 'listItem', content: [{ type: 'paragraph', content: [text('Second')] }] },
        ],
      },
    ]);
  });

  it('hands cards to the same handlers as Lexical (hr, code and embed renamed)', () => {
    expect(doc.content[8]).toEqual({
      type: 'figure',
      attrs: {
        src: 'https://old.example.org/content/images/2021/05/harbour.jpg',
        alt: 'The harbour at dawn',
        caption: 'Boats waiting',
        width: 2000,
        height: 1333,
      },
    });
    expect(doc.content[11]).toEqual({
      type: 'embed',
      attrs: { url: 'https://vimeo.com/123456789', provider: 'vimeo', title: 'Harbour film' },
    });
    expect(doc.content[14]).toEqual({
      type: 'factBox',
      attrs: { title: 'Methodology' },
      content: [{ type: 'paragraph', content: [text('We counted boats.')] }],
    });
    expect(doc.content.slice(16, 21)).toEqual([
      { type: 'horizontalRule' },
      {
        type: 'rawHtml',
        attrs: { html: '<pre><code class="language-sql">SELECT * FROM boats;</code></pre>' },
      },
      { type: 'paragraph', content: [text('Plain '), text('markdown', 'italic'), text(' text.')] },
      {
        type: 'blockquote',
        content: [{ type: 'paragraph', content: [text('Quoted in markdown')] }],
      },
      {
        type: 'rawHtml',
        attrs: { html: '<div class="box"><p>Tide <strong>high</strong></p></div>' },
      },
    ]);
  });

  it('reads image sections and lists every image', () => {
    expect(doc.content.at(-1)).toEqual({
      type: 'figure',
      attrs: { src: 'https://old.example.org/content/images/old-image-section.jpg', alt: '' },
    });
    expect(result.imageUrls).toEqual([
      'https://old.example.org/content/images/2021/05/harbour.jpg',
      'https://old.example.org/content/images/2021/05/a.jpg',
      'https://old.example.org/content/images/2021/05/b.jpg',
      'https://old.example.org/content/images/old-image-section.jpg',
    ]);
  });

  it('lists everything not carried over, one line each', () => {
    expect(result.dropped.map((line) => line.kind)).toEqual([
      'mobiledoc',
      'link',
      'image',
      'html',
      'audio',
      'video',
      'file',
      'paywall',
      'email',
      'email-cta',
      'before-after',
      'weather-widget',
    ]);
    expect(result.dropped[3]).toEqual({
      kind: 'html',
      reason: 'Removed by the sanitiser: <iframe>',
    });
    expect(result.dropped.at(-1)?.reason).toBe('Unknown card or node type; left out');
  });
});

describe('mobiledocToDocument edge cases', () => {
  it('reads version 0.2 markers (no marker type)', () => {
    const result = mobiledocToDocument(
      {
        version: '0.2.0',
        markups: [['b']],
        cards: [],
        sections: [
          [
            1,
            'p',
            [
              [[0], 1, 'old'],
              [[], 0, ' format'],
            ],
          ],
        ],
      },
      options,
    );
    expectValid(result);
    expect(result.doc.content).toEqual([
      { type: 'paragraph', content: [text('old', 'bold'), text(' format')] },
    ]);
  });

  it('survives markup indexes and counts that point nowhere', () => {
    const result = mobiledocToDocument(
      {
        version: '0.3.1',
        markups: [],
        atoms: [],
        cards: [],
        sections: [
          [1, 'p', [[0, [7, 'x'], 99, 'safe'], [1, [], 0, 5], 'junk']],
          [10, 3],
          [3, 'ol', 'x'],
        ],
      },
      options,
    );
    expectValid(result);
    expect(result.doc.content[0]).toEqual({ type: 'paragraph', content: [text('safe')] });
  });

  it('reports a body that is not Mobiledoc', () => {
    const result = mobiledocToDocument('[1,2,3]', options);
    expect(result.doc.content).toEqual([]);
    expect(result.dropped).toEqual([
      { kind: 'mobiledoc', reason: 'No Mobiledoc sections; nothing could be read' },
    ]);
  });
});
