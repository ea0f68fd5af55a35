// Moving a block one place up or down among its siblings, for the Move buttons on image, quote,
// embed and other blocks (their form fields make dragging them unreliable). Pure: it builds the
// transaction, the node view dispatches it.
import type { EditorState, Transaction } from '@tiptap/pm/state';

export type Direction = -1 | 1;

/** The transaction that swaps the block at `pos` with its neighbour, or null at either end. */
export function moveBlockTr(
  state: EditorState,
  pos: number | undefined,
  direction: Direction,
): Transaction | null {
  if (pos === undefined) return null;
  const node = state.doc.nodeAt(pos);
  if (!node) return null;
  const $pos = state.doc.resolve(pos);
  const index = $pos.index();
  const parent = $pos.parent;
  const neighbour = parent.maybeChild(index + direction);
  if (!neighbour) return null;
  const tr = state.tr.delete(pos, pos + node.nodeSize);
  // Moving up, the neighbour's start is unchanged by the delete; moving down, the neighbour now
  // starts where the block did, so the block goes in after it.
  const target = direction === -1 ? pos - neighbour.nodeSize : pos + neighbour.nodeSize;
  return tr.insert(target, node).scrollIntoView();
}
