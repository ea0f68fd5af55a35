import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Dialect } from './open-database.js';

/**
 * The few places where SQLite and PostgreSQL need different SQL live here, so that feature and
 * migration code can stay dialect-neutral.
 */
export function dialectOf<DB>(db: Kysely<DB>): Dialect {
  const adapter = db.getExecutor().adapter.constructor.name;
  return adapter.toLowerCase().includes('postgres') ? 'postgres' : 'sqlite';
}

/** Case-insensitive LIKE: SQLite's LIKE already folds ASCII case; PostgreSQL needs ILIKE. */
export function ilike<DB>(db: Kysely<DB>): 'like' | 'ilike' {
  return dialectOf(db) === 'postgres' ? 'ilike' : 'like';
}

/** Escapes %, _ and \ so user text is matched literally inside a LIKE pattern. */
export function likePattern(text: string, where: 'contains' | 'prefix' = 'contains'): string {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return where === 'prefix' ? `${escaped}%` : `%${escaped}%`;
}

export const likeEscape: RawBuilder<unknown> = sql`escape '\\'`;
