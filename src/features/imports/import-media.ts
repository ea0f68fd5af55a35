import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative } from 'node:path';
import type { Block, Doc, ImageAttrs } from '../../shared/richtext/index.js';
import type { MediaItem, MediaService } from '../media/index.js';
import type { ImportReport } from './import-report.js';
import type { RemoteImageFetcher } from './remote-media.js';

/**
 * Copies an old site's images into Masthead's media and says where each one went. The files
 * come from a folder (Ghost's `content/images`, WordPress's `uploads`); an address is looked up
 * by its path after the folder's public prefix. Ghost's resized copies (`/size/w600/…`) are the
 * original's. Identical files are one media item (media deduplicates by content), so a second
 * import finds every image already there.
 */
export interface MediaSource {
  /** The folder holding the files. */
  dir: string;
  /** Address prefixes the folder's files are served under (`https://old.example/content/images/`). */
  prefixes: readonly string[];
}

export function createMediaCopier(deps: {
  media: Pick<MediaService, 'upload'>;
  source: MediaSource | undefined;
  report: ImportReport;
  dryRun: boolean;
  /**
   * Downloads an image the folder does not hold (`--fetch-media`); without it such images stay
   * linked where they are.
   */
  fetchRemote?: RemoteImageFetcher;
  /** Called after each image address is settled (copied, found again or reported). */
  onImage?: () => void;
}) {
  const done = new Map<string, MediaItem | null>();

  function fileFor(url: string): string | undefined {
    const source = deps.source;
    if (!source) return undefined;
    const prefix = source.prefixes.find((p) => url.startsWith(p));
    if (!prefix) return undefined;
    let rest = decodeURIComponent(url.slice(prefix.length).split(/[?#]/)[0] ?? '');
    rest = rest.replace(/^size\/w\d+(?:h\d+)?\//, '').replace(/^format\/[a-z]+\//, '');
    const path = normalize(join(source.dir, rest));
    const inside = relative(source.dir, path);
    if (inside.startsWith('..') || isAbsolute(inside)) return undefined;
    return path;
  }

  /** The media item for an image address, or null when it stays where it is (reported). */
  async function copy(url: string, item: string): Promise<MediaItem | null> {
    const known = done.get(url);
    if (known !== undefined) return known;
    const path = fileFor(url);
    deps.report.count('media', 'found');
    let result: MediaItem | null = null;
    const isLocal = path !== undefined && (await stat(path).catch(() => undefined))?.isFile();
    if (!isLocal && deps.fetchRemote) {
      result = await fetchAndUpload(url, item, deps.fetchRemote);
    } else if (!path) {
      deps.report.note(
        item,
        `image ${url}`,
        deps.source
          ? 'not under the images folder: linked where it is'
          : 'no media folder given: linked where it is',
      );
    } else if (!isLocal) {
      deps.report.note(
        item,
        `image ${url}`,
        'file not found in the images folder: linked where it is',
      );
    } else if (deps.dryRun) {
      deps.report.count('media', 'created');
    } else {
      try {
        const uploaded = await deps.media.upload({
          bytes: await readFile(path),
          originalName: path.split('/').at(-1) ?? 'image',
        });
        deps.report.count('media', uploaded.isDuplicate ? 'unchanged' : 'created');
        result = uploaded.media;
      } catch (error) {
        deps.report.note(
          item,
          `image ${url}`,
          `not a usable image (${(error as Error).message}): linked where it is`,
        );
      }
    }
    done.set(url, result);
    deps.onImage?.();
    return result;
  }

  async function fetchAndUpload(
    url: string,
    item: string,
    fetchRemote: RemoteImageFetcher,
  ): Promise<MediaItem | null> {
    const fetched = await fetchRemote(url);
    if ('problem' in fetched) {
      deps.report.note(
        item,
        `image ${url}`,
        `not downloaded: ${fetched.problem}; linked where it is`,
      );
      return null;
    }
    if (deps.dryRun) {
      deps.report.count('media', 'created');
      return null;
    }
    try {
      const uploaded = await deps.media.upload({
        bytes: fetched.bytes,
        originalName: fetched.name,
      });
      deps.report.count('media', uploaded.isDuplicate ? 'unchanged' : 'created');
      return uploaded.media;
    } catch (error) {
      deps.report.note(
        item,
        `image ${url}`,
        `downloaded, but not a usable image (${(error as Error).message}): linked where it is`,
      );
      return null;
    }
  }

  /** The document with every copied image pointing at its media item. */
  async function rewrite(doc: Doc, item: string): Promise<Doc> {
    const image = async (attrs: ImageAttrs): Promise<ImageAttrs> => {
      const media = await copy(attrs.src, item);
      return media ? { ...attrs, src: media.url, mediaId: media.id } : attrs;
    };
    const content: Block[] = [];
    for (const block of doc.content) {
      if (block.type === 'figure') content.push({ ...block, attrs: await image(block.attrs) });
      else if (block.type === 'gallery') {
        const images: ImageAttrs[] = [];
        for (const attrs of block.attrs.images) images.push(await image(attrs));
        content.push({ ...block, attrs: { ...block.attrs, images } });
      } else content.push(block);
    }
    return { ...doc, content };
  }

  return { copy, rewrite };
}
export type MediaCopier = ReturnType<typeof createMediaCopier>;
