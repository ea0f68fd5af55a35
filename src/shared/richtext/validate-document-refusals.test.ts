import { describe, expect, it } from 'vitest';
import { doc, errorsOf, paragraph } from './test-documents.js';

// Every kind of malformed or hostile document the validator refuses, each with the path and the
// message an editor (or an API client) sees.
describe('validateDocument refuses', () => {
  it.each<[string, unknown, string, RegExp]>([
    ['a non-object root', 'hello', '', /must be an object/],
    ['a wrong root type', { type: 'paragraph', content: [] }, 'type', /"doc"/],
    ['a missing content array', { type: 'doc' }, 'content', /array/],
    [
      'an unknown node type',
      doc(paragraph('a'), { type: 'video' }),
      'content[1]',
      /Unknown node type "video"/,
    ],
    [
      'an unknown node field',
      doc({ type: 'horizontalRule', attrs: {} }),
      'content[0].attrs',
      /Unknown field/,
    ],
    [
      'an unknown mark',
      doc(paragraph('a'), paragraph('b', [{ type: 'bold' }, { type: 'underline' }])),
      'content[1].content[0].marks[1].type',
      /Unknown mark "underline"/,
    ],
    [
      'a duplicate mark',
      doc(paragraph('b', [{ type: 'bold' }, { type: 'bold' }])),
      'content[0].content[0].marks[1]',
      /Duplicate/,
    ],
    [
      'attrs on a simple mark',
      doc(paragraph('b', [{ type: 'bold', attrs: {} }])),
      'content[0].content[0].marks[0].attrs',
      /Unknown field/,
    ],
    [
      'an unknown link attribute',
      doc(paragraph('b', [{ type: 'link', attrs: { href: '/a', target: '_blank' } }])),
      'content[0].content[0].marks[0].attrs.target',
      /Unknown attribute "target"/,
    ],
    [
      'a javascript: link',
      doc(paragraph('a'), paragraph('b'), paragraph('c'), {
        type: 'blockquote',
        content: [
          paragraph('x', [
            { type: 'bold' },
            { type: 'link', attrs: { href: 'javascript:alert(1)' } },
          ]),
        ],
      }),
      'content[3].content[0].content[0].marks[1].attrs.href',
      /Link must be/,
    ],
    [
      'a protocol-relative link',
      doc(paragraph('b', [{ type: 'link', attrs: { href: '//evil.example' } }])),
      'content[0].content[0].marks[0].attrs.href',
      /Link must be/,
    ],
    [
      'heading level 1',
      doc({ type: 'heading', attrs: { level: 1 } }),
      'content[0].attrs.level',
      /2, 3 or 4/,
    ],
    [
      'heading level 5',
      doc({ type: 'heading', attrs: { level: 5 } }),
      'content[0].attrs.level',
      /2, 3 or 4/,
    ],
    ['a heading without attrs', doc({ type: 'heading' }), 'content[0].attrs', /object/],
    [
      'a list item at the top level',
      doc({ type: 'listItem', content: [paragraph('a')] }),
      'content[0]',
      /"listItem" is not allowed here/,
    ],
    [
      'a paragraph directly in a list',
      doc({ type: 'bulletList', content: [paragraph('a')] }),
      'content[0].content[0]',
      /"paragraph" is not allowed here/,
    ],
    [
      'a figure in a list item',
      doc({
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [{ type: 'figure', attrs: { src: '/a.jpg', alt: '' } }] },
        ],
      }),
      'content[0].content[0].content[0]',
      /"figure" is not allowed here/,
    ],
    [
      'a fact box in a fact box',
      doc({
        type: 'factBox',
        attrs: {},
        content: [{ type: 'factBox', attrs: {}, content: [paragraph('a')] }],
      }),
      'content[0].content[0]',
      /not allowed here/,
    ],
    [
      'a block inside a paragraph',
      doc({ type: 'paragraph', content: [paragraph('a')] }),
      'content[0].content[0]',
      /expected text or hardBreak/,
    ],
    [
      'text at the top level',
      doc({ type: 'text', text: 'a' }),
      'content[0]',
      /"text" is not allowed here/,
    ],
    ['an empty list', doc({ type: 'bulletList', content: [] }), 'content[0].content', /empty/],
    [
      'an empty text node',
      doc({ type: 'paragraph', content: [{ type: 'text', text: '' }] }),
      'content[0].content[0].text',
      /non-empty/,
    ],
    [
      'control characters in text',
      doc(paragraph('a\u0000b')),
      'content[0].content[0].text',
      /control/,
    ],
    [
      'an unsafe image src',
      doc({ type: 'figure', attrs: { src: 'javascript:alert(1)', alt: '' } }),
      'content[0].attrs.src',
      /Image must be/,
    ],
    [
      'an unsafe gallery image',
      doc({
        type: 'gallery',
        attrs: {
          images: [
            { src: '/a.jpg', alt: '' },
            { src: 'data:image/png;base64,AA', alt: '' },
          ],
        },
      }),
      'content[0].attrs.images[1].src',
      /Image must be/,
    ],
    [
      'an empty gallery',
      doc({ type: 'gallery', attrs: { images: [] } }),
      'content[0].attrs.images',
      /.+/,
    ],
    [
      'a gallery of 31 images',
      doc({
        type: 'gallery',
        attrs: { images: Array.from({ length: 31 }, () => ({ src: '/a.jpg', alt: '' })) },
      }),
      'content[0].attrs.images',
      /.+/,
    ],
    [
      'an unknown figure attribute',
      doc({ type: 'figure', attrs: { src: '/a.jpg', alt: '', onload: 'x' } }),
      'content[0].attrs.onload',
      /Unknown attribute/,
    ],
    [
      'a figure without alt',
      doc({ type: 'figure', attrs: { src: '/a.jpg' } }),
      'content[0].attrs.alt',
      /.+/,
    ],
    [
      'an embed from an unknown host',
      doc({ type: 'embed', attrs: { url: 'https://evil.example/v/1', provider: 'youtube' } }),
      'content[0].attrs.url',
      /allowed provider/,
    ],
    [
      'an embed with a mismatched provider',
      doc({ type: 'embed', attrs: { url: 'https://vimeo.com/1', provider: 'youtube' } }),
      'content[0].attrs.provider',
      /vimeo/,
    ],
    [
      'an unknown embed provider',
      doc({ type: 'embed', attrs: { url: 'https://vimeo.com/1', provider: 'myspace' } }),
      'content[0].attrs.provider',
      /Unknown embed provider/,
    ],
    [
      'an unsafe embed thumbnail',
      doc({
        type: 'embed',
        attrs: { url: 'https://vimeo.com/1', provider: 'vimeo', thumbnailUrl: 'javascript:x' },
      }),
      'content[0].attrs.thumbnailUrl',
      /Image must be/,
    ],
    [
      'a malformed related post id',
      doc({ type: 'relatedPost', attrs: { postId: '../x' } }),
      'content[0].attrs.postId',
      /ID/,
    ],
    [
      'an empty pull quote',
      doc({ type: 'pullQuote', attrs: { text: '' } }),
      'content[0].attrs.text',
      /.+/,
    ],
    [
      'a negative list start',
      doc({
        type: 'orderedList',
        attrs: { start: -1 },
        content: [{ type: 'listItem', content: [paragraph('a')] }],
      }),
      'content[0].attrs.start',
      /.+/,
    ],
    [
      'raw HTML from an author',
      doc(paragraph('a'), { type: 'rawHtml', attrs: { html: '<p>x</p>' } }),
      'content[1]',
      /editors/,
    ],
    [
      'a prototype key',
      JSON.parse('{"type":"doc","content":[{"type":"paragraph","__proto__":{"x":1}}]}'),
      'content[0].__proto__',
      /Unknown field/,
    ],
  ])('rejects %s', (_name, input, path, message) => {
    const errors = errorsOf(input);
    expect(errors).toContainEqual({ path, message: expect.stringMatching(message) as string });
  });
});
