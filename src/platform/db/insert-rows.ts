import { CompiledQuery, type Kysely } from 'kysely';
import { dialectOf } from './dialect-sql.js';

/**
 * A multi-row INSERT written as SQL text with one parameter per value, for hot batch writes
 * (the analytics flush: thousands of rows a second). Kysely's builder makes an immutable node
 * per value and compiles it, which costs more than SQLite's own work at that size; this skips
 * both. Table, column names and `suffix` (an `on conflict …` / `returning …` clause valid on
 * both databases) must be our own constants, never input: only values are parameters.
 * Rows are sent in statements of at most `rowsPerStatement` (within SQLite's 32,766 and
 * PostgreSQL's 65,535 parameters). Answers the rows `returning` gave, if any.
 */
export async function insertRows<Row = unknown>(
  db: Kysely<unknown>,
  input: {
    table: string;
    columns: readonly string[];
    rows: ReadonlyArray<readonly unknown[]>;
    suffix?: string;
    rowsPerStatement?: number;
  },
): Promise<Row[]> {
  const { table, columns, rows } = input;
  const isPostgres = dialectOf(db) === 'postgres';
  const perStatement = Math.max(
    1,
    Math.min(input.rowsPerStatement ?? 1000, Math.floor(30_000 / columns.length)),
  );
  const out: Row[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const part = rows.slice(start, start + perStatement);
    const parameters: unknown[] = [];
    const tuples: string[] = [];
    for (const row of part) {
      const marks: string[] = [];
      for (const value of row) {
        parameters.push(value);
        marks.push(isPostgres ? `$${parameters.length}` : '?');
      }
      tuples.push(`(${marks.join(', ')})`);
    }
    const text = `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}${
      input.suffix ? ` ${input.suffix}` : ''
    }`;
    const result = await db.executeQuery<Row>(CompiledQuery.raw(text, parameters));
    out.push(...result.rows);
  }
  return out;
}
