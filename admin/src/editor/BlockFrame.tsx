// The frame every custom block shares in the editor: a named group with its label and a remove
// button, outlined when the block is selected. Not editable text itself (contentEditable=false).
import { NodeViewWrapper, type NodeViewProps } from '@tiptap/react';
import { useId, type ReactNode } from 'react';
import { moveBlockTr, type Direction } from './move-block.js';

/** What a block needs to move itself among its siblings. */
export type BlockMover = Pick<NodeViewProps, 'editor' | 'getPos'>;

export interface BlockFrameProps {
  /** The node's type, as data-node: what tests and styles can select. */
  nodeName: string;
  label: string;
  /** Absent when the block may not be changed (raw HTML for authors). */
  removeLabel?: string;
  onRemove?: () => void;
  /** Up and down buttons (absent where the block may not be changed). */
  move?: BlockMover;
  isSelected: boolean;
  className: string;
  children: ReactNode;
}

export function BlockFrame({
  nodeName,
  label,
  removeLabel,
  onRemove,
  move,
  isSelected,
  className,
  children,
}: BlockFrameProps) {
  const labelId = useId();
  return (
    <NodeViewWrapper
      className={`body-block ${className}`}
      data-node={nodeName}
      data-selected={isSelected ? '' : undefined}
      contentEditable={false}
      role="group"
      aria-labelledby={labelId}
    >
      <BlockHead
        labelId={labelId}
        label={label}
        removeLabel={removeLabel}
        onRemove={onRemove}
        move={move}
      />
      {children}
    </NodeViewWrapper>
  );
}

export function BlockHead({
  labelId,
  label,
  removeLabel,
  onRemove,
  move,
}: {
  labelId: string;
  label: string;
  removeLabel?: string;
  onRemove?: () => void;
  move?: BlockMover | undefined;
}) {
  const moveButton = (direction: Direction, text: string) => {
    if (!move) return null;
    // Not disabled at the ends: node views do not re-render on every edit, so a disabled state
    // could go stale; at an end the button simply does nothing.
    return (
      <button
        type="button"
        className="body-block__move"
        aria-label={`Move ${label.toLowerCase()} ${text}`}
        onClick={() => {
          const tr = moveBlockTr(move.editor.state, move.getPos(), direction);
          if (tr) move.editor.view.dispatch(tr);
        }}
      >
        {direction === -1 ? '↑' : '↓'}
      </button>
    );
  };
  return (
    <div className="body-block__head" contentEditable={false}>
      <span className="body-block__label" id={labelId}>
        {label}
      </span>
      {moveButton(-1, 'up')}
      {moveButton(1, 'down')}
      {removeLabel && onRemove && (
        <button
          type="button"
          className="body-block__remove"
          aria-label={removeLabel}
          onClick={onRemove}
        >
          Remove
        </button>
      )}
    </div>
  );
}
