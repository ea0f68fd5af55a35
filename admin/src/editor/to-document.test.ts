import { getSchema, type JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import type { Doc } from '@shared/richtext/document.js';
import { sampleDocument, sampleDocumentWithoutRawHtml } from '@shared/richtext/fixtures.js';
import { validateDocument } from '@shared/richtext/validate-document.js';
import { bodyExtensions } from './extensions.js';
import { fromDocument, toDocument } from './to-document.js';

const schema = getSchema(bodyExtensions({ allowRawHtml: true }));

/** What the editor holds for a stored document, as TipTap's getJSON() gives it back. */
function throughEditor(doc: Doc): JSONContent {
  const node = schema.nodeFromJSON(fromDocument(doc));
  node.check(); // throws if the tree breaks the schema's content rules
  return node.toJSON() as JSONContent;
}

const paragraph = (text: string): JSONContent => ({
  type: 'paragraph',
  content: [{ type: 'text', text }],
});

describe('toDocument', () => {
  it('round-trips every block and mark through the editor schema unchanged', () => {
    const doc = toDocument(throughEditor(sampleDocument));
    expect(doc).toEqual(sampleDocument);
    expect(validateDocument(doc, { allowRawHtml: true })).toEqual({
      ok: true,
      doc: sampleDocument,
    });
  });

  it('round-trips the document without raw HTML, valid for any author', () => {
    const doc = toDocument(throughEditor(sampleDocumentWithoutRawHtml));
    expect(doc).toEqual(sampleDocumentWithoutRawHtml);
    expect(validateDocument(doc).ok).toBe(true);
  });

  it('survives a JSON round trip, as the API sends it', () => {
    const json = JSON.parse(JSON.stringify(throughEditor(sampleDocument))) as JSONContent;
    expect(toDocument(json)).toEqual(sampleDocument);
  });

  it('keeps only href on links and drops unsafe ones', () => {
    const doc = toDocument({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: 'safe',
              marks: [
                {
                  type: 'link',
                  attrs: {
                    href: 'https://example.org',
                    target: '_blank',
                    rel: 'noopener',
                    class: null,
                  },
                },
                { type: 'underline' },
              ],
            },
            {
              type: 'text',
              text: 'unsafe',
              marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }, { type: 'bold' }],
            },
          ],
        },
      ],
    });
    expect(doc.content).toEqual([
      {
        type: 'paragraph',
        content: [
          {
            type: 'text',
            text: 'safe',
            marks: [{ type: 'link', attrs: { href: 'https://example.org' } }],
          },
          { type: 'text', text: 'unsafe', marks: [{ type: 'bold' }] },
        ],
      },
    ]);
  });

  it('drops null and empty optional attributes, and the default list start', () => {
    const doc = toDocument({
      type: 'doc',
      content: [
        { type: 'pullQuote', attrs: { text: 'Quoted', attribution: null } },
        {
          type: 'figure',
          attrs: {
            mediaId: undefined,
            src: '/media/a.jpg',
            alt: '',
            caption: '',
            credit: null,
            width: null,
            height: 10,
          },
        },
        { type: 'factBox', attrs: { title: '  ' }, content: [paragraph('Fact')] },
        {
          type: 'orderedList',
          attrs: { start: 1, type: null },
          content: [{ type: 'listItem', content: [paragraph('One')] }],
        },
        {
          type: 'embed',
          attrs: { url: 'https://vimeo.com/123', provider: 'youtube', title: null },
        },
      ],
    });
    expect(doc.content).toEqual([
      { type: 'pullQuote', attrs: { text: 'Quoted' } },
      { type: 'figure', attrs: { src: '/media/a.jpg', alt: '', height: 10 } },
      { type: 'factBox', attrs: {}, content: [paragraph('Fact')] },
      { type: 'orderedList', content: [{ type: 'listItem', content: [paragraph('One')] }] },
      // The provider is the one the URL belongs to, whatever the node said.
      { type: 'embed', attrs: { url: 'https://vimeo.com/123', provider: 'vimeo' } },
    ]);
    expect(validateDocument(doc).ok).toBe(true);
  });

  it('leaves out blocks that are not finished yet', () => {
    const doc = toDocument({
      type: 'doc',
      content: [
        { type: 'pullQuote', attrs: { text: ' ' } },
        { type: 'gallery', attrs: { images: [] } },
        { type: 'embed', attrs: { url: 'https://example.com/video', provider: '' } },
        { type: 'relatedPost', attrs: { postId: '' } },
        { type: 'rawHtml', attrs: { html: '' } },
        { type: 'figure', attrs: { src: 'javascript:alert(1)', alt: 'x' } },
        paragraph('Kept'),
      ],
    });
    expect(doc).toEqual({ type: 'doc', content: [paragraph('Kept')] });
  });

  it('turns an empty editor into an empty document and back into one paragraph', () => {
    const empty = toDocument({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect(empty).toEqual({ type: 'doc', content: [] });
    expect(validateDocument(empty).ok).toBe(true);
    expect(throughEditor(empty)).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  });

  it('trims the trailing empty paragraph TipTap keeps after a block', () => {
    const doc = toDocument({
      type: 'doc',
      content: [
        { type: 'horizontalRule' },
        { type: 'paragraph' },
        { type: 'paragraph', content: [] },
      ],
    });
    expect(doc).toEqual({ type: 'doc', content: [{ type: 'horizontalRule' }] });
  });

  it('clamps heading levels and strips control characters from text', () => {
    const doc = toDocument({
      type: 'doc',
      content: [
        {
          type: 'heading',
          attrs: { level: 1 },
          content: [{ type: 'text', text: 'Bell\u0007 here' }],
        },
        { type: 'heading', attrs: { level: 6 }, content: [{ type: 'text', text: '\u0000' }] },
      ],
    });
    expect(doc.content).toEqual([
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Bell here' }] },
      { type: 'heading', attrs: { level: 4 } },
    ]);
    expect(validateDocument(doc).ok).toBe(true);
  });
});

describe('the editor schema', () => {
  it('refuses nesting the model forbids', () => {
    const headingInListItem = {
      type: 'doc',
      content: [
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'heading', attrs: { level: 2 } }] }],
        },
      ],
    };
    expect(() => schema.nodeFromJSON(headingInListItem).check()).toThrow();
    const galleryInFactBox = {
      type: 'doc',
      content: [{ type: 'factBox', content: [{ type: 'gallery', attrs: { images: [] } }] }],
    };
    expect(() => schema.nodeFromJSON(galleryInFactBox).check()).toThrow();
  });
});
