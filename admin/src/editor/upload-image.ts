// Uploads an image to the media library and turns the answer into a figure's attributes.
import type { ApiClient } from '../api.js';
import type { ImageAttrs } from '@shared/richtext/document.js';
import type { Media } from '../types.js';

export const isImageFile = (file: File) => file.type.startsWith('image/');

export function imageFromMedia(media: Media): ImageAttrs {
  return {
    mediaId: media.id,
    src: media.url,
    alt: media.alt,
    caption: media.caption || undefined,
    credit: media.credit || undefined,
    width: media.width > 0 ? media.width : undefined,
    height: media.height > 0 ? media.height : undefined,
  };
}

export async function uploadImage(api: ApiClient, file: File): Promise<ImageAttrs> {
  // The server checks the bytes too; this saves a round trip for the obvious mistake.
  if (!isImageFile(file)) throw new Error(`“${file.name}” is not an image.`);
  const form = new FormData();
  form.append('file', file);
  const { media } = await api.upload('/media', form);
  return imageFromMedia(media);
}
