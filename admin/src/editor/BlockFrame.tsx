// The frame every custom block shares in the editor: a named group with its label and a remove
// button, outlined when the block is selected. Not editable text itself (contentEditable=false).
import { NodeViewWrapper } from '@tiptap/react';
import { useId, type ReactNode } from 'react';

export interface BlockFrameProps {
  /** The node's type, as data-node: what tests and styles can select. */
  nodeName: string;
  label: string;
  /** Absent when the block may not be changed (raw HTML for authors). */
  removeLabel?: string;
  onRemove?: () => void;
  isSelected: boolean;
  className: string;
  children: ReactNode;
}

export function BlockFrame({
  nodeName,
  label,
  removeLabel,
  onRemove,
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
      <BlockHead labelId={labelId} label={label} removeLabel={removeLabel} onRemove={onRemove} />
      {children}
    </NodeViewWrapper>
  );
}

export function BlockHead({
  labelId,
  label,
  removeLabel,
  onRemove,
}: {
  labelId: string;
  label: string;
  removeLabel?: string;
  onRemove?: () => void;
}) {
  return (
    <div className="body-block__head" contentEditable={false}>
      <span className="body-block__label" id={labelId}>
        {label}
      </span>
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
