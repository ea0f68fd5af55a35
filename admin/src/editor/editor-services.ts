// What node views need from the screen (API, permissions, uploads), handed down by React
// context: TipTap renders node views in portals inside <EditorContent>, so context reaches them.
import { createContext, useContext } from 'react';
import type { ApiClient } from '../api.js';
import type { ImageAttrs } from '@shared/richtext/document.js';
import type { PostTitles } from './post-titles.js';

export interface EditorServices {
  api: ApiClient;
  allowRawHtml: boolean;
  uploadImage: (file: File) => Promise<ImageAttrs>;
  postTitles: PostTitles;
}

export const EditorServicesContext = createContext<EditorServices | null>(null);

export function useEditorServices(): EditorServices {
  const services = useContext(EditorServicesContext);
  if (!services) throw new Error('Node views must render inside <BodyEditor>');
  return services;
}
