import { getSchema } from '@tiptap/core';
import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import type { Doc } from '@shared/richtext/document.js';
import { bodyExtensions } from './extensions.js';
import { moveBlockTr } from './move-block.js';
import { fromDocument, toDocument } from './to-document.js';

const schema = getSchema(bodyExtensions({ allowRawHtml: false }));

const doc: Doc = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'First.' }] },
    { type: 'pullQuote', attrs: { text: 'A quote.' } },
    { type: 'paragraph', content: [{ type: 'text', text: 'Last.' }] },
  ],
};

const stateOf = (d: Doc) =>
  EditorState.create({ schema, doc: schema.nodeFromJSON(fromDocument(d)) });
/** Where the n-th top-level block starts. */
const posOf = (state: EditorState, n: number) => {
  let pos = 0;
  for (let i = 0; i < n; i++) pos += state.doc.child(i).nodeSize;
  return pos;
};

describe('moving a block', () => {
  it('swaps it with the block above or below, keeping everything else', () => {
    const state = stateOf(doc);
    const up = moveBlockTr(state, posOf(state, 1), -1);
    const movedUp = state.apply(up!);
    expect(toDocument(movedUp.doc.toJSON()).content.map((b) => b.type)).toEqual([
      'pullQuote',
      'paragraph',
      'paragraph',
    ]);
    const down = moveBlockTr(state, posOf(state, 1), 1);
    const movedDown = state.apply(down!);
    expect(toDocument(movedDown.doc.toJSON())).toEqual({
      type: 'doc',
      content: [doc.content[0], doc.content[2], doc.content[1]],
    });
  });

  it('does nothing past either end', () => {
    const state = stateOf(doc);
    expect(moveBlockTr(state, posOf(state, 0), -1)).toBeNull();
    expect(moveBlockTr(state, posOf(state, 2), 1)).toBeNull();
    expect(moveBlockTr(state, undefined, 1)).toBeNull();
  });
});
