import { describe, expect, it } from 'vitest';
import { documentSchema } from './document-schema.js';
import type { Doc } from './document.js';
import { sampleDocument, sampleDocumentWithoutRawHtml } from './fixtures.js';
import { doc, errorsOf, list, paragraph } from './test-documents.js';
import { validateDocument } from './validate-document.js';

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
