// Where media go in a Ghost export: `content/images/YYYY/MM/<file>` in the archive, referred to
// as `__GHOST_URL__/content/images/…` in the JSON, as Ghost's own exporter writes them.
import type { ImageAttrs } from '../../shared/richtext/index.js';
import type { MediaRow } from './ghost-export.repository.js';

export const ghostUrl = '__GHOST_URL__';

/** `originals/2026-12/<id>.jpg` → `content/images/2026/12/<id>.jpg`. */
export function ghostImagePath(storageKey: string): string {
  const dated = /^originals\/(\d{4})-(\d{2})\/([^/]+)$/.exec(storageKey);
  if (dated) return `content/images/${dated[1]}/${dated[2]}/${dated[3]}`;
  return `content/images/${storageKey.replace(/^\/+/, '')}`;
}

const mediaPath = /^\/media\/([A-Za-z0-9_-]+)\//;

/** The media id an image refers to: its `mediaId`, or the id in a `/media/<id>/…` address. */
export function mediaIdOf(image: Pick<ImageAttrs, 'mediaId' | 'src'>): string | undefined {
  return image.mediaId ?? mediaPath.exec(image.src)?.[1];
}

/** The media a page of posts refers to, and the files the archive must carry. */
export class MediaIndex {
  private readonly byId = new Map<string, MediaRow>();
  /** Storage key → path in the archive, for every file referred to so far. */
  readonly files = new Map<string, string>();
  readonly missing = new Set<string>();

  add(rows: readonly MediaRow[]): void {
    for (const row of rows) this.byId.set(row.id, row);
  }

  clearPage(): void {
    this.byId.clear();
  }

  /** A media item's address in the export, recording the file to carry. */
  urlOfMedia(id: string | null | undefined): string | null {
    if (!id) return null;
    const row = this.byId.get(id);
    if (!row) {
      this.missing.add(id);
      return null;
    }
    const path = ghostImagePath(row.storage_key);
    this.files.set(row.storage_key, path);
    return `${ghostUrl}/${path}`;
  }

  /** An image's address in the export: library media moved under content/images, site paths kept on the site. */
  imageSrc(image: Pick<ImageAttrs, 'mediaId' | 'src'>): string {
    const id = mediaIdOf(image);
    const url = id === undefined ? null : this.urlOfMedia(id);
    if (url !== null) return url;
    if (image.src.startsWith('/') && !image.src.startsWith('//')) return `${ghostUrl}${image.src}`;
    return image.src;
  }
}
