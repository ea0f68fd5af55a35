import { describe, expect, it } from 'vitest';
import type { Block, Doc } from '../../shared/richtext/index.js';
import { renderHtml } from '../../shared/richtext/index.js';
import { expectValid, linked, siteUrl, text } from '../../../test/helpers/ghost-bodies.js';
import { lexicalToDocument } from './ghost-lexical.js';
import { documentToLexical, type LexicalWriteOptions } from './lexical-writer.js';

const doc = (...content: Block[]): Doc => ({ type: 'doc', content });
const image = { src: `${siteUrl}/content/images/a.jpg`, alt: 'A crane', width: 640, height: 400 };

function lexicalOf(block: Block, options: LexicalWriteOptions = {}) {
  const result = documentToLexical(doc(block), options);
  const root = (JSON.parse(result.lexical) as { root: { children: Record<string, unknown>[] } })
    .root;
  return { nodes: root.children, fallbacks: result.fallbacks };
}

/** Doc → Lexical → Doc through the project's own Ghost reader. */
function roundTrip(input: Doc, options: LexicalWriteOptions = {}): Doc {
  const written = documentToLexical(input, options);
  return expectValid(lexicalToDocument(written.lexical, { siteUrl }));
}

describe('documentToLexical', () => {
  it('writes paragraphs with Lexical format bits and links around their text', () => {
    const { nodes } = lexicalOf({
      type: 'paragraph',
      content: [
        text('bold ', 'bold'),
        linked('link', 'https://example.org/', 'italic'),
        linked(' more', 'https://example.org/'),
        { type: 'hardBreak' },
        text('x', 'code', 'strike', 'superscript', 'subscript'),
      ] as never,
    });
    expect(nodes[0]).toMatchObject({
      type: 'paragraph',
      children: [
        { type: 'extended-text', text: 'bold ', format: 1 },
        {
          type: 'link',
          url: 'https://example.org/',
          children: [
            { text: 'link', format: 2 },
            { text: ' more', format: 0 },
          ],
        },
        { type: 'linebreak' },
        { text: 'x', format: 16 | 4 | 64 | 32 },
      ],
    });
  });

  it('writes headings, lists with nested items and quotes as Ghost’s extended nodes', () => {
    expect(
      lexicalOf({ type: 'heading', attrs: { level: 3 }, content: [text('H')] as never }).nodes[0],
    ).toMatchObject({ type: 'extended-heading', tag: 'h3' });
    const { nodes } = lexicalOf({
      type: 'orderedList',
      attrs: { start: 3 },
      content: [
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [text('one')] as never },
            {
              type: 'bulletList',
              content: [
                {
                  type: 'listItem',
                  content: [{ type: 'paragraph', content: [text('a')] as never }],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(nodes[0]).toMatchObject({
      type: 'list',
      listType: 'number',
      start: 3,
      tag: 'ol',
      children: [
        { type: 'listitem', children: [{ text: 'one' }] },
        { type: 'listitem', children: [{ type: 'list', listType: 'bullet', tag: 'ul' }] },
      ],
    });
    expect(
      lexicalOf({
        type: 'blockquote',
        content: [{ type: 'paragraph', content: [text('q')] as never }],
      }).nodes[0],
    ).toMatchObject({ type: 'extended-quote', children: [{ text: 'q' }] });
  });

  it('writes a quote Lexical cannot hold as an HTML card, and reports it', () => {
    const block: Block = {
      type: 'blockquote',
      content: [
        { type: 'paragraph', content: [text('one')] as never },
        { type: 'paragraph', content: [text('two')] as never },
      ],
    };
    const { nodes, fallbacks } = lexicalOf(block);
    expect(nodes[0]).toEqual({ type: 'html', version: 1, html: renderHtml(doc(block)) });
    expect(fallbacks).toEqual([{ kind: 'blockquote', reason: expect.stringMatching(/HTML card/) }]);
  });

  it('writes images and galleries as cards, with the export’s image address', () => {
    const options = { imageSrc: () => '__GHOST_URL__/content/images/2026/12/a.jpg' };
    const figure = lexicalOf(
      { type: 'figure', attrs: { ...image, caption: 'At dawn', credit: 'Photo: Ana & co' } },
      options,
    ).nodes[0];
    expect(figure).toMatchObject({
      type: 'image',
      src: '__GHOST_URL__/content/images/2026/12/a.jpg',
      alt: 'A crane',
      caption: 'At dawn Photo: Ana &amp; co',
      width: 640,
      height: 400,
    });
    const images = Array.from({ length: 4 }, () => image);
    const gallery = lexicalOf({ type: 'gallery', attrs: { images } }, options).nodes[0];
    expect((gallery?.images as { row: number }[]).map((i) => i.row)).toEqual([0, 0, 0, 1]);
  });

  it('writes embeds, related posts, fact boxes, rules, code and raw HTML as Ghost cards', () => {
    const url = 'https://www.youtube.com/watch?v=abcdefghijk';
    expect(
      lexicalOf({ type: 'embed', attrs: { url, provider: 'youtube', title: 'T' } }).nodes[0],
    ).toMatchObject({ type: 'embed', url, embedType: 'video', metadata: { title: 'T' } });
    const related = () => ({ url: 'https://news.example/a/', title: 'A', description: 'D' });
    expect(
      lexicalOf({ type: 'relatedPost', attrs: { postId: 'p1' } }, { related }).nodes[0],
    ).toMatchObject({ type: 'bookmark', url: 'https://news.example/a/', metadata: { title: 'A' } });
    const gone = lexicalOf({ type: 'relatedPost', attrs: { postId: 'p1' } });
    expect(gone.nodes).toEqual([]);
    expect(gone.fallbacks[0]?.kind).toBe('relatedPost');
    expect(
      lexicalOf({
        type: 'factBox',
        attrs: { title: 'Facts' },
        content: [{ type: 'paragraph', content: [text('f')] as never }],
      }).nodes[0],
    ).toMatchObject({ type: 'callout', calloutText: '<p><strong>Facts</strong></p><p>f</p>' });
    expect(lexicalOf({ type: 'horizontalRule' }).nodes[0]).toEqual({
      type: 'horizontalrule',
      version: 1,
    });
    const code = '<pre><code class="language-sql">SELECT 1 &lt; 2;</code></pre>';
    expect(lexicalOf({ type: 'rawHtml', attrs: { html: code } }).nodes[0]).toMatchObject({
      type: 'codeblock',
      code: 'SELECT 1 < 2;',
      language: 'sql',
    });
    expect(
      lexicalOf({ type: 'rawHtml', attrs: { html: '<table><tr><td>1</td></tr></table>' } })
        .nodes[0],
    ).toEqual({ type: 'html', version: 1, html: '<table><tr><td>1</td></tr></table>' });
  });
});

describe('Doc → Lexical → Doc through the Ghost importer', () => {
  it('gives back the same document for every node with a Lexical equivalent', () => {
    const input = doc(
      {
        type: 'paragraph',
        content: [text('a ', 'bold'), linked('b', 'https://e.org/', 'italic')] as never,
      },
      { type: 'paragraph' },
      { type: 'heading', attrs: { level: 4 }, content: [text('h')] as never },
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [
              { type: 'paragraph', content: [text('one')] as never },
              {
                type: 'orderedList',
                attrs: { start: 5 },
                content: [
                  {
                    type: 'listItem',
                    content: [{ type: 'paragraph', content: [text('i')] as never }],
                  },
                ],
              },
            ],
          },
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [text('two', 'code')] as never }],
          },
        ],
      },
      { type: 'blockquote', content: [{ type: 'paragraph', content: [text('q')] as never }] },
      { type: 'pullQuote', attrs: { text: 'Said plainly.' } },
      { type: 'figure', attrs: { ...image, caption: 'Cap' } },
      { type: 'gallery', attrs: { images: [image, { ...image, alt: 'B' }] } },
      {
        type: 'embed',
        attrs: {
          url: 'https://www.youtube.com/watch?v=abcdefghijk',
          provider: 'youtube',
          title: 'V',
        },
      },
      {
        type: 'factBox',
        attrs: {},
        content: [{ type: 'paragraph', content: [text('f')] as never }],
      },
      { type: 'horizontalRule' },
      { type: 'rawHtml', attrs: { html: '<pre><code class="language-js">a &lt; b</code></pre>' } },
      { type: 'rawHtml', attrs: { html: '<table><tbody><tr><td>1</td></tr></tbody></table>' } },
    );
    expect(roundTrip(input)).toEqual(input);
  });

  it('keeps the text of what it had to reshape (documented differences)', () => {
    const output = roundTrip(
      doc(
        { type: 'pullQuote', attrs: { text: 'Q', attribution: 'A' } },
        { type: 'figure', attrs: { ...image, caption: 'C', credit: 'K' } },
        {
          type: 'factBox',
          attrs: { title: 'T' },
          content: [{ type: 'paragraph', content: [text('f')] as never }],
        },
      ),
    );
    expect(output.content[0]).toMatchObject({
      type: 'pullQuote',
      attrs: { text: expect.stringMatching(/^Q\s+— A$/) as unknown },
    });
    expect(output.content[1]).toMatchObject({ type: 'figure', attrs: { caption: 'C K' } });
    expect(output.content[2]).toMatchObject({
      type: 'factBox',
      content: [{ type: 'paragraph', content: [text('T', 'bold')] }, { type: 'paragraph' }],
    });
  });
});
