import type { NodeViewProps } from '@tiptap/react';
import type { EmbedProvider } from '@shared/richtext/embed-providers.js';
import { embedProviderLabels } from '@shared/richtext/embed-providers.js';
import { AttrField } from './AttrField.js';
import { BlockFrame } from './BlockFrame.js';

export function EmbedView({
  node,
  updateAttributes,
  deleteNode,
  selected,
  editor,
  getPos,
}: NodeViewProps) {
  const { url, provider, title } = node.attrs as {
    url: string;
    provider: EmbedProvider | '';
    title?: string | null;
  };
  const providerLabel = provider ? embedProviderLabels[provider] : 'Unknown provider';
  return (
    <BlockFrame
      nodeName="embed"
      label={`Embed: ${providerLabel}`}
      removeLabel="Remove embed"
      onRemove={deleteNode}
      move={{ editor, getPos }}
      isSelected={selected}
      className="body-embed"
    >
      <p className="body-embed__url">
        <a href={url} target="_blank" rel="noreferrer noopener">
          {url}
        </a>
      </p>
      <AttrField
        label="Embed title"
        hint="Names the embed for screen readers and in the link readers see if it cannot load."
        value={title ?? ''}
        onChange={(next) => updateAttributes({ title: next })}
        isFirstField
      />
    </BlockFrame>
  );
}
