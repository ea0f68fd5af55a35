import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../shared/richtext/index.js';
import type { BodyConversion } from './body-conversion.js';
import { htmlToDocument } from './html-to-document.js';

const siteUrl = 'https://old.example.com';

/** Converts and insists on what every caller relies on: a document the validator keeps as is. */
function convert(html: string): BodyConversion {
  const result = htmlToDocument(html, { siteUrl });
  const { doc, issues } = parseDocument(result.doc, { allowRawHtml: true });
  expect(issues).toEqual([]);
  expect(doc).toEqual(result.doc);
  return result;
}

const blocksOf = (html: string) => convert(html).doc.content;
const text = (value: string, marks?: unknown[]) => ({
  type: 'text',
  text: value,
  ...(marks ? { marks } : {}),
});
const para = (...content: unknown[]) => ({ type: 'paragraph', content });

describe('htmlToDocument', () => {
  it('makes paragraphs of <p>, bare text and blank-line separated text', () => {
    expect(blocksOf('<p>One</p>Two\n\nThree <b>four</b>\n<p>  Five  </p>')).toEqual([
      para(text('One')),
      para(text('Two')),
      para(text('Three '), text('four', [{ type: 'bold' }])),
      para(text('Five')),
    ]);
  });

  it('collapses whitespace across elements the way a browser shows it', () => {
    expect(blocksOf('<p> a  <em> b </em>\n c </p>')).toEqual([
      para(text('a '), text('b ', [{ type: 'italic' }]), text('c')),
    ]);
  });

  it('maps every inline mark and nests them', () => {
    const [block] = blocksOf(
      '<p><strong>b</strong><i>i</i><del>s</del><strike>s</strike><code>c</code><sub>2</sub><sup>3</sup><b><em>bi</em></b></p>',
    );
    expect(block).toEqual(
      para(
        text('b', [{ type: 'bold' }]),
        text('i', [{ type: 'italic' }]),
        text('ss', [{ type: 'strike' }]),
        text('c', [{ type: 'code' }]),
        text('2', [{ type: 'subscript' }]),
        text('3', [{ type: 'superscript' }]),
        text('bi', [{ type: 'bold' }, { type: 'italic' }]),
      ),
    );
  });

  it('keeps safe links, makes site-relative ones absolute and reports unsafe ones', () => {
    const result = convert(
      '<p><a href="/about/">About</a> <a href="https://x.org/a">X</a> <a href="javascript:alert(1)">bad</a> <a href="mailto:ed@x.org">mail</a> <a href="#top">top</a></p>',
    );
    expect(result.doc.content[0]).toEqual(
      para(
        text('About', [{ type: 'link', attrs: { href: 'https://old.example.com/about/' } }]),
        text(' '),
        text('X', [{ type: 'link', attrs: { href: 'https://x.org/a' } }]),
        text(' bad '),
        text('mail', [{ type: 'link', attrs: { href: 'mailto:ed@x.org' } }]),
        text(' top'),
      ),
    );
    expect(result.dropped).toEqual([{ kind: 'a', reason: expect.stringContaining('cannot use') }]);
  });

  it("resolves Ghost's __GHOST_URL__ placeholder and protocol-relative addresses", () => {
    const result = convert(
      '<p><a href="__GHOST_URL__/tag/news/">News</a></p><img src="__GHOST_URL__/content/images/a.jpg"><img src="//cdn.x.org/b.png">',
    );
    expect(result.doc.content[0]).toEqual(
      para(text('News', [{ type: 'link', attrs: { href: 'https://old.example.com/tag/news/' } }])),
    );
    expect(result.imageUrls).toEqual([
      'https://old.example.com/content/images/a.jpg',
      'https://cdn.x.org/b.png',
    ]);
  });

  it('splits a paragraph around a block written inside it, keeping the marks', () => {
    expect(blocksOf('<p><b>before<img src="/i.jpg">after</b></p>')).toEqual([
      para(text('before', [{ type: 'bold' }])),
      { type: 'figure', attrs: { src: 'https://old.example.com/i.jpg', alt: '' } },
      para(text('after', [{ type: 'bold' }])),
    ]);
  });

  it('turns <br> into hard breaks, dropping those at the ends', () => {
    expect(blocksOf('<p><br>one<br/>two<br></p>')).toEqual([
      para(text('one'), { type: 'hardBreak' }, text('two')),
    ]);
  });

  it('maps headings to levels 2 to 4', () => {
    expect(
      blocksOf('<h1>A</h1><h3>B</h3><h6>C</h6>').map((b) => b.type === 'heading' && b.attrs.level),
    ).toEqual([2, 3, 4]);
  });

  it('converts nested and numbered lists', () => {
    expect(blocksOf('<ol start="3"><li>a<ul><li>b</li></ul></li><li><p>c</p></li></ol>')).toEqual([
      {
        type: 'orderedList',
        attrs: { start: 3 },
        content: [
          {
            type: 'listItem',
            content: [
              para(text('a')),
              { type: 'bulletList', content: [{ type: 'listItem', content: [para(text('b'))] }] },
            ],
          },
          { type: 'listItem', content: [para(text('c'))] },
        ],
      },
    ]);
  });

  it('keeps a list written straight inside a list with the item before it', () => {
    const [list] = blocksOf('<ul><li>a</li><ul><li>b</li></ul></ul>');
    expect(list).toMatchObject({
      type: 'bulletList',
      content: [{ content: [para(text('a')), { type: 'bulletList' }] }],
    });
  });

  it('converts blockquotes and moves images out of them', () => {
    expect(blocksOf('<blockquote><p>Said</p><img src="/a.jpg" alt="A"></blockquote>')).toEqual([
      { type: 'blockquote', content: [para(text('Said'))] },
      { type: 'figure', attrs: { src: 'https://old.example.com/a.jpg', alt: 'A' } },
    ]);
  });

  it('makes figures with alt, caption and size, and lists image addresses once', () => {
    const result = convert(
      '<figure><img src="https://cdn.x.org/p.jpg" alt="Pier" width="800" height="600"><figcaption>The <b>pier</b></figcaption></figure><p><img src="https://cdn.x.org/p.jpg"></p>',
    );
    expect(result.doc.content[0]).toEqual({
      type: 'figure',
      attrs: {
        src: 'https://cdn.x.org/p.jpg',
        alt: 'Pier',
        caption: 'The pier',
        width: 800,
        height: 600,
      },
    });
    expect(result.imageUrls).toEqual(['https://cdn.x.org/p.jpg']);
  });

  it('makes a gallery of a figure holding several images', () => {
    const [gallery, caption] = blocksOf(
      '<figure class="wp-block-gallery"><figure><img src="/1.jpg"><figcaption>One</figcaption></figure><figure><img src="/2.jpg"></figure><figcaption>Both</figcaption></figure>',
    );
    expect(gallery).toEqual({
      type: 'gallery',
      attrs: {
        images: [
          { src: 'https://old.example.com/1.jpg', alt: '', caption: 'One' },
          { src: 'https://old.example.com/2.jpg', alt: '' },
        ],
      },
    });
    expect(caption).toEqual(para(text('Both')));
  });

  it('reports images it cannot use', () => {
    const result = convert('<img src="data:image/png;base64,AAAA"><p>after</p>');
    expect(result.doc.content).toEqual([para(text('after'))]);
    expect(result.dropped).toHaveLength(1);
  });

  it('turns known frames and social blockquotes into embeds and reports the rest', () => {
    const result = convert(
      '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe><iframe src="https://evil.example/x"></iframe><blockquote class="twitter-tweet"><p>hi</p><a href="https://twitter.com/a/status/123">date</a></blockquote>',
    );
    expect(result.doc.content).toEqual([
      {
        type: 'embed',
        attrs: { url: 'https://www.youtube.com/embed/dQw4w9WgXcQ', provider: 'youtube' },
      },
      { type: 'embed', attrs: { url: 'https://twitter.com/a/status/123', provider: 'x' } },
    ]);
    expect(result.dropped).toEqual([
      { kind: 'iframe', reason: expect.stringContaining('evil.example') },
    ]);
  });

  it('keeps tables and preformatted code as sanitised raw HTML', () => {
    const [table, pre] = blocksOf(
      '<table onclick="x()"><tr><td>1</td><td><script>bad()</script>2</td></tr></table><pre><code>a &lt; b\n  c</code></pre>',
    );
    expect(table).toEqual({
      type: 'rawHtml',
      attrs: { html: '<table><tr><td>1</td><td>2</td></tr></table>' },
    });
    expect(pre).toEqual({
      type: 'rawHtml',
      attrs: { html: '<pre><code>a &lt; b\n  c</code></pre>' },
    });
  });

  it('drops scripts, styles and forms with one report line each kind', () => {
    const result = convert(
      '<p>a</p><script>x()</script><script>y()</script><style>p{}</style><form><input name="q"></form><p>b</p>',
    );
    expect(result.doc.content).toEqual([para(text('a')), para(text('b'))]);
    expect(result.dropped.map((part) => part.kind)).toEqual(['script', 'style', 'form']);
    expect(result.dropped[0]?.reason).toContain('2 times');
  });

  it('makes a horizontal rule of <hr> and strips control characters', () => {
    expect(blocksOf('<p>a\u0001b</p><hr>')).toEqual([para(text('ab')), { type: 'horizontalRule' }]);
  });

  it('stays within the depth limit however deep the HTML nests', () => {
    const lists = '<ul><li>x'.repeat(40) + '</li></ul>'.repeat(40);
    const quotes = '<blockquote>'.repeat(500) + 'deep' + '</blockquote>'.repeat(500);
    const divs = '<div><b>'.repeat(5000) + 'deeper';
    const result = convert(lists + quotes + divs);
    expect(JSON.stringify(result.doc)).toContain('deeper');
  });

  it('leaves out what does not fit in a document and says so', () => {
    const html = '<p>word</p>'.repeat(12_000);
    const result = convert(html);
    expect(result.doc.content.length).toBeLessThan(12_000);
    expect(result.dropped).toEqual([{ kind: 'body', reason: expect.stringContaining('left out') }]);
  });

  it('never throws and always gives a valid document, whatever the HTML', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '<p>',
        '</p>',
        '<b>',
        '</b>',
        '<i>',
        '<ul>',
        '<ol start="-4">',
        '<li>',
        '</li>',
        '</ul>',
        '<blockquote>',
        '</blockquote>',
        '<h2>',
        '</h2>',
        '<figure>',
        '<figcaption>',
        '</figure>',
        '<img src="/x.jpg" width="0">',
        '<img src="javascript:x">',
        '<a href="//evil">',
        '<a href="/ok">',
        '</a>',
        '<br>',
        '<hr>',
        '<table><td>',
        '<pre>',
        '<iframe src="https://vimeo.com/1">',
        '<script>',
        '<div>',
        '</div>',
        '\n\n',
        ' ',
        '&amp;',
        '&#0;',
        '\u0000',
        '\ud800',
        '[caption]',
        '<sup>',
        '<code>',
        '<!--',
        '-->',
        '<',
        '>',
      ),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        convert(pieces.join(''));
      }),
      { numRuns: 300 },
    );
  });
});
