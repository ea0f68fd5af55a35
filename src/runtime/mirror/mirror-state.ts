import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { OperatorError } from '../../platform/errors.js';

/** The state file and the lock, in the mirror's folder (dot files: never a mirrored address). */
export const stateFileName = '.masthead-mirror.json';
const lockFileName = '.masthead-mirror.lock';

/** What the mirror knows of one address it wrote. */
export interface MirroredEntry {
  /** The page's cache tags as the app sent them (Surrogate-Key): what an event must name to touch it. */
  tags: string[];
  /** The mirrored addresses it links to: what keeps them in the tree, and what to redo if one goes. */
  links: string[];
}

/** Everything the next run needs, kept in DIR beside the tree. */
export interface MirrorState {
  /** The live site and the base URL the tree was written for: either changing means a full run. */
  publicUrl: string;
  baseUrl: string | null;
  /** Events created before this time were in the tree the last run wrote (see mirror-run.ts). */
  checkpoint: string;
  /** Events created at or after the checkpoint that the last run already reflected. */
  handled: string[];
  /** The last outbox event id the tree reflects. */
  lastEventId: string | null;
  /** When the last run started, and when the last full run did. */
  ranAt: string;
  fullAt: string;
  entries: Map<string, MirroredEntry>;
}

/**
 * On disk the addresses are listed once and entries name them by index: a story page links to
 * the same few dozen pages as every other, and a large site has a million links.
 */
const fileSchema = z.object({
  version: z.literal(1),
  publicUrl: z.string(),
  baseUrl: z.string().nullable(),
  checkpoint: z.string(),
  handled: z.array(z.string()),
  lastEventId: z.string().nullable(),
  ranAt: z.string(),
  fullAt: z.string(),
  urls: z.array(z.string()),
  entries: z.array(z.tuple([z.number(), z.array(z.string()), z.array(z.number())])),
});

export async function readMirrorState(dir: string): Promise<MirrorState | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, stateFileName), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: z.infer<typeof fileSchema>;
  try {
    parsed = fileSchema.parse(JSON.parse(text));
  } catch {
    // Unreadable (another version, a cut write): the next run is a full one and rewrites it.
    return undefined;
  }
  const { urls, entries: rows, version: _version, ...rest } = parsed;
  const entries = new Map<string, MirroredEntry>();
  for (const [index, tags, links] of rows) {
    const url = urls[index];
    if (url === undefined) return undefined;
    entries.set(url, { tags, links: links.map((i) => urls[i]).filter((u) => u !== undefined) });
  }
  return { ...rest, entries };
}

/** Written beside and renamed over the old one, so a crash leaves the old state or the new. */
export async function writeMirrorState(dir: string, state: MirrorState): Promise<void> {
  const indexes = new Map<string, number>();
  const indexOf = (url: string) => {
    let index = indexes.get(url);
    if (index === undefined) {
      index = indexes.size;
      indexes.set(url, index);
    }
    return index;
  };
  const entries = [...state.entries].map(
    ([url, entry]) => [indexOf(url), entry.tags, entry.links.map(indexOf)] as const,
  );
  const { entries: _entries, ...rest } = state;
  const file = { version: 1, ...rest, urls: [...indexes.keys()], entries };
  const path = join(dir, stateFileName);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(file));
  await rename(temporary, path);
}

/**
 * Takes the folder's lock for one run: a second run started while one is going (cron every
 * minute, a slow full run) stops at once with a message. A lock left by a process that no longer
 * runs (killed, machine restarted) is taken over.
 */
export async function lockMirror(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, lockFileName);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await readFile(path, 'utf8').catch(() => ''));
      if (Number.isInteger(holder) && holder > 0 && isRunning(holder))
        throw new OperatorError(
          `${dir}: another mirror run (process ${holder}) is writing this folder; try again when it ends`,
        );
      await rm(path, { force: true });
    }
  }
  throw new OperatorError(`${dir}: could not take the mirror's lock (${lockFileName})`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
