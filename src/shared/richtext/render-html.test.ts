import { describe, expect, it } from 'vitest';
import type { Block, InlineNode } from './document.js';
import { sampleDocument } from './fixtures.js';
import type { RenderHtmlContext } from './render-html.js';
import { renderHtml } from './render-html.js';

const render = (blocks: Block[], ctx?: RenderHtmlContext) =>
  renderHtml({ type: 'doc', content: blocks }, ctx);

const text = (value: string, marks?: InlineNode['marks']): InlineNode =>
  marks ? { type: 'text', text: value, marks } : { type: 'text', text: value };

describe('renderHtml', () => {
  it('renders paragraphs with escaped text and hard breaks', () => {
    expect(
      render([
        { type: 'paragraph', content: [text('a < b & "c"'), { type: 'hardBreak' }, text("d'")] },
      ]),
    ).toBe('<p>a &lt; b &amp; &quot;c&quot;<br>d&#39;</p>');
    expect(render([{ type: 'paragraph' }])).toBe('<p></p>');
  });

  it('renders every simple mark, merging marks shared by neighbouring text', () => {
    expect(
      render([
        {
          type: 'paragraph',
          content: [
            text('b', [{ type: 'bold' }]),
            text('bi', [{ type: 'bold' }, { type: 'italic' }]),
            text('s', [{ type: 'strike' }]),
            text('c', [{ type: 'code' }]),
            text('sup', [{ type: 'superscript' }]),
            text('sub', [{ type: 'subscript' }]),
          ],
        },
      ]),
    ).toBe(
      '<p><strong>b<em>bi</em></strong><s>s</s><code>c</code><sup>sup</sup><sub>sub</sub></p>',
    );
  });

  it('renders links, with rel only on links that leave the site', () => {
    const link = (href: string) => ({ type: 'link' as const, attrs: { href } });
    const html = render(
      [
        {
          type: 'paragraph',
          content: [
            text('out', [link('https://other.example/?a=1&b=2')]),
            text('bold out', [{ type: 'bold' }, link('https://other.example/?a=1&b=2')]),
            text('home', [link('https://news.example/about')]),
            text('path', [link('/about')]),
            text('mail', [link('mailto:a@b.c')]),
          ],
        },
      ],
      { siteOrigin: 'https://news.example' },
    );
    expect(html).toBe(
      '<p><a href="https://other.example/?a=1&amp;b=2" rel="noopener noreferrer">out<strong>bold out</strong></a>' +
        '<a href="https://news.example/about">home</a><a href="/about">path</a><a href="mailto:a@b.c">mail</a></p>',
    );
  });

  it('drops a link whose href is unsafe even if it reached the renderer', () => {
    expect(
      render([
        {
          type: 'paragraph',
          content: [text('x', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }])],
        },
      ]),
    ).toBe('<p>x</p>');
  });

  it('renders headings with stable, unique ids', () => {
    const heading = (level: 2 | 3 | 4, value: string): Block => ({
      type: 'heading',
      attrs: { level },
      content: [text(value)],
    });
    expect(
      render([
        heading(2, 'Crème brûlée: the "facts"'),
        heading(3, 'Costs'),
        heading(4, 'Costs'),
        heading(2, '!!!'),
      ]),
    ).toBe(
      '<h2 id="creme-brulee-the-facts">Crème brûlée: the &quot;facts&quot;</h2><h3 id="costs">Costs</h3>' +
        '<h4 id="costs-2">Costs</h4><h2 id="section">!!!</h2>',
    );
  });

  it('renders lists, blockquotes, fact boxes and rules', () => {
    const item = (value: string) => ({
      type: 'listItem' as const,
      content: [{ type: 'paragraph' as const, content: [text(value)] }],
    });
    expect(
      render([
        { type: 'bulletList', content: [item('a')] },
        { type: 'orderedList', content: [item('b')] },
        { type: 'orderedList', attrs: { start: 4 }, content: [item('c')] },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [text('q')] }] },
        {
          type: 'factBox',
          attrs: { title: 'Facts <1>' },
          content: [{ type: 'paragraph', content: [text('f')] }],
        },
        { type: 'factBox', attrs: {}, content: [{ type: 'horizontalRule' }] },
      ]),
    ).toBe(
      '<ul><li><p>a</p></li></ul><ol><li><p>b</p></li></ol><ol start="4"><li><p>c</p></li></ol>' +
        '<blockquote><p>q</p></blockquote>' +
        '<aside class="fact-box"><p class="fact-box__title">Facts &lt;1&gt;</p><p>f</p></aside>' +
        '<aside class="fact-box"><hr></aside>',
    );
  });

  it('renders pull quotes', () => {
    expect(
      render([{ type: 'pullQuote', attrs: { text: '"Yes"', attribution: 'Ann <Lee>' } }]),
    ).toBe(
      '<figure class="pull-quote"><blockquote><p>&quot;Yes&quot;</p></blockquote><figcaption>Ann &lt;Lee&gt;</figcaption></figure>',
    );
    expect(render([{ type: 'pullQuote', attrs: { text: 'No' } }])).toBe(
      '<figure class="pull-quote"><blockquote><p>No</p></blockquote></figure>',
    );
  });

  it('renders figures and galleries', () => {
    const figure: Block = {
      type: 'figure',
      attrs: {
        src: '/a.jpg?x=1&y=2',
        alt: 'A "b"',
        caption: 'Cap',
        credit: 'Cred',
        width: 800,
        height: 600,
      },
    };
    expect(render([figure])).toBe(
      '<figure><img src="/a.jpg?x=1&amp;y=2" alt="A &quot;b&quot;" width="800" height="600" loading="lazy" decoding="async">' +
        '<figcaption>Cap <span class="credit">Cred</span></figcaption></figure>',
    );
    expect(render([{ type: 'figure', attrs: { src: '/a.jpg', alt: '' } }])).toBe(
      '<figure><img src="/a.jpg" alt="" loading="lazy" decoding="async"></figure>',
    );
    expect(
      render([
        {
          type: 'gallery',
          attrs: {
            images: [
              { src: '/1.jpg', alt: '1' },
              { src: '/2.jpg', alt: '2', credit: 'C' },
            ],
          },
        },
      ]),
    ).toBe(
      '<div class="gallery"><figure><img src="/1.jpg" alt="1" loading="lazy" decoding="async"></figure>' +
        '<figure><img src="/2.jpg" alt="2" loading="lazy" decoding="async"><figcaption><span class="credit">C</span></figcaption></figure></div>',
    );
  });

  it('lets the media library supply the image URL and srcset', () => {
    const html = render(
      [
        {
          type: 'figure',
          attrs: { mediaId: 'm1', src: '/orig.jpg', alt: 'x', width: 4000, height: 3000 },
        },
      ],
      {
        imageAttrs: (image) =>
          image.mediaId === 'm1'
            ? {
                src: '/m1-1200.jpg',
                srcset: '/m1-600.jpg 600w, /m1-1200.jpg 1200w',
                sizes: '100vw',
                width: 1200,
                height: 900,
              }
            : undefined,
      },
    );
    expect(html).toBe(
      '<figure><img src="/m1-1200.jpg" srcset="/m1-600.jpg 600w, /m1-1200.jpg 1200w" sizes="100vw" alt="x" width="1200" height="900" loading="lazy" decoding="async"></figure>',
    );
  });

  it('renders video embeds as sandboxed privacy-friendly iframes, never the stored html', () => {
    const html = render([
      {
        type: 'embed',
        attrs: {
          url: 'https://vimeo.com/76979871',
          provider: 'vimeo',
          title: 'Clip "one"',
          html: '<script>alert(1)</script><iframe src="https://vimeo.com" onload="x()"></iframe>',
        },
      },
    ]);
    expect(html).toBe(
      '<figure class="embed embed--vimeo"><iframe src="https://player.vimeo.com/video/76979871?dnt=1" title="Clip &quot;one&quot;"' +
        ' width="640" height="360" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"' +
        ' sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation"' +
        ' allow="fullscreen; picture-in-picture; encrypted-media" allowfullscreen></iframe></figure>',
    );
    expect(
      render([
        { type: 'embed', attrs: { url: 'https://youtu.be/dQw4w9WgXcQ', provider: 'youtube' } },
      ]),
    ).toContain('src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="YouTube embed"');
  });

  it('renders other embeds as link cards', () => {
    expect(
      render([
        {
          type: 'embed',
          attrs: {
            url: 'https://www.instagram.com/p/abc/',
            provider: 'instagram',
            html: '<blockquote class="instagram-media"></blockquote><script async src="//www.instagram.com/embed.js"></script>',
            thumbnailUrl: 'https://cdn.example.org/t.jpg',
          },
        },
      ]),
    ).toBe(
      '<figure class="embed embed--instagram embed-card"><a class="embed-card__link" href="https://www.instagram.com/p/abc/" rel="noopener noreferrer">' +
        '<img class="embed-card__thumbnail" src="https://cdn.example.org/t.jpg" alt="" loading="lazy" decoding="async">' +
        '<span class="embed-card__title">View on Instagram</span><span class="embed-card__url">www.instagram.com/p/abc/</span></a></figure>',
    );
  });

  it('renders related posts from their current title and URL, or not at all', () => {
    const block: Block = { type: 'relatedPost', attrs: { postId: 'p1' } };
    const related: RenderHtmlContext['related'] = (postId) =>
      postId === 'p1'
        ? {
            title: 'New <title>',
            url: '/2024/new-slug',
            imageUrl: '/i.jpg',
            imageAlt: 'I',
            dek: 'Dek',
          }
        : undefined;
    expect(render([block], { related })).toBe(
      '<aside class="related-card"><a href="/2024/new-slug"><img class="related-card__image" src="/i.jpg" alt="I" loading="lazy" decoding="async">' +
        '<span class="related-card__title">New &lt;title&gt;</span><span class="related-card__dek">Dek</span></a></aside>',
    );
    expect(render([{ type: 'relatedPost', attrs: { postId: 'gone' } }], { related })).toBe('');
    expect(render([block])).toBe('');
  });

  it('outputs raw HTML re-sanitised', () => {
    expect(
      render([{ type: 'rawHtml', attrs: { html: '<b>ok</b><script>alert(1)</script>' } }]),
    ).toBe('<b>ok</b>');
  });

  it('renders the sample document', () => {
    const html = renderHtml(sampleDocument, { related: () => ({ title: 'T', url: '/t' }) });
    expect(html).toContain('<h2 id="what-happens-next">');
    expect(html).toContain('<aside class="related-card">');
    expect(html).not.toContain('platform.twitter.com');
  });
});
