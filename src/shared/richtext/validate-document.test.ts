import { describe, expect, it } from 'vitest';
import { documentSchema } from './document-schema.js';
import type { Doc } from './document.js';
import { sampleDocument, sampleDocumentWithoutRawHtml } from './fixtures.js';
import { validateDocument } from './validate-document.js';

const paragraph = (text: string, marks?: unknown[]) => ({
  type: 'paragraph',
  content: [{ type: 'text', text, ...(marks ? { marks } : {}) }],
});

const list = (child: unknown) => ({
  type: 'bulletList',
  content: [{ type: 'listItem', content: [child] }],
});

const doc = (...content: unknown[]) => ({ type: 'doc', content });

function errorsOf(input: unknown, options?: { allowRawHtml?: boolean }) {
  const result = validateDocument(input, options);
  if (result.ok) throw new Error('expected the document to be rejected');
  return result.errors;
}

describe('validateDocument', () => {
  it('accepts a document using every block and mark, unchanged', () => {
    const result = validateDocument(sampleDocument, { allowRawHtml: true });
    expect(result).toEqual({ ok: true, doc: sampleDocument });
    const types = new Set<string>();
    const marks = new Set<string>();
    const visit = (node: unknown): void => {
      const n = node as { type: string; content?: unknown[]; marks?: { type: string }[] };
      types.add(n.type);
      n.marks?.forEach((mark) => marks.add(mark.type));
      n.content?.forEach(visit);
    };
    visit(sampleDocument);
    expect([...types].sort()).toEqual(
      [
        'doc',
        'paragraph',
        'heading',
        'bulletList',
        'orderedList',
        'listItem',
        'blockquote',
        'pullQuote',
        'figure',
        'gallery',
        'embed',
        'relatedPost',
        'factBox',
        'horizontalRule',
        'rawHtml',
        'text',
        'hardBreak',
      ].sort(),
    );
    expect([...marks].sort()).toEqual(
      ['bold', 'italic', 'strike', 'code', 'superscript', 'subscript', 'link'].sort(),
    );
  });

  it('accepts the document without raw HTML for authors, and an empty document', () => {
    expect(validateDocument(sampleDocumentWithoutRawHtml).ok).toBe(true);
    expect(validateDocument(doc())).toEqual({ ok: true, doc: { type: 'doc', content: [] } });
  });

  it('returns a clean copy: TipTap nulls and empty arrays dropped', () => {
    const result = validateDocument(
      doc(
        { type: 'paragraph', content: [] },
        {
          type: 'orderedList',
          attrs: { start: null },
          content: [{ type: 'listItem', content: [paragraph('a')] }],
        },
        { type: 'figure', attrs: { src: '/a.jpg', alt: '', caption: null, mediaId: null } },
        { type: 'factBox', content: [paragraph('b')] },
        { type: 'paragraph', content: [{ type: 'text', text: 'c', marks: [] }] },
      ),
    );
    expect(result).toEqual({
      ok: true,
      doc: {
        type: 'doc',
        content: [
          { type: 'paragraph' },
          { type: 'orderedList', content: [{ type: 'listItem', content: [paragraph('a')] }] },
          { type: 'figure', attrs: { src: '/a.jpg', alt: '', mediaId: null } },
          { type: 'factBox', attrs: {}, content: [paragraph('b')] },
          { type: 'paragraph', content: [{ type: 'text', text: 'c' }] },
        ],
      },
    });
    if (result.ok) expect(Object.keys(result.doc.content[2] as object)).toEqual(['type', 'attrs']);
  });

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

  it('rejects documents nested deeper than 20 levels', () => {
    let node: unknown = paragraph('deep');
    for (let i = 0; i < 12; i += 1) node = list(node);
    const errors = errorsOf(doc(node));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/more than 20 levels/);
    expect(errors[0]?.path).toBe(`content[0]${'.content[0]'.repeat(20)}`);
  });

  it('survives absurd nesting without overflowing the stack', () => {
    let node: unknown = paragraph('deep');
    for (let i = 0; i < 100_000; i += 1) node = list(node);
    expect(validateDocument(doc(node)).ok).toBe(false);
  });

  it('rejects documents with more than 20,000 nodes', () => {
    const content = Array.from({ length: 7000 }, () => paragraph('word'));
    expect(validateDocument(doc(...content)).ok).toBe(true);
    const errors = errorsOf(doc(...content, ...content));
    expect(errors.at(-1)?.message).toMatch(/more than 20000 nodes/);
  });

  it('rejects overlong text', () => {
    const errors = errorsOf(doc(paragraph('x'.repeat(50_001))));
    expect(errors[0]).toEqual({
      path: 'content[0].content[0].text',
      message: expect.stringMatching(/longer/) as string,
    });
    const many = Array.from({ length: 25 }, () => paragraph('x'.repeat(45_000)));
    expect(errorsOf(doc(...many))[0]?.message).toMatch(/more than 1000000 characters/);
  });

  it('reports several errors at once, up to a cap', () => {
    const errors = errorsOf(doc(...Array.from({ length: 200 }, () => ({ type: 'nope' }))));
    expect(errors).toHaveLength(50);
  });

  it('sanitises raw HTML when editors may use it', () => {
    const result = validateDocument(
      doc({
        type: 'rawHtml',
        attrs: {
          html: '<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(1)">x</a></p><iframe src="https://evil.example"></iframe>',
        },
      }),
      { allowRawHtml: true },
    );
    expect(result).toEqual({
      ok: true,
      doc: { type: 'doc', content: [{ type: 'rawHtml', attrs: { html: '<p>Hi<a>x</a></p>' } }] },
    });
  });

  it('is usable as a Zod schema with issue paths', () => {
    const schema = documentSchema();
    expect(schema.parse(sampleDocumentWithoutRawHtml)).toEqual<Doc>(sampleDocumentWithoutRawHtml);
    const result = schema.safeParse(doc({ type: 'heading', attrs: { level: 9 } }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['content', 0, 'attrs', 'level']);
  });
});
