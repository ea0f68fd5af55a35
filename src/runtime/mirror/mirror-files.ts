import { access, mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The mirror's files: each written beside its place and renamed over it, so a web server serving
 * the folder never sends half a page; rewritten only when its bytes change, so a sync to object
 * storage or a CDN moves only what changed.
 */
export function createMirrorFiles(root: string) {
  const base = resolve(root);
  const pathOf = (file: string) => {
    const path = resolve(base, file);
    // mirror-paths.ts never names a file outside the tree; this makes sure of it.
    if (path === base || !path.startsWith(base + sep))
      throw new Error(`outside the mirror: ${file}`);
    return path;
  };
  let sequence = 0;

  return {
    root: base,

    async exists(file: string): Promise<boolean> {
      try {
        await access(pathOf(file));
        return true;
      } catch {
        return false;
      }
    },

    /** Writes the file unless it holds these bytes already; true when written. */
    async write(file: string, bytes: Buffer): Promise<boolean> {
      const path = pathOf(file);
      const current = await readFile(path).catch(() => undefined);
      if (current?.equals(bytes)) return false;
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.${(sequence += 1)}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, path);
      return true;
    },

    /** Removes the file and the folders it leaves empty; true when there was one. */
    async remove(file: string): Promise<boolean> {
      const path = pathOf(file);
      const existed = await access(path).then(
        () => true,
        () => false,
      );
      await rm(path, { force: true });
      let dir = dirname(path);
      while (dir !== base && relative(base, dir) !== '' && !relative(base, dir).startsWith('..')) {
        try {
          await rmdir(dir);
        } catch {
          break; // not empty
        }
        dir = dirname(dir);
      }
      return existed;
    },

    /** Makes the folder (and checks it can be written) before a run. */
    async prepare(): Promise<void> {
      await mkdir(base, { recursive: true });
      await access(join(base));
    },
  };
}

export type MirrorFiles = ReturnType<typeof createMirrorFiles>;
