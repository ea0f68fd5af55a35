import { describe, expect, it } from 'vitest';
import type { Block, ParagraphNode } from './document.js';
import { sampleDocument } from './fixtures.js';
import { renderText } from './render-text.js';

const paragraph = (text: string): ParagraphNode => ({
  type: 'paragraph',
  content: [{ type: 'text', text }],
});
const item = (...content: Block[]) => ({ type: 'listItem' as const, content }) as never;
const render = (...content: Block[]) => renderText({ type: 'doc', content });

describe('renderText', () => {
  it('separates blocks with blank lines and skips empty ones', () => {
    expect(
      render(
        paragraph('One'),
        { type: 'paragraph' },
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Two' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Three', marks: [{ type: 'bold' }] },
            { type: 'hardBreak' },
            { type: 'text', text: '<four>' },
          ],
        },
      ),
    ).toBe('One\n\nTwo\n\nThree\n<four>');
  });

  it('prefixes list items and indents nested lists', () => {
    expect(
      render(
        {
          type: 'bulletList',
          content: [
            item(paragraph('a')),
            item(paragraph('b'), { type: 'orderedList', content: [item(paragraph('c'))] }),
          ],
        },
        {
          type: 'orderedList',
          attrs: { start: 9 },
          content: [item(paragraph('nine')), item(paragraph('ten'))],
        },
      ),
    ).toBe('- a\n- b\n  1. c\n\n9. nine\n10. ten');
  });

  it('renders quotes, figures, embeds, boxes and rules', () => {
    expect(
      render(
        { type: 'blockquote', content: [paragraph('q1'), paragraph('q2')] },
        { type: 'pullQuote', attrs: { text: 'Quoted', attribution: 'Someone' } },
        { type: 'pullQuote', attrs: { text: 'Anonymous' } },
        {
          type: 'figure',
          attrs: { src: '/a.jpg', alt: 'alt text', caption: 'Caption', credit: 'Credit' },
        },
        { type: 'figure', attrs: { src: '/a.jpg', alt: 'only alt' } },
        {
          type: 'gallery',
          attrs: {
            images: [
              { src: '/1.jpg', alt: '', caption: 'G1' },
              { src: '/2.jpg', alt: '', caption: 'G2' },
            ],
          },
        },
        { type: 'embed', attrs: { url: 'https://vimeo.com/1', provider: 'vimeo', title: 'Clip' } },
        { type: 'embed', attrs: { url: 'https://vimeo.com/2', provider: 'vimeo' } },
        { type: 'factBox', attrs: { title: 'Facts' }, content: [paragraph('f')] },
        { type: 'horizontalRule' },
        { type: 'rawHtml', attrs: { html: '<p>raw</p>' } },
        { type: 'relatedPost', attrs: { postId: 'p1' } },
      ),
    ).toBe(
      [
        '> q1\n>\n> q2',
        '“Quoted” — Someone',
        '“Anonymous”',
        'Caption (Credit)',
        'G1\nG2',
        'Clip: https://vimeo.com/1',
        'https://vimeo.com/2',
        'Facts\n\nf',
        '---',
      ].join('\n\n'),
    );
  });

  it('includes related posts when it can look them up', () => {
    const doc = {
      type: 'doc' as const,
      content: [{ type: 'relatedPost' as const, attrs: { postId: 'p1' } }],
    };
    expect(
      renderText(doc, { related: () => ({ title: 'Earlier', url: 'https://news.example/e' }) }),
    ).toBe('Related: Earlier (https://news.example/e)');
  });

  it('renders the sample document', () => {
    const text = renderText(sampleDocument);
    expect(text.startsWith('The council voted 7 to 2 on Tuesday')).toBe(true);
    expect(text).toContain('3. Consultation closes\n4. Final vote\n   - Public gallery');
    expect(text).not.toContain('<');
  });
});
