// The story body editor: TipTap on ProseMirror, producing the shared document model.
import { EditorContent } from '@tiptap/react';
import { useId, useMemo, useState, type JSX, type KeyboardEvent } from 'react';
import { messageOf, type ApiClient } from '../api.js';
import type { Doc } from '@shared/richtext/document.js';
import { EditorServicesContext, type EditorServices } from './editor-services.js';
import { EmbedPanel } from './EmbedPanel.js';
import { insertBlock } from './insert-block.js';
import { LinkPanel } from './LinkPanel.js';
import { PasteNotice } from './PasteNotice.js';
import type { DroppedImage } from './paste-html.js';
import { createPostTitles } from './post-titles.js';
import { RelatedPanel } from './RelatedPanel.js';
import { Toolbar } from './Toolbar.js';
import { toolbarGroups, type PanelName } from './toolbar-groups.js';
import { uploadImage } from './upload-image.js';
import { useBodyEditor } from './use-body-editor.js';
import { useToolbarState } from './use-toolbar-state.js';
import './editor.css';

export interface BodyEditorProps {
  api: ApiClient;
  /** The stored document; read on mount only (remount with a new key to load another). */
  initial: Doc;
  /** Called on every edit with the normalised document. */
  onChange: (doc: Doc) => void;
  /** Editors and above may insert raw HTML blocks. */
  allowRawHtml: boolean;
  /** The id of the visible label of the body field. */
  labelledBy: string;
}

/** Enter in a node view's text input must not submit the story form around the editor. */
const keepEnterInInputs = (event: KeyboardEvent<HTMLDivElement>) => {
  if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
};

export function BodyEditor({
  api,
  initial,
  onChange,
  allowRawHtml,
  labelledBy,
}: BodyEditorProps): JSX.Element {
  const contentId = useId();
  const panelId = useId();
  // The hidden file input the toolbar's Image button opens (held as state, so the toolbar built
  // during render gets the element, not a ref to read).
  const [fileInput, setFileInput] = useState<HTMLInputElement | null>(null);
  const [panel, setPanel] = useState<PanelName | null>(null);
  const [uploading, setUploading] = useState(0);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [droppedImages, setDroppedImages] = useState<DroppedImage[]>([]);

  const services = useMemo<EditorServices>(
    () => ({
      api,
      allowRawHtml,
      uploadImage: (file) => uploadImage(api, file),
      postTitles: createPostTitles(api),
    }),
    [api, allowRawHtml],
  );

  const editor = useBodyEditor({
    initial,
    allowRawHtml,
    labelledBy,
    contentId,
    onChange,
    // Called on a paste or drop, after the editor below exists (the hook calls the latest one).
    onImageFiles: (files) => void insertImages(files, false),
    onPastedHtml: (images) => setDroppedImages(images),
    onLinkShortcut: () => setPanel('link'),
  });

  const insertImages = async (files: File[], focusField: boolean) => {
    setUploadError(null);
    for (const file of files) {
      setUploading((count) => count + 1);
      try {
        const image = await services.uploadImage(file);
        if (!insertBlock(editor, { type: 'figure', attrs: image }, { focusField }))
          setUploadError('The image was uploaded but cannot go at this point of the story.');
      } catch (error) {
        setUploadError(messageOf(error));
      } finally {
        setUploading((count) => count - 1);
      }
    }
  };

  const state = useToolbarState(editor);
  const groups = toolbarGroups({
    editor,
    state,
    panel,
    panelId,
    allowRawHtml,
    togglePanel: (name) => setPanel((open) => (open === name ? null : name)),
    chooseImage: () => fileInput?.click(),
  });
  const closePanel = () => setPanel(null);

  return (
    <EditorServicesContext.Provider value={services}>
      <div className="body-editor" onKeyDown={keepEnterInInputs}>
        <div className="body-editor__bar">
          <Toolbar groups={groups} controls={contentId} />
          {panel === 'link' && <LinkPanel id={panelId} editor={editor} onClose={closePanel} />}
          {panel === 'embed' && <EmbedPanel id={panelId} editor={editor} onClose={closePanel} />}
          {panel === 'related' && (
            <RelatedPanel
              id={panelId}
              editor={editor}
              api={api}
              postTitles={services.postTitles}
              onClose={closePanel}
            />
          )}
          <p role="status" className="body-status">
            {uploading > 0 ? 'Uploading…' : ''}
          </p>
          {droppedImages.length > 0 && (
            <PasteNotice images={droppedImages} onDismiss={() => setDroppedImages([])} />
          )}
          {uploadError && (
            <p role="alert" className="body-error">
              {uploadError}
            </p>
          )}
        </div>
        <input
          ref={setFileInput}
          type="file"
          accept="image/*"
          aria-label="Upload an image"
          className="visually-hidden"
          tabIndex={-1}
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = '';
            void insertImages(files, true);
          }}
        />
        <EditorContent editor={editor} className="body-editor__surface" />
      </div>
    </EditorServicesContext.Provider>
  );
}
