import type { Editor } from '@tiptap/core';
import { useId, useState } from 'react';
import { isSafeLinkHref } from '@shared/richtext/safe-urls.js';
import { normaliseHref } from './link-href.js';
import { onEnter, Panel } from './Panel.js';

export function LinkPanel({
  id,
  editor,
  onClose,
}: {
  id: string;
  editor: Editor;
  onClose: () => void;
}) {
  const inputId = useId();
  const errorId = `${inputId}-error`;
  const isLinked = editor.isActive('link');
  const [value, setValue] = useState(() => String(editor.getAttributes('link').href ?? ''));
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    onClose();
    editor.commands.focus();
  };

  const apply = () => {
    const href = normaliseHref(value);
    if (!href) return setError('Enter the address to link to.');
    if (!isSafeLinkHref(href))
      return setError(
        'Use a web address (https://…), an email address, or a path on this site starting with /.',
      );
    const chain = editor.chain().focus();
    if (editor.state.selection.empty && !isLinked) {
      chain
        .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
        .run();
    } else {
      chain.extendMarkRange('link').setLink({ href }).run();
    }
    onClose();
  };

  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose();
  };

  return (
    <Panel id={id} label="Link" onClose={close} error={error} errorId={errorId}>
      <label htmlFor={inputId}>Link address</label>
      <div className="body-panel__row">
        <input
          id={inputId}
          type="text"
          inputMode="url"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={onEnter(apply)}
        />
        <button type="button" onClick={apply}>
          {isLinked ? 'Update link' : 'Add link'}
        </button>
        {isLinked && (
          <button type="button" className="secondary" onClick={remove}>
            Remove link
          </button>
        )}
        <button type="button" className="secondary" onClick={close}>
          Cancel
        </button>
      </div>
    </Panel>
  );
}
