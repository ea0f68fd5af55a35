import { describe, expect, it } from 'vitest';
import type { Block, InlineNode } from './document.js';
import { sampleDocument } from './fixtures.js';
import type { RenderEmailHtmlContext } from './render-email-html.js';
import { emailImageSize, renderEmailHtml } from './render-email-html.js';

const siteUrl = 'https://news.example';
const render = (blocks: Block[], ctx: Partial<RenderEmailHtmlContext> = {}) =>
  renderEmailHtml({ type: 'doc', content: blocks }, { siteUrl, ...ctx });

const text = (value: string, marks?: InlineNode['marks']): InlineNode =>
  marks ? { type: 'text', text: value, marks } : { type: 'text', text: value };
const link = (href: string) => ({ type: 'link' as const, attrs: { href } });

/** Every `<img …>` tag's attributes, as a map per image. */
function images(html: string): Array<Record<string, string>> {
  return [...html.matchAll(/<img\b([^>]*)>/g)].map((match) =>
    Object.fromEntries(
      [...(match[1] ?? '').matchAll(/([a-z-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]),
    ),
  );
}

describe('renderEmailHtml', () => {
  it('escapes text and keeps marks and hard breaks', () => {
    expect(
      render([
        {
          type: 'paragraph',
          content: [
            text('<script>alert("x")</script> & '),
            text('bold', [{ type: 'bold' }]),
            { type: 'hardBreak' },
            text('4(b)', [{ type: 'code' }]),
          ],
        },
      ]),
    ).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <strong>bold</strong><br><code>4(b)</code></p>',
    );
  });

  it('makes site links absolute, keeps external and mailto links, drops unsafe ones', () => {
    const html = render([
      {
        type: 'paragraph',
        content: [
          text('path', [link('/2024/04/budget/')]),
          text('out', [link('https://other.example/?a=1&b=2')]),
          text('mail', [link('mailto:tips@news.example')]),
          text('bad', [link('javascript:alert(1)')]),
        ],
      },
    ]);
    expect(html).toContain('<a href="https://news.example/2024/04/budget/">path</a>');
    expect(html).toContain('href="https://other.example/?a=1&amp;b=2"');
    expect(html).toContain('<a href="mailto:tips@news.example">mail</a>');
    expect(html).not.toContain('javascript');
    expect(html).toContain('bad');
  });

  it('renders headings without page anchors, lists, quotes and rules', () => {
    const html = render([
      { type: 'heading', attrs: { level: 2 }, content: [text('Next')] },
      {
        type: 'orderedList',
        attrs: { start: 3 },
        content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('one')] }] }],
      },
      { type: 'blockquote', content: [{ type: 'paragraph', content: [text('quoted')] }] },
      { type: 'pullQuote', attrs: { text: 'Not a luxury.', attribution: 'Ada' } },
      { type: 'horizontalRule' },
    ]);
    expect(html).toBe(
      '<h2>Next</h2><ol start="3"><li><p>one</p></li></ol><blockquote><p>quoted</p></blockquote>' +
        '<blockquote class="pull-quote"><p>Not a luxury.</p><p class="pull-quote__by">— Ada</p></blockquote><hr>',
    );
  });

  it('sizes images to the column, keeps the aspect ratio, and always writes alt', () => {
    const html = render(
      [
        {
          type: 'figure',
          attrs: {
            src: '/media/a.jpg',
            alt: 'A "quoted" hall',
            caption: 'The hall',
            credit: 'Jo Lee',
            width: 1600,
            height: 900,
          },
        },
        { type: 'figure', attrs: { src: 'https://cdn.example/b.jpg', alt: '', width: 300 } },
        { type: 'figure', attrs: { src: 'https://cdn.example/c.jpg', alt: 'No size known' } },
      ],
      { maxImageWidth: 552 },
    );
    const [wide, narrow, unknown] = images(html);
    expect(wide).toMatchObject({
      src: 'https://news.example/media/a.jpg',
      alt: 'A &quot;quoted&quot; hall',
      width: '552',
      height: '311',
    });
    expect(wide?.style).toContain('max-width:100%');
    expect(narrow).toMatchObject({ alt: '', width: '300' });
    expect(narrow).not.toHaveProperty('height');
    expect(unknown).toMatchObject({ width: '552', alt: 'No size known' });
    expect(html).toContain('<p class="caption">The hall <span class="credit">(Jo Lee)</span></p>');
  });

  it('uses the media library size and copy when the context knows the image', () => {
    const html = render(
      [{ type: 'figure', attrs: { mediaId: 'm1', src: '/media/orig.jpg', alt: 'x' } }],
      { imageAttrs: () => ({ src: '/media/m1/w/1280.jpg', width: 4000, height: 3000 }) },
    );
    expect(images(html)[0]).toMatchObject({
      src: 'https://news.example/media/m1/w/1280.jpg',
      width: '600',
      height: '450',
    });
  });

  it('turns embeds into linked cards: no iframe, no script, no stored oEmbed markup', () => {
    const html = render([
      {
        type: 'embed',
        attrs: {
          url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
          provider: 'youtube',
          title: 'Council <meeting>',
          thumbnailUrl: 'https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg',
        },
      },
      {
        type: 'embed',
        attrs: {
          url: 'https://x.com/example/status/1',
          provider: 'x',
          html: '<script src="https://platform.twitter.com/widgets.js"></script>',
        },
      },
    ]);
    expect(html).not.toMatch(/<iframe|<script/);
    expect(html).toContain('href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"');
    expect(html).toContain('Council &lt;meeting&gt;');
    expect(html).toContain('Watch on YouTube · www.youtube.com/watch');
    expect(html).toContain('View on X · x.com/example/status/1');
    expect(images(html)).toEqual([expect.objectContaining({ alt: '', width: '600' })]);
  });

  it('shows a related story as it is now, and leaves out unknown ones', () => {
    const related = (id: string) =>
      id === 'p1' ? { title: 'Budget <cuts>', url: '/budget/', dek: 'What changed' } : undefined;
    const html = render(
      [
        { type: 'relatedPost', attrs: { postId: 'p1' } },
        { type: 'relatedPost', attrs: { postId: 'gone' } },
      ],
      { related },
    );
    expect(html).toContain('<a href="https://news.example/budget/">Budget &lt;cuts&gt;</a>');
    expect(html).toContain('What changed');
    expect(html.match(/related-card"/g)).toHaveLength(1);
  });

  it('renders the whole sample article without raw HTML, frames or relative URLs', () => {
    const html = renderEmailHtml(sampleDocument, { siteUrl: 'https://news.example/' });
    expect(html).toContain('Key facts');
    expect(html).not.toContain('ONS'); // the raw HTML block
    expect(html).not.toMatch(/<iframe|<script|(?:href|src)="\/(?!\/)/);
    for (const image of images(html)) {
      expect(image.alt).toBeDefined();
      expect(Number(image.width)).toBeLessThanOrEqual(600);
    }
  });
});

describe('emailImageSize', () => {
  it('never widens an image and scales its height with it', () => {
    expect(emailImageSize(1200, 800, 600)).toEqual({ width: 600, height: 400 });
    expect(emailImageSize(400, 300, 600)).toEqual({ width: 400, height: 300 });
    expect(emailImageSize(undefined, 300, 600)).toEqual({ width: 600 });
  });
});
