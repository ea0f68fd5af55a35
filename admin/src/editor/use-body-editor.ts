// Creates the TipTap editor for a story body: our extensions with node views, the textbox's
// accessible attributes, image files pasted or dropped, pasted HTML cleaned (paste-html.ts),
// Mod-K for links, and onChange with the
// normalised document. The document is read once on mount: give <BodyEditor> a new key to load
// another one (a restored revision), so a save's answer never resets what is being typed.
import { Extension } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { useEditor, type Editor } from '@tiptap/react';
import { useLayoutEffect, useRef } from 'react';
import type { Doc } from '@shared/richtext/document.js';
import { bodyExtensions } from './extensions.js';
import { cleanPastedHtml, type DroppedImage } from './paste-html.js';
import { blocksWithViews } from './node-views.js';
import { fromDocument, toDocument } from './to-document.js';
import { isImageFile } from './upload-image.js';

export interface UseBodyEditorOptions {
  initial: Doc;
  allowRawHtml: boolean;
  labelledBy: string;
  /** The id of the editable area, for the toolbar's aria-controls. */
  contentId: string;
  onChange: (doc: Doc) => void;
  onImageFiles: (files: File[]) => void;
  /** After each HTML paste: the pictures it held that could not come in (often none). */
  onPastedHtml: (droppedImages: DroppedImage[]) => void;
  onLinkShortcut: () => void;
}

const imageFilesOf = (data: DataTransfer | null): File[] =>
  data ? Array.from(data.files).filter(isImageFile) : [];

export function useBodyEditor(options: UseBodyEditorOptions): Editor {
  // The editor is built once; its callbacks read the latest props through this ref, updated
  // after each render commits (editor events come from the writer, after that).
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });
  const { initial, allowRawHtml, labelledBy, contentId } = options;

  return useEditor(
    {
      extensions: [
        ...bodyExtensions({ allowRawHtml, blocks: blocksWithViews }),
        Extension.create({
          name: 'linkShortcut',
          addKeyboardShortcuts: () => ({
            'Mod-k': () => {
              latest.current.onLinkShortcut();
              return true;
            },
          }),
        }),
      ],
      content: fromDocument(initial),
      editorProps: {
        attributes: {
          id: contentId,
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelledBy,
          class: 'body-editor__content',
        },
        transformPastedHTML: (html) => {
          const cleaned = cleanPastedHtml(html, {
            parser: new DOMParser(),
            siteOrigin: window.location.origin,
          });
          latest.current.onPastedHtml(cleaned.droppedImages);
          return cleaned.html;
        },
        handlePaste: (_view, event) => {
          const data = event.clipboardData;
          // Office apps put a picture of the copied text beside the text itself: paste the text.
          if (data?.getData('text/plain')) return false;
          const files = imageFilesOf(data);
          if (files.length === 0) return false;
          event.preventDefault();
          latest.current.onImageFiles(files);
          return true;
        },
        handleDrop: (view, event, _slice, isMove) => {
          if (isMove) return false;
          const files = imageFilesOf(event.dataTransfer);
          if (files.length === 0) return false;
          event.preventDefault();
          const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
          if (at) {
            const $pos = view.state.doc.resolve(at.pos);
            view.dispatch(view.state.tr.setSelection(TextSelection.near($pos)));
          }
          latest.current.onImageFiles(files);
          return true;
        },
      },
      onUpdate: ({ editor }) => latest.current.onChange(toDocument(editor.getJSON())),
    },
    [allowRawHtml],
  );
}
