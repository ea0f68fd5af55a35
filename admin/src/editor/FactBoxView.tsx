import { NodeViewContent, NodeViewWrapper, type NodeViewProps } from '@tiptap/react';
import { useId } from 'react';
import { AttrField } from './AttrField.js';
import { BlockHead } from './BlockFrame.js';

/** A fact box holds rich text, so unlike the atom blocks only its head is outside the text. */
export function FactBoxView({
  node,
  updateAttributes,
  deleteNode,
  selected,
  editor,
  getPos,
}: NodeViewProps) {
  const labelId = useId();
  const title = typeof node.attrs.title === 'string' ? node.attrs.title : '';
  return (
    <NodeViewWrapper
      className="body-block body-fact-box"
      data-node="factBox"
      data-selected={selected ? '' : undefined}
      role="group"
      aria-labelledby={labelId}
    >
      <BlockHead
        labelId={labelId}
        label="Fact box"
        removeLabel="Remove fact box"
        onRemove={deleteNode}
        move={{ editor, getPos }}
      />
      <div contentEditable={false}>
        <AttrField
          label="Fact box title"
          value={title}
          onChange={(next) => updateAttributes({ title: next })}
          isFirstField
        />
      </div>
      <NodeViewContent className="body-fact-box__content" />
    </NodeViewWrapper>
  );
}
