import type { NodeViewProps } from '@tiptap/react';
import type { PullQuoteAttrs } from '@shared/richtext/document.js';
import { AttrField } from './AttrField.js';
import { BlockFrame } from './BlockFrame.js';

export function PullQuoteView({
  node,
  updateAttributes,
  deleteNode,
  selected,
  editor,
  getPos,
}: NodeViewProps) {
  const attrs = node.attrs as Partial<PullQuoteAttrs>;
  return (
    <BlockFrame
      nodeName="pullQuote"
      label="Pull quote"
      removeLabel="Remove pull quote"
      onRemove={deleteNode}
      move={{ editor, getPos }}
      isSelected={selected}
      className="body-pull-quote"
    >
      <AttrField
        label="Pull quote text"
        hint={attrs.text?.trim() ? undefined : 'A pull quote without text is not saved.'}
        value={attrs.text ?? ''}
        onChange={(text) => updateAttributes({ text })}
        isMultiline
        isFirstField
        className="body-pull-quote__text"
      />
      <AttrField
        label="Attribution"
        value={attrs.attribution ?? ''}
        onChange={(attribution) => updateAttributes({ attribution })}
      />
    </BlockFrame>
  );
}
