import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A folder of an old site's images, and how to let go of it when the import is done. */
export interface ImagesFolder {
  dir: string;
  close: () => Promise<void>;
}

/** `--images` may name an archive of the images folder rather than the folder itself. */
export const isImagesArchive = (path: string): boolean => /\.(tar\.gz|tgz|tar)$/i.test(path);

const isDir = async (path: string) => (await stat(path).catch(() => undefined))?.isDirectory();

/**
 * Unpacks `--images FILE.tar.gz` (Ghost's `content/images` packed as it is, or the whole
 * `content` folder, or the year folders alone) into a private temporary folder and returns the
 * folder the image paths start from. Only plain files and folders are unpacked: links, devices
 * and absolute or `..` paths are left out (tar refuses the last two by default), so an archive
 * cannot write outside the temporary folder. A folder is handed back as it is.
 */
export async function openImagesFolder(path: string): Promise<ImagesFolder> {
  if (!isImagesArchive(path)) return { dir: path, close: async () => {} };
  const root = await mkdtemp(join(tmpdir(), 'masthead-images-'));
  const close = () => rm(root, { recursive: true, force: true });
  try {
    // tar is loaded by the first archive opened, not by every start (issue #14: cold start).
    const { x: extract } = await import('tar');
    await extract({
      file: path,
      cwd: root,
      strict: true,
      filter: (_path, entry) =>
        'type' in entry && (entry.type === 'File' || entry.type === 'Directory'),
    });
  } catch (error) {
    await close();
    throw error;
  }
  for (const inner of ['content/images', 'images']) {
    if (await isDir(join(root, inner))) return { dir: join(root, inner), close };
  }
  return { dir: root, close };
}
