import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import Assembler from 'stream-json/assembler.js';
import { parser } from 'stream-json';

/** One row of one table of a Ghost export, or the export's `meta` (table `meta`). */
export interface GhostExportRow {
  table: string;
  row: Record<string, unknown>;
}

type Token = { name: string; value?: string };
interface Frame {
  isArray: boolean;
  key: string | number | null;
  nextIndex: number;
  pendingKey: string | null;
}

/** `{db:[{meta, data:{table:[…]}}]}` as Ghost's exporter writes it, or a bare `{meta, data}`. */
function tableAt(path: readonly (string | number | null)[]): string | undefined {
  const [a, b, c, d] = path;
  if (path.length === 4 && a === 'db' && b === 0 && c === 'data' && typeof d === 'string') return d;
  if (path.length === 2 && a === 'data' && typeof b === 'string') return b;
  return undefined;
}
const isMeta = (path: readonly (string | number | null)[]): boolean =>
  (path.length === 3 && path[0] === 'db' && path[1] === 0 && path[2] === 'meta') ||
  (path.length === 1 && path[0] === 'meta');

/**
 * Streams the rows of the wanted tables out of a Ghost export, one at a time and in file order,
 * without ever holding the file: memory is bounded by the largest single row (a 1 GB export
 * is read in a few MB). `.gz` files are unzipped on the way. A file that is not JSON throws
 * with the parser's message; rows that are not objects are skipped.
 */
export async function* readGhostExport(
  file: string,
  wanted: ReadonlySet<string>,
): AsyncGenerator<GhostExportRow> {
  const raw: Readable = createReadStream(file);
  const text = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const tokens = text.pipe(parser.asStream({ streamValues: false }));
  const frames: Frame[] = [];
  let capture: { table: string; asm: Assembler; depth: number } | undefined;

  const keyForNextValue = (): string | number | null => {
    const top = frames.at(-1);
    if (!top) return null;
    if (top.isArray) return top.nextIndex++;
    const key = top.pendingKey;
    top.pendingKey = null;
    return key;
  };

  for await (const chunk of tokens as AsyncIterable<Token>) {
    const name = chunk.name;
    if (capture) {
      capture.asm.consume(chunk as never);
      if (name === 'startObject' || name === 'startArray') capture.depth += 1;
      else if (name === 'endObject' || name === 'endArray') capture.depth -= 1;
      if (capture.depth === 0) {
        const value = capture.asm.current;
        if (value && typeof value === 'object' && !Array.isArray(value))
          yield { table: capture.table, row: value as Record<string, unknown> };
        capture = undefined;
      }
      continue;
    }
    if (name === 'keyValue') {
      const top = frames.at(-1);
      if (top) top.pendingKey = chunk.value ?? '';
      continue;
    }
    if (name === 'endObject' || name === 'endArray') {
      frames.pop();
      continue;
    }
    const isStart = name === 'startObject' || name === 'startArray';
    const key = keyForNextValue();
    // The root value has no key: paths start below it (`db`, 0, `data`, table).
    const parentPath = frames.slice(1).map((f) => f.key);
    const path = frames.length === 0 ? [] : [...parentPath, key];
    const table = frames.at(-1)?.isArray ? tableAt(parentPath) : undefined;
    const wantedHere =
      (table !== undefined && wanted.has(table) && name === 'startObject') ||
      (name === 'startObject' && wanted.has('meta') && isMeta(path));
    if (wantedHere) {
      const asm = new Assembler();
      asm.consume(chunk as never);
      capture = { table: table ?? 'meta', asm, depth: 1 };
      continue;
    }
    if (isStart)
      frames.push({ isArray: name === 'startArray', key, nextIndex: 0, pendingKey: null });
  }
}
