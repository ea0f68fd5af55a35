import { z } from 'zod';
import { validationError } from './errors.js';

/**
 * Keyset cursors: the sort key and id of the last item shown, opaque to clients. Unlike
 * offsets they neither skip nor repeat items when new ones are published between pages.
 */
export interface Cursor {
  readonly key: string;
  readonly id: string;
}

const cursorSchema = z.tuple([z.string().max(100), z.string().max(100)]);

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');

export function decodeCursor(value: string, field = 'cursor'): Cursor {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return { key: parsed[0], id: parsed[1] };
  } catch {
    throw validationError([{ field, message: 'is not a cursor this server issued' }]);
  }
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

/** Given limit+1 rows, the page and the cursor after it. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => Cursor): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}
