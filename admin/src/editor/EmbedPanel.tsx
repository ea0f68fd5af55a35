import type { Editor } from '@tiptap/core';
import { useId, useState } from 'react';
import {
  detectEmbedProvider,
  embedProviderLabels,
  embedProviders,
} from '@shared/richtext/embed-providers.js';
import { insertBlock } from './insert-block.js';
import { onEnter, Panel } from './Panel.js';

const providerList = embedProviders.map((provider) => embedProviderLabels[provider]).join(', ');

export function EmbedPanel({
  id,
  editor,
  onClose,
}: {
  id: string;
  editor: Editor;
  onClose: () => void;
}) {
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    onClose();
    editor.commands.focus();
  };

  const add = () => {
    const url = value.trim();
    if (!url) return setError('Paste the address of the video, post or chart.');
    const provider = detectEmbedProvider(url);
    if (!provider)
      return setError(
        `This address is not from a provider we can embed. Use a link from ${providerList}.`,
      );
    onClose();
    if (!insertBlock(editor, { type: 'embed', attrs: { url, provider } }, { focusField: true }))
      editor.commands.focus();
  };

  return (
    <Panel id={id} label="Embed" onClose={close} error={error} errorId={errorId}>
      <label htmlFor={inputId}>Embed URL</label>
      <p className="body-field__hint" id={hintId}>
        From {providerList}.
      </p>
      <div className="body-panel__row">
        <input
          id={inputId}
          type="text"
          inputMode="url"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={onEnter(add)}
        />
        <button type="button" onClick={add}>
          Add embed
        </button>
        <button type="button" className="secondary" onClick={close}>
          Cancel
        </button>
      </div>
    </Panel>
  );
}
