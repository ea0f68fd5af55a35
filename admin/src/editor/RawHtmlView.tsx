import type { NodeViewProps } from '@tiptap/react';
import { AttrField } from './AttrField.js';
import { BlockFrame } from './BlockFrame.js';
import { useEditorServices } from './editor-services.js';

export function RawHtmlView({
  node,
  updateAttributes,
  deleteNode,
  selected,
  editor,
  getPos,
}: NodeViewProps) {
  const { allowRawHtml } = useEditorServices();
  const html = typeof node.attrs.html === 'string' ? node.attrs.html : '';
  if (!allowRawHtml) {
    return (
      <BlockFrame
        nodeName="rawHtml"
        label="Raw HTML"
        isSelected={selected}
        className="body-raw-html"
      >
        <p className="body-field__hint">Only editors can change raw HTML blocks.</p>
        <pre className="body-raw-html__code">
          <code>{html}</code>
        </pre>
      </BlockFrame>
    );
  }
  return (
    <BlockFrame
      nodeName="rawHtml"
      label="Raw HTML"
      removeLabel="Remove raw HTML"
      onRemove={deleteNode}
      move={{ editor, getPos }}
      isSelected={selected}
      className="body-raw-html"
    >
      <AttrField
        label="HTML code"
        hint="Structure and formatting only: scripts, styles, frames and forms are removed when the story is saved."
        value={html}
        onChange={(next) => updateAttributes({ html: next })}
        isMultiline
        rows={5}
        isFirstField
        className="body-raw-html__code"
      />
    </BlockFrame>
  );
}
