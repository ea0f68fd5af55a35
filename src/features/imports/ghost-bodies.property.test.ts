// Property tests: whatever Ghost body we are handed (garbage, hostile or merely odd), the
// converters never throw and always return a document the validator accepts as it is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectValid, siteUrl } from '../../../test/helpers/ghost-bodies.js';
import { lexicalToDocument } from './ghost-lexical.js';
import { mobiledocToDocument } from './ghost-mobiledoc.js';

const options = { siteUrl };

const nodeTypes = [
  ...['paragraph', 'heading', 'extended-heading', 'quote', 'extended-quote', 'aside', 'list'],
  ...['listitem', 'text', 'extended-text', 'link', 'autolink', 'at-link', 'linebreak', 'tab'],
  ...['tk', 'zwnj', 'hashtag', 'image', 'gallery', 'embed', 'bookmark', 'callout', 'toggle'],
  ...['button', 'horizontalrule', 'codeblock', 'markdown', 'html', 'header', 'audio', 'video'],
  ...['file', 'product', 'paywall', 'email', 'signup', 'constructor', '__proto__', 'unknown'],
];

const hostileStrings = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '__GHOST_URL__/content/images/a.jpg',
  '/content/images/b.png',
  'https://www.youtube.com/watch?v=abcdefghijk',
  'https://example.org/a b',
  '\u0000\u0007\ud800\u202e',
  '<p><b>bold <i>both</b> open',
  '# heading\n\n- item\n> quote\n```\ncode',
  '<ul><li><ul><li><ul><li>deep</li></ul></li></ul></li></ul>',
  'x'.repeat(3000),
  '',
];

const anyString = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);

const anyScalar = fc.oneof(
  anyString,
  fc.integer({ min: -5, max: 200_000 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

// Lexical-looking nodes: a type from the list and fields with plausible names and any values.
const { node } = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyScalar,
    fc.record(
      {
        type: fc.constantFrom(...nodeTypes),
        text: anyString,
        format: fc.integer({ min: -1, max: 255 }),
        tag: fc.constantFrom('h1', 'h2', 'h3', 'h5', 'h6', 'p', 'x'),
        listType: fc.constantFrom('bullet', 'number', 'check'),
        start: anyScalar,
        url: anyString,
        src: anyString,
        html: anyString,
        markdown: anyString,
        caption: anyString,
        calloutText: anyString,
        heading: anyString,
        content: anyString,
        code: anyString,
        width: anyScalar,
        visibility: fc.oneof(fc.constant(undefined), fc.jsonValue()),
        images: fc.array(fc.record({ src: anyString, alt: anyString, width: anyScalar })),
        children: fc.array(tie('node'), { maxLength: 4 }),
      },
      { requiredKeys: ['type'] },
    ),
  ),
}));

describe('Ghost body converters on arbitrary input', () => {
  it('Lexical: never throws, always valid', () => {
    fc.assert(
      fc.property(fc.array(node, { maxLength: 8 }), (children) => {
        expectValid(lexicalToDocument({ root: { type: 'root', children } }, options));
      }),
      { numRuns: 400 },
    );
  });

  it('Lexical and Mobiledoc: any JSON value or string is survived', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.string()), (value) => {
        const input = typeof value === 'string' ? value : JSON.stringify(value);
        expectValid(lexicalToDocument(input, options));
        expectValid(mobiledocToDocument(input, options));
      }),
      { numRuns: 300 },
    );
  });

  it('Mobiledoc: random sections, markers, markups and cards stay valid', () => {
    const marker = fc.tuple(
      fc.constantFrom(0, 1, 2),
      fc.array(fc.integer({ min: -1, max: 5 }), { maxLength: 3 }),
      fc.integer({ min: -1, max: 4 }),
      fc.oneof(anyString, fc.integer({ min: -1, max: 3 })),
    );
    const section = fc.oneof(
      fc.tuple(
        fc.constant(1),
        fc.constantFrom('p', 'h1', 'h4', 'blockquote', 'aside', 'x'),
        fc.array(marker, { maxLength: 5 }),
      ),
      fc.tuple(
        fc.constant(3),
        fc.constantFrom('ul', 'ol'),
        fc.array(fc.array(marker, { maxLength: 3 }), { maxLength: 3 }),
      ),
      fc.tuple(fc.constant(10), fc.integer({ min: -1, max: 4 })),
      fc.tuple(fc.constant(2), anyString),
      fc.jsonValue(),
    );
    const card = fc.tuple(
      fc.constantFrom(
        'image',
        'hr',
        'code',
        'embed',
        'html',
        'markdown',
        'gallery',
        'toString',
        'x',
      ),
      fc.dictionary(
        fc.constantFrom('src', 'html', 'markdown', 'code', 'url', 'type', 'caption', 'images'),
        anyScalar,
      ),
    );
    fc.assert(
      fc.property(
        fc.array(section, { maxLength: 8 }),
        fc.array(card, { maxLength: 5 }),
        fc.array(
          fc.tuple(
            fc.constantFrom('a', 'strong', 'em', 'sup', 'toString'),
            fc.array(anyString, { maxLength: 2 }),
          ),
        ),
        (sections, cards, markups) => {
          const atoms = [
            ['soft-return', '', {}],
            ['mention', 'Sam', {}],
          ];
          const result = mobiledocToDocument(
            { version: '0.3.1', atoms, cards, markups, sections },
            options,
          );
          expectValid(result);
          expect(Array.isArray(result.dropped)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
