import type { NodeViewProps } from '@tiptap/react';
import type { ImageAttrs } from '@shared/richtext/document.js';
import { BlockFrame } from './BlockFrame.js';
import { ImageFields } from './ImageFields.js';

export function FigureView({
  node,
  updateAttributes,
  deleteNode,
  selected,
  editor,
  getPos,
}: NodeViewProps) {
  const image = node.attrs as ImageAttrs;
  return (
    <BlockFrame
      nodeName="figure"
      label="Image"
      removeLabel="Remove image"
      onRemove={deleteNode}
      move={{ editor, getPos }}
      isSelected={selected}
      className="body-figure"
    >
      <div className="body-figure__layout">
        <img
          className="body-figure__image"
          src={image.src}
          alt={image.alt}
          width={image.width}
          height={image.height}
        />
        <ImageFields image={image} onChange={updateAttributes} isFirstField />
      </div>
    </BlockFrame>
  );
}
