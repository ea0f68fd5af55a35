import { getSchema } from '@tiptap/core';
import { EditorState, NodeSelection, TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { bodyExtensions } from './extensions.js';
import { insertionRange } from './insert-block.js';
import { normaliseHref } from './link-href.js';

describe('normaliseHref', () => {
  it('completes what people usually type', () => {
    expect(normaliseHref(' example.org/report ')).toBe('https://example.org/report');
    expect(normaliseHref('tips@example.org')).toBe('mailto:tips@example.org');
    expect(normaliseHref('/2024/04/budget')).toBe('/2024/04/budget');
    expect(normaliseHref('https://example.org')).toBe('https://example.org');
    // Left as typed, for isSafeLinkHref to refuse.
    expect(normaliseHref('javascript:alert(1)')).toBe('javascript:alert(1)');
  });
});

describe('insertionRange', () => {
  const schema = getSchema(bodyExtensions({ allowRawHtml: false }));
  const text = (value: string) => ({ type: 'paragraph', content: [{ type: 'text', text: value }] });
  const stateOf = (content: unknown[]) =>
    EditorState.create({ schema, doc: schema.nodeFromJSON({ type: 'doc', content }) });
  /** A text cursor inside the first text equal to `value`. */
  const cursorIn = (state: EditorState, value: string) => {
    let at = -1;
    state.doc.descendants((node, pos) => {
      if (at < 0 && node.isText && node.text === value) at = pos + 1;
    });
    return state.apply(state.tr.setSelection(TextSelection.create(state.doc, at)));
  };

  it('goes after the paragraph holding the cursor', () => {
    const state = cursorIn(stateOf([text('One'), text('Two')]), 'One');
    expect(insertionRange(state, 'figure')).toEqual({ from: 5, to: 5 });
  });

  it('replaces an empty paragraph', () => {
    const state = stateOf([text('One'), { type: 'paragraph' }]);
    const atEmpty = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 6)));
    expect(insertionRange(atEmpty, 'figure')).toEqual({ from: 5, to: 7 });
  });

  it('leaves a list for blocks a list item cannot hold', () => {
    const list = {
      type: 'bulletList',
      content: [{ type: 'listItem', content: [text('Item')] }],
    };
    const state = cursorIn(stateOf([list, text('After')]), 'Item');
    const range = insertionRange(state, 'figure');
    expect(range).toEqual({ from: state.doc.child(0).nodeSize, to: state.doc.child(0).nodeSize });
  });

  it('puts a figure inside a fact box, but a gallery after it', () => {
    const box = { type: 'factBox', attrs: {}, content: [text('Fact')] };
    const state = cursorIn(stateOf([box]), 'Fact');
    expect(insertionRange(state, 'figure')).toEqual({ from: 7, to: 7 });
    const end = state.doc.child(0).nodeSize;
    expect(insertionRange(state, 'gallery')).toEqual({ from: end, to: end });
  });

  it('goes after a selected block', () => {
    const state = stateOf([{ type: 'horizontalRule' }, text('After')]);
    const selected = state.apply(state.tr.setSelection(NodeSelection.create(state.doc, 0)));
    expect(insertionRange(selected, 'pullQuote')).toEqual({ from: 1, to: 1 });
  });
});
