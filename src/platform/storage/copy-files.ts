import type { Storage } from './storage.js';

const contentTypes: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

/** The type a stored file is served with, from its key's extension. */
export const contentTypeOfKey = (key: string) =>
  contentTypes[/\.([a-z0-9]+)$/i.exec(key)?.[1]?.toLowerCase() ?? ''] ?? 'application/octet-stream';

export interface CopyReport {
  copied: number;
  /** Already in the target with the same size: copied by an earlier run. */
  skipped: number;
  failed: { key: string; error: unknown }[];
}

/**
 * Copies every file of one store into another, streaming each, a few at a time. A file the
 * target already holds at the same size is skipped, so a run cut short resumes where it
 * stopped and a second run copies nothing (writes are whole or nothing in both stores).
 */
export async function copyFiles(options: {
  from: Storage;
  to: Storage;
  /** Called once the list is known, then after each file. */
  onProgress?: (done: number, total: number) => void;
  concurrency?: number;
}): Promise<CopyReport> {
  const { from, to } = options;
  const sources: { key: string; size: number }[] = [];
  for await (const entry of from.list()) sources.push(entry);
  // One listing of the target instead of a HEAD per file.
  const present = new Map<string, number>();
  for await (const entry of to.list()) present.set(entry.key, entry.size);

  const report: CopyReport = { copied: 0, skipped: 0, failed: [] };
  let done = 0;
  options.onProgress?.(0, sources.length);
  let next = 0;
  const worker = async () => {
    while (next < sources.length) {
      const source = sources[next++];
      if (!source) break;
      try {
        if (present.get(source.key) === source.size) {
          report.skipped += 1;
        } else {
          const file = await from.read(source.key);
          if (file) {
            await to.put(source.key, file.body, contentTypeOfKey(source.key));
            report.copied += 1;
          }
        }
      } catch (error) {
        report.failed.push({ key: source.key, error });
      }
      done += 1;
      options.onProgress?.(done, sources.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return report;
}
