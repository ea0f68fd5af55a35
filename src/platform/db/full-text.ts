import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dialectOf } from './dialect-sql.js';
import { snippetOfText } from './text-snippet.js';

/**
 * Full-text search is where SQLite and PostgreSQL differ by nature (decision 0001), so all of
 * its SQL lives here, behind a dialect-neutral shape:
 *
 * - An ordinary table (the `source`) holds the text, keyed by a text id. Features write to it
 *   with plain Kysely inserts/updates/deletes, inside their own transactions.
 * - SQLite: an FTS5 index with `unicode61 remove_diacritics 2` (case- and accent-insensitive,
 *   no stemming, any language), external content read through a view, kept in sync by triggers
 *   on the source table. FTS5 needs stable integer rowids, which a table keyed by text does not
 *   have (VACUUM may renumber implicit rowids), so `<table>_fts_docs` maps each key to one.
 * - PostgreSQL: a stored generated `tsvector` column with a GIN index, built with the
 *   `masthead_text` configuration: a copy of `simple` (lower-casing, no stemming, no stop words,
 *   so every language works the same, as on SQLite) with `unaccent` in front when the extension
 *   can be installed; without it PostgreSQL search stays accent-sensitive.
 *
 * The DDL below is run by a migration: treat it as append-only, like a migration. A change to the
 * index belongs in a new function called by a new migration.
 */
export interface FullTextSource {
  /** The ordinary table that holds the text. */
  readonly table: string;
  /** Its text primary key. */
  readonly key: string;
  /** Searchable columns, most important first (PostgreSQL weights A, B, C, D). */
  readonly columns: readonly string[];
  /** A time column, newest last, for `fullTextMatches`'s `newest` (PostgreSQL; index it). */
  readonly recency?: string;
}

/** A user's words, made safe: letters, digits and combining marks only. */
export interface FullTextQuery {
  readonly terms: readonly string[];
  /** Whether the last term also matches longer words (`elect` finds `election`). */
  readonly isLastPrefix: boolean;
}

export interface SnippetPart {
  readonly text: string;
  readonly isMatch: boolean;
}

const textConfig = 'masthead_text';
const pgWeights = ['A', 'B', 'C', 'D'] as const;
const bm25Weights = [10, 4, 1, 0.5] as const;
const maxTerms = 16;
const maxTermLength = 64;
const minPrefixLength = 3;
// Asked of the engines as highlight markers, never found in indexed text (see plainText).
const startMark = '\u0001';
const endMark = '\u0002';

const ident = (name: string) => sql.id(name);
// Kysely's database type is invariant; these helpers use no table types.
const untyped = <DB>(db: Kysely<DB>) => db as unknown as Kysely<unknown>;
const ftsTable = (source: FullTextSource) => `${source.table}_fts`;
const docsTable = (source: FullTextSource) => `${source.table}_fts_docs`;
const contentView = (source: FullTextSource) => `${source.table}_fts_content`;
const vectorColumn = 'search_vector';
const vectorIndex = (source: FullTextSource) => `${source.table}_search_vector_idx`;

function checkSource(source: FullTextSource): void {
  const names = [
    source.table,
    source.key,
    ...source.columns,
    ...(source.recency ? [source.recency] : []),
  ];
  if (source.columns.length === 0 || source.columns.length > pgWeights.length) {
    throw new Error(`full-text index needs 1 to ${pgWeights.length} columns`);
  }
  for (const name of names) {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected SQL name ${name}`);
  }
}

/** Strips what the engines must never see in indexed text: NUL and the highlight markers. */
export function plainText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ');
}

/**
 * Turns free text into a query that cannot be mistaken for query syntax by either engine: only
 * words survive (quotes, `*`, `NEAR(`, `OR`, `-`, `:` and parentheses are separators or plain
 * words), all of them must match, and the last may be a prefix. Null when no word is left.
 */
export function toFullTextQuery(text: string): FullTextQuery | null {
  const words = text.normalize('NFC').match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu) ?? [];
  const terms = [...new Set(words.map((w) => w.slice(0, maxTermLength).toLowerCase()))].slice(
    0,
    maxTerms,
  );
  const last = terms[terms.length - 1];
  if (last === undefined) return null;
  return { terms, isLastPrefix: [...last].length >= minPrefixLength };
}

/** `columns`, when given, limits the match to those columns (names checked against the source). */
const ftsMatchText = (query: FullTextQuery, columns?: readonly string[]) => {
  const terms = query.terms
    .map((t, i) => `"${t}"${query.isLastPrefix && i === query.terms.length - 1 ? '*' : ''}`)
    .join(' ');
  return columns ? `{${columns.join(' ')}} : (${terms})` : terms;
};

/** On PostgreSQL a column is its weight letter: `'word':AB` matches only in columns A and B. */
const tsQueryText = (query: FullTextQuery, weights = '') =>
  query.terms
    .map((t, i) => {
      const isPrefix = query.isLastPrefix && i === query.terms.length - 1;
      const suffix = `${isPrefix ? '*' : ''}${weights}`;
      return `'${t}'${suffix ? `:${suffix}` : ''}`;
    })
    .join(' & ');

function weightsOf(source: FullTextSource, columns: readonly string[] | undefined): string {
  if (!columns) return '';
  return columns
    .map((column) => {
      const index = source.columns.indexOf(column);
      if (index < 0) throw new Error(`${column} is not a searchable column`);
      return pgWeights[index] ?? 'D';
    })
    .join('');
}

/**
 * PostgreSQL's parser reads `<word …>` as an HTML tag: not indexed, and dropped from headlines.
 * Our text is plain, so `<` is handed over as U+0003 (never in indexed text, see plainText) and
 * turned back into `<` in snippets.
 */
const pgLessThan = '\u0003';
const pgText = (column: string) => sql`replace(coalesce(${ident(column)}, ''), '<', chr(3))`;

const tsQuery = (query: FullTextQuery, weights = '') =>
  sql`to_tsquery(${sql.lit(textConfig)}::regconfig, ${tsQueryText(query, weights)})`;

/** Creates the engine's index over an existing source table (used by a migration). */
export async function createFullTextIndex(
  db: Kysely<unknown>,
  source: FullTextSource,
): Promise<void> {
  checkSource(source);
  if (dialectOf(db) === 'postgres') {
    await createPostgresIndex(db, source);
    return;
  }
  await createSqliteIndex(db, source);
}

export async function dropFullTextIndex(
  db: Kysely<unknown>,
  source: FullTextSource,
): Promise<void> {
  checkSource(source);
  if (dialectOf(db) === 'postgres') {
    await sql`drop index if exists ${ident(vectorIndex(source))}`.execute(db);
    await sql`alter table ${ident(source.table)} drop column if exists ${ident(vectorColumn)}`.execute(
      db,
    );
    // Shared by every index; kept while another still uses it.
    await sql
      .raw(
        `do $$ begin drop text search configuration if exists ${textConfig}; ` +
          'exception when dependent_objects_still_exist then null; end $$',
      )
      .execute(db);
    return;
  }
  for (const trigger of ['ai', 'ad', 'au', 'ak']) {
    await sql`drop trigger if exists ${ident(`${ftsTable(source)}_${trigger}`)}`.execute(db);
  }
  await sql`drop table if exists ${ident(ftsTable(source))}`.execute(db);
  await sql`drop view if exists ${ident(contentView(source))}`.execute(db);
  await sql`drop table if exists ${ident(docsTable(source))}`.execute(db);
}

async function createPostgresIndex(db: Kysely<unknown>, source: FullTextSource): Promise<void> {
  // unaccent is a trusted extension (PostgreSQL 13+): a database owner may install it. Put it in
  // public when allowed, so dropping one schema never takes it from another; failing that, in
  // the current schema; failing both, search is accent-sensitive. The block keeps a failure from
  // aborting the migration's transaction.
  await sql
    .raw(
      `do $$ begin
         begin create extension if not exists unaccent with schema public;
         exception when others then
           begin create extension if not exists unaccent;
           exception when others then null; end;
         end;
       end $$`,
    )
    .execute(db);
  const unaccent = await sql<{ schema: string }>`
    select n.nspname as schema from pg_extension e
    join pg_namespace n on n.oid = e.extnamespace where e.extname = 'unaccent'`.execute(db);
  const configExists = await sql<{ one: number }>`
    select 1 as one from pg_ts_config
    where cfgname = ${textConfig} and cfgnamespace = current_schema()::regnamespace`.execute(db);
  if (configExists.rows.length === 0) {
    await sql`create text search configuration ${ident(textConfig)} (copy = pg_catalog.simple)`.execute(
      db,
    );
    const schema = unaccent.rows[0]?.schema;
    if (schema !== undefined) {
      await sql`alter text search configuration ${ident(textConfig)}
        alter mapping for hword, hword_part, word with ${sql.id(schema, 'unaccent')}, simple`.execute(
        db,
      );
    }
  }
  const vector = sql.join(
    source.columns.map(
      (column, i) =>
        sql`setweight(to_tsvector(${sql.lit(textConfig)}::regconfig, ${pgText(column)}), ${sql.lit(pgWeights[i] ?? 'D')})`,
    ),
    sql` || `,
  );
  await sql`alter table ${ident(source.table)} add column ${ident(vectorColumn)} tsvector
    generated always as (${vector}) stored`.execute(db);
  await sql`create index ${ident(vectorIndex(source))} on ${ident(source.table)}
    using gin (${ident(vectorColumn)})`.execute(db);
}

async function createSqliteIndex(db: Kysely<unknown>, source: FullTextSource): Promise<void> {
  const fts = ident(ftsTable(source));
  const docs = ident(docsTable(source));
  const key = ident(source.key);
  const columns = sql.join(source.columns.map(ident));
  const newValues = sql.join(source.columns.map((c) => sql`new.${ident(c)}`));
  const oldValues = sql.join(source.columns.map((c) => sql`old.${ident(c)}`));
  const docId = (row: 'new' | 'old') =>
    sql`(select doc_id from ${docs} where ${key} = ${sql.raw(row)}.${key})`;
  const trigger = (suffix: string) => ident(`${ftsTable(source)}_${suffix}`);

  await sql`create table ${docs} (doc_id integer primary key, ${key} text not null unique)`.execute(
    db,
  );
  await sql`create view ${ident(contentView(source))} as
    select d.doc_id, ${sql.join(source.columns.map((c) => sql`s.${ident(c)}`))}
    from ${docs} d join ${ident(source.table)} s on s.${key} = d.${key}`.execute(db);
  await sql`create virtual table ${fts} using fts5(${columns},
    content=${sql.lit(contentView(source))}, content_rowid='doc_id',
    tokenize='unicode61 remove_diacritics 2')`.execute(db);
  await sql`create trigger ${trigger('ai')} after insert on ${ident(source.table)} begin
    insert into ${docs} (${key}) values (new.${key});
    insert into ${fts} (rowid, ${columns}) values (${docId('new')}, ${newValues});
  end`.execute(db);
  await sql`create trigger ${trigger('ad')} after delete on ${ident(source.table)} begin
    insert into ${fts} (${fts}, rowid, ${columns}) values ('delete', ${docId('old')}, ${oldValues});
    delete from ${docs} where ${key} = old.${key};
  end`.execute(db);
  await sql`create trigger ${trigger('au')} after update of ${columns} on ${ident(source.table)} begin
    insert into ${fts} (${fts}, rowid, ${columns}) values ('delete', ${docId('old')}, ${oldValues});
    insert into ${fts} (rowid, ${columns}) values (${docId('old')}, ${newValues});
  end`.execute(db);
  await sql`create trigger ${trigger('ak')} after update of ${key} on ${ident(source.table)} begin
    update ${docs} set ${key} = new.${key} where ${key} = old.${key};
  end`.execute(db);
}

/**
 * A parenthesised subquery of the matching documents, `(key, score)`, higher score better:
 * -bm25 with column weights on SQLite, ts_rank_cd (length-normalised) on PostgreSQL. Use it as
 * a derived table: `selectFrom(fullTextMatches(db, source, query).as('m'))`. With `columns`,
 * only words in those columns count (FTS5 column filter; tsquery weight labels).
 *
 * With `newest: n`, only the n newest matches are scored, so a word found in most of a 1M-story
 * archive costs n scores, not a million (issue #14). Newest means, on PostgreSQL, latest by the
 * source's `recency` column (walking its index when the word is common); on SQLite, the most
 * recently indexed documents (FTS5 reads its index in rowid order, and a document's rowid is
 * given when it is first indexed, so this follows creation order, not a later publication date).
 */
export function fullTextMatches<DB>(
  db: Kysely<DB>,
  source: FullTextSource,
  query: FullTextQuery,
  options: { columns?: readonly string[]; newest?: number } = {},
): RawBuilder<{ key: string; score: number }> {
  checkSource(source);
  const table = ident(source.table);
  const key = ident(source.key);
  const newest = options.newest === undefined ? undefined : Math.max(1, Math.trunc(options.newest));
  if (dialectOf(untyped(db)) === 'postgres') {
    const labels = weightsOf(source, options.columns);
    const q = tsQuery(query, labels);
    if (newest === undefined || source.recency === undefined) {
      return sql`(select ${key} as key, ts_rank_cd(${ident(vectorColumn)}, q, 1)::float8 as score
        from ${table}, ${q} as q where ${ident(vectorColumn)} @@ q)`;
    }
    return sql`(select c.key, ts_rank_cd(c.vector, q, 1)::float8 as score
      from (select ${key} as key, ${ident(vectorColumn)} as vector from ${table}
        where ${ident(vectorColumn)} @@ ${q}
        order by ${ident(source.recency)} desc nulls last limit ${sql.lit(newest)}) c, ${q} as q)`;
  }
  const fts = ident(ftsTable(source));
  const weights = sql.join(source.columns.map((_, i) => sql.lit(bm25Weights[i] ?? 0.5)));
  const matches = sql`select d.${key} as key, -bm25(${fts}, ${weights}) as score
    from ${fts} join ${ident(docsTable(source))} d on d.doc_id = ${fts}.rowid
    where ${fts} match ${ftsMatchText(query, options.columns)}`;
  // FTS5 walks its doclists in rowid order (no sort) and scores only the rows it returns.
  return newest === undefined
    ? sql`(${matches})`
    : sql`(${matches} order by ${fts}.rowid desc limit ${sql.lit(newest)})`;
}

/**
 * Highlighted excerpts of one column for the given keys (one page of results), split into
 * matched and unmatched parts so the caller can escape every character itself. A document whose
 * column does not match gets its opening words, without highlights.
 */
export async function fullTextSnippets<DB>(
  db: Kysely<DB>,
  source: FullTextSource,
  options: { query: FullTextQuery; keys: readonly string[]; column: string; words: number },
): Promise<Map<string, SnippetPart[]>> {
  checkSource(source);
  const columnIndex = source.columns.indexOf(options.column);
  if (columnIndex < 0) throw new Error(`${options.column} is not a searchable column`);
  if (options.keys.length === 0) return new Map();
  const table = ident(source.table);
  const key = ident(source.key);
  const keys = sql.join(options.keys.map((k) => sql`${k}`));
  const words = Math.max(4, Math.min(60, Math.trunc(options.words)));
  if (dialectOf(untyped(db)) === 'postgres') {
    // ts_headline reads only these rows' text: bounded by the page, whatever the query.
    const headline = `StartSel=${startMark}, StopSel=${endMark}, MaxWords=${words}, MinWords=${Math.ceil(words / 2)}, ShortWord=2, MaxFragments=1`;
    const result = await sql<{ key: string; snippet: string | null }>`
      select ${key} as key,
        ts_headline(${sql.lit(textConfig)}::regconfig, ${pgText(options.column)}, ${tsQuery(options.query)}, ${headline}) as snippet
      from ${table} where ${key} in (${keys})`.execute(untyped(db));
    return new Map(
      result.rows.map((row) => [
        row.key,
        splitMarked(row.snippet?.replaceAll(pgLessThan, '<') ?? ''),
      ]),
    );
  }
  // From the stored text, in code: SQLite's snippet() needs the match evaluated over the
  // whole index (a word in most stories, `the*`: as costly as the search, per column), and
  // probing it at each key's rowid re-merges every doclist of a prefix per key (5 s at 100k).
  const column = ident(options.column);
  const result = await sql<{ key: string; text: string | null }>`
    select ${key} as key, ${column} as text from ${table} where ${key} in (${keys})`.execute(
    untyped(db),
  );
  return new Map(
    result.rows.map((row) => [row.key, snippetOfText(row.text ?? '', options.query, words)]),
  );
}

/** Splits engine output with start/end markers into parts; stray markers are dropped. */
export function splitMarked(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let isMatch = false;
  let text = '';
  const flush = () => {
    if (text.length > 0) parts.push({ text, isMatch });
    text = '';
  };
  for (const char of marked) {
    if (char === startMark || char === endMark) {
      const opens = char === startMark;
      if (opens !== isMatch) {
        flush();
        isMatch = opens;
      }
      continue;
    }
    text += char;
  }
  flush();
  return parts;
}

/**
 * Indexes the rows a source table already holds, for a migration that remade the index over a
 * filled table (SQLite's triggers only see later writes; PostgreSQL's generated vector needs
 * nothing).
 */
export async function indexExistingRows(
  db: Kysely<unknown>,
  source: FullTextSource,
): Promise<void> {
  checkSource(source);
  if (dialectOf(db) === 'postgres') return;
  const key = ident(source.key);
  await sql`insert into ${ident(docsTable(source))} (${key})
    select ${key} from ${ident(source.table)} order by ${key}`.execute(db);
  await rebuildFullTextIndex(db, source);
}

/** SQLite: rebuilds the FTS5 index from the source table. PostgreSQL's vector is generated. */
export async function rebuildFullTextIndex<DB>(
  db: Kysely<DB>,
  source: FullTextSource,
): Promise<void> {
  checkSource(source);
  if (dialectOf(untyped(db)) === 'postgres') return;
  const fts = ident(ftsTable(source));
  await sql`insert into ${fts} (${fts}) values ('rebuild')`.execute(untyped(db));
}
