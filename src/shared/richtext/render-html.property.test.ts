// Property tests: whatever passes validation renders without script, event handlers or
// javascript: URLs, even with hostile text everywhere and hostile data from ctx.related.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RenderHtmlContext } from './render-html.js';
import { renderHtml } from './render-html.js';
import { renderText } from './render-text.js';
import { validateDocument } from './validate-document.js';

const hostileFragments = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '<img src="x" onerror="alert(1)">',
  'javascript:alert(1)',
  ' onmouseover=alert(1) x=',
  '&lt;script&gt;',
  '&#106;avascript:',
  '</p></figure><script>',
  '<!--',
  '-->',
  '<![CDATA[',
  '`${x}`',
  '\u202e\u200b\ufeff',
  'ÅÄÖ ñ 中文 😀 👩‍👩‍👧',
  '\\u003cscript',
  "'",
  '"',
  '&',
  ' ',
];

const hostile = fc.constantFrom(...hostileFragments);
const anyText = fc.oneof(
  { weight: 3, arbitrary: hostile },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  {
    weight: 3,
    arbitrary: fc.array(hostile, { minLength: 2, maxLength: 4 }).map((s) => s.join('')),
  },
);
const nonEmptyText = anyText.map((text) => (text === '' ? 'x' : text));

const hostileHrefs = [
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java\u0000script:alert(1)',
  '\u0001javascript:alert(1)',
  '\u200bjavascript:alert(1)',
  'javascript&colon;alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '//evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  'https:evil.example',
  'https://user:pw@evil.example',
];

const obfuscation = fc.constantFrom(
  '',
  '\t',
  '\n',
  '\r',
  ' ',
  '\u0000',
  '\u200b',
  '\u00a0',
  '\u2028',
);
const obfuscatedScheme = fc
  .tuple(
    fc.constantFrom('javascript', 'JaVaScRiPt', 'data', 'vbscript', 'livescript'),
    fc.nat(9),
    obfuscation,
    obfuscation,
    hostile,
  )
  .map(([scheme, at, inside, lead, payload]) => {
    const cut = Math.min(at, scheme.length);
    return `${lead}${scheme.slice(0, cut)}${inside}${scheme.slice(cut)}:${payload}`;
  });

const badHref = fc.oneof(fc.constantFrom(...hostileHrefs), obfuscatedScheme);
const href = fc.oneof(
  badHref,
  fc.constantFrom('https://example.com/a?b=1&c=2', '/local/path', 'mailto:tips@example.org'),
  anyText.map((text) => `https://example.com/${text}`),
  anyText.map((text) => `/${text}`),
);
const imageSrc = fc.oneof(
  badHref,
  fc.constantFrom('/media/a.jpg', 'https://cdn.example.org/a.jpg'),
  anyText.map((text) => `https://cdn.example.org/${text}`),
);

const mark = fc.oneof(
  fc
    .constantFrom('bold', 'italic', 'strike', 'code', 'superscript', 'subscript')
    .map((type) => ({ type })),
  href.map((value) => ({ type: 'link', attrs: { href: value } })),
);
const marks = fc.uniqueArray(mark, { maxLength: 3, selector: (m) => m.type });
const inline = fc.oneof(
  { weight: 6, arbitrary: fc.record({ type: fc.constant('text'), text: nonEmptyText, marks }) },
  { weight: 1, arbitrary: fc.constant({ type: 'hardBreak' }) },
);
const inlineContent = fc.array(inline, { maxLength: 4 });

const paragraph = fc.record({ type: fc.constant('paragraph'), content: inlineContent });
const heading = fc.record({
  type: fc.constant('heading'),
  attrs: fc.record({ level: fc.constantFrom(2, 3, 4) }),
  content: inlineContent,
});

const listOf = (itemChild: fc.Arbitrary<unknown>) =>
  fc.record({
    type: fc.constantFrom('bulletList', 'orderedList'),
    content: fc.array(
      fc.record({
        type: fc.constant('listItem'),
        content: fc.array(itemChild, { minLength: 1, maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  });
const list = listOf(
  fc.oneof({ weight: 3, arbitrary: paragraph }, { weight: 1, arbitrary: listOf(paragraph) }),
);

const image = fc.record(
  {
    mediaId: fc.oneof(fc.constant(null), fc.constantFrom('m1', 'm2')),
    src: imageSrc,
    alt: anyText,
    caption: anyText,
    credit: anyText,
    width: fc.integer({ min: 1, max: 4000 }),
    height: fc.integer({ min: 1, max: 4000 }),
  },
  { requiredKeys: ['src', 'alt'] },
);

const embed = fc.record({
  type: fc.constant('embed'),
  attrs: fc.record(
    {
      url: fc.oneof(
        fc.constantFrom(
          'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
          'https://vimeo.com/76979871',
          'https://x.com/a/status/1',
          'https://www.instagram.com/p/abc/',
          'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC',
        ),
        anyText.map((text) => `https://www.youtube.com/watch?v=${text}`),
        anyText.map((text) => `https://x.com/${text}`),
        badHref,
      ),
      provider: fc.constantFrom('youtube', 'vimeo', 'x', 'instagram', 'spotify'),
      title: anyText,
      html: anyText,
      thumbnailUrl: fc.oneof(fc.constant(null), imageSrc),
    },
    { requiredKeys: ['url', 'provider'] },
  ),
});

const figure = fc.record({ type: fc.constant('figure'), attrs: image });
const blockquote = fc.record({
  type: fc.constant('blockquote'),
  content: fc.array(fc.oneof(paragraph, heading, list), { minLength: 1, maxLength: 2 }),
});
const leafBlocks = [
  paragraph,
  heading,
  figure,
  embed,
  fc.record({
    type: fc.constant('pullQuote'),
    attrs: fc.record({ text: nonEmptyText, attribution: anyText }),
  }),
  fc.record({
    type: fc.constant('gallery'),
    attrs: fc.record({ images: fc.array(image, { minLength: 1, maxLength: 3 }) }),
  }),
  fc.record({
    type: fc.constant('relatedPost'),
    attrs: fc.record({ postId: fc.constantFrom('p1', 'p2', 'gone') }),
  }),
  fc.constant({ type: 'horizontalRule' }),
  fc.record({ type: fc.constant('rawHtml'), attrs: fc.record({ html: anyText }) }),
];
const block = fc.oneof(
  ...leafBlocks,
  list,
  blockquote,
  fc.record({
    type: fc.constant('factBox'),
    attrs: fc.record({ title: anyText }, { requiredKeys: [] }),
    content: fc.array(fc.oneof(paragraph, heading, list, blockquote, figure), {
      minLength: 1,
      maxLength: 2,
    }),
  }),
);
const doc = fc.record({ type: fc.constant('doc'), content: fc.array(block, { maxLength: 5 }) });

const relatedPosts = fc.record({
  title: anyText,
  url: href,
  imageUrl: fc.oneof(fc.constant(null), imageSrc),
  imageAlt: anyText,
  dek: anyText,
});

// A small, browser-like reading of the output: every `<` must open a well-formed tag.
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'=<>/]+(?:="[^"]*")?)*)\s*\/?>/g;
const ATTR = /\s+([^\s"'=<>/]+)(?:="([^"]*)")?/g;
const URL_ATTRS = new Set([
  'href',
  'src',
  'srcset',
  'action',
  'formaction',
  'poster',
  'data',
  'xlink:href',
]);

// Browsers skip these when reading a URL's scheme.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const IGNORED_BY_BROWSERS = /[\u0000-\u0020\u007f-\u009f\u200b\ufeff]/g;

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;/gi, '\t')
    .replace(/&newline;/gi, '\n')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function expectSafeHtml(html: string): void {
  expect(html).not.toMatch(/<script/i);
  // Text between tags is escaped, so nothing tag-like may be left once real tags are removed.
  expect(html.replace(TAG, '')).not.toMatch(/[<>]/);
  for (const [, slash, tagName, attrs = ''] of html.matchAll(TAG)) {
    expect(tagName?.toLowerCase()).not.toMatch(/^(script|style|object|embed|base|meta|link|form)$/);
    for (const [, name = '', value = ''] of attrs.matchAll(ATTR)) {
      expect(name.toLowerCase()).not.toMatch(/^on/);
      // Text attributes (alt, title) may say "javascript:"; only URL attributes are dangerous.
      const decoded = decodeEntities(value).replace(IGNORED_BY_BROWSERS, '');
      if (URL_ATTRS.has(name.toLowerCase())) {
        expect(decoded).not.toMatch(/^(javascript|vbscript|data|livescript):/i);
        expect(decoded).not.toMatch(/^\/\//);
      }
    }
    if (tagName === 'iframe' && slash === '') {
      expect(attrs).toMatch(
        /src="https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com|open\.spotify\.com)\//,
      );
    }
  }
}

describe('renderHtml with hostile input', () => {
  it('never renders script, event handlers or javascript: URLs for documents that validate', () => {
    let accepted = 0;
    fc.assert(
      fc.property(doc, fc.dictionary(fc.constantFrom('p1', 'p2'), relatedPosts), (input, posts) => {
        const result = validateDocument(input, { allowRawHtml: true });
        if (!result.ok) return;
        accepted += 1;
        const ctx: RenderHtmlContext = { related: (postId) => posts[postId] };
        expectSafeHtml(renderHtml(result.doc, ctx));
        expect(typeof renderText(result.doc, ctx)).toBe('string');
        // Validated output is itself valid and stable.
        expect(validateDocument(result.doc, { allowRawHtml: true })).toEqual(result);
      }),
      { numRuns: 3000 },
    );
    // The generator must exercise the renderer, not just the validator.
    expect(accepted).toBeGreaterThan(300);
  });

  it('rejects every document carrying a hostile link href, naming the attribute', () => {
    fc.assert(
      fc.property(doc, badHref, fc.nat(), (input, bad, at) => {
        const poisoned = {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href: bad } }] },
          ],
        };
        const content: unknown[] = [...input.content];
        const index = at % (content.length + 1);
        content.splice(index, 0, poisoned);
        const result = validateDocument({ type: 'doc', content }, { allowRawHtml: true });
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.errors.map((e) => e.path)).toContain(
            `content[${index}].content[0].marks[0].attrs.href`,
          );
        }
      }),
      { numRuns: 2000 },
    );
  });
});
