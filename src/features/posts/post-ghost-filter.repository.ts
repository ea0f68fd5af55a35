import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import { sql } from 'kysely';
import { AppError } from '../../platform/errors.js';
import type { NqlNode, NqlOperator, NqlValue } from '../../shared/nql/nql-filter.js';
import { likeEscape, likePattern } from '../../platform/db/index.js';
import type { PostsDb } from './posts.repository.js';

type Tables = PostsDb extends Kysely<infer T> ? T : never;
type Eb = ExpressionBuilder<Tables, 'posts'>;

/** Constant conditions (an empty list); SQLite cannot bind booleans, so these are SQL. */
const always = sql<SqlBool>`1 = 1`;
const never = sql<SqlBool>`1 = 0`;
const constant = (isTrue: boolean) => (isTrue ? always : never);

/** A Ghost filter the posts cannot answer: a 400 naming the problem, never a 500. */
export const badFilter = (message: string) =>
  new AppError({ code: 'BAD_REQUEST', status: 400, message: `Error parsing filter: ${message}` });

type Column = 'slug' | 'title' | 'visibility' | 'published_at' | 'updated_at' | 'created_at';
type Relation = { link: 'tags' | 'authors'; isPrimary: boolean };

/**
 * The fields a Ghost filter may name on posts and pages, and what each reads. Ghost's
 * shorthands (`tag`, `tags`, `author`, `authors`) mean the slug of a related tag or author;
 * `primary_*` the first one. `id` is the local id here (the web layer translates Ghost ids).
 * Anything not listed is refused: a client cannot reach `status` (drafts) or staff fields.
 */
const fields: Readonly<Record<string, Column | Relation | 'id' | 'featured'>> = {
  id: 'id',
  slug: 'slug',
  title: 'title',
  featured: 'featured',
  visibility: 'visibility',
  published_at: 'published_at',
  updated_at: 'updated_at',
  created_at: 'created_at',
  tag: { link: 'tags', isPrimary: false },
  tags: { link: 'tags', isPrimary: false },
  'tags.slug': { link: 'tags', isPrimary: false },
  primary_tag: { link: 'tags', isPrimary: true },
  'primary_tag.slug': { link: 'tags', isPrimary: true },
  author: { link: 'authors', isPrimary: false },
  authors: { link: 'authors', isPrimary: false },
  'authors.slug': { link: 'authors', isPrimary: false },
  primary_author: { link: 'authors', isPrimary: true },
  'primary_author.slug': { link: 'authors', isPrimary: true },
};

export const ghostPostFilterFields: readonly string[] = Object.keys(fields);
const dateColumns = new Set<string>(['published_at', 'updated_at', 'created_at']);

/** A date as stored (ISO 8601 in UTC); Ghost clients send `2026-01-01` or `2026-01-01 10:00:00`. */
function isoDate(value: NqlValue): string {
  const text = typeof value === 'string' ? value.trim() : '';
  const normalised = /^\d{4}-\d{2}-\d{2} \d/.test(text) ? text.replace(' ', 'T') : text;
  const zoned =
    /T.*(Z|[+-]\d{2}:?\d{2})$/.test(normalised) || !normalised.includes('T')
      ? normalised
      : `${normalised}Z`;
  const time = /^\d{4}-\d{2}-\d{2}/.test(zoned) ? Date.parse(zoned) : Number.NaN;
  if (Number.isNaN(time)) throw badFilter(`"${String(value)}" is not a date`);
  return new Date(time).toISOString();
}

const text = (value: NqlValue): string => {
  if (value === null || typeof value === 'boolean') throw badFilter('expected a text value');
  return String(value);
};

function likeFor(op: NqlOperator, value: string): string {
  const contains = likePattern(value);
  if (op === '~') return contains;
  if (op === '~^') return likePattern(value, 'prefix');
  return contains.slice(0, -1); // ~$: ends with
}

/** One comparison on a column of `posts`. */
function compareColumn(eb: Eb, column: Column | 'id', op: NqlOperator, value: NqlValue) {
  const ref = eb.ref(`posts.${column}`);
  if (op === '~' || op === '~^' || op === '~$') {
    if (dateColumns.has(column) || column === 'id' || column === 'visibility')
      throw badFilter(`${column} cannot be matched by part`);
    // Case-insensitive on both databases, as Ghost's `~` is.
    const pattern = likeFor(op, text(value).toLowerCase());
    return eb(eb.fn<string>('lower', [ref]), 'like', sql<string>`${pattern} ${likeEscape}`);
  }
  if (value === null) {
    if (op !== '=' && op !== '!=') throw badFilter(`${column} cannot be compared with null`);
    return eb(ref, op === '=' ? 'is' : 'is not', null);
  }
  const isDate = dateColumns.has(column);
  if (!isDate && op !== '=' && op !== '!=')
    throw badFilter(`${column} takes only equality, lists and ~ matches`);
  const operand = isDate ? isoDate(value) : text(value);
  return eb(ref, op === '=' ? '=' : op === '!=' ? '<>' : op, operand);
}

/** Posts that have (or, negated, lack) a related tag or author whose slug matches. */
function relation(
  eb: Eb,
  rel: Relation,
  match: (slug: ExpressionBuilder<Tables, 'tags' | 'authors'>) => Expression<SqlBool>,
  negated: boolean,
) {
  const exists =
    rel.link === 'tags'
      ? eb.exists(
          eb
            .selectFrom('post_tags')
            .innerJoin('tags', 'tags.id', 'post_tags.tag_id')
            .select('post_tags.post_id')
            .whereRef('post_tags.post_id', '=', 'posts.id')
            .$if(rel.isPrimary, (q) => q.where('post_tags.position', '=', 0))
            .where((inner) => match(inner as never)),
        )
      : eb.exists(
          eb
            .selectFrom('post_authors')
            .innerJoin('authors', 'authors.id', 'post_authors.author_id')
            .select('post_authors.post_id')
            .whereRef('post_authors.post_id', '=', 'posts.id')
            .$if(rel.isPrimary, (q) => q.where('post_authors.position', '=', 0))
            .where((inner) => match(inner as never)),
        );
  return negated ? eb.not(exists) : exists;
}

/**
 * A parsed Ghost filter as a Kysely condition on `posts`: every value a bound parameter, every
 * field from the list above. Throws a 400 AppError for fields or operators it does not take.
 */
export function ghostPostCondition(eb: Eb, node: NqlNode): Expression<SqlBool> {
  if ('children' in node) {
    const children = node.children.map((child) => ghostPostCondition(eb, child));
    return node.kind === 'and' ? eb.and(children) : eb.or(children);
  }
  const field = fields[node.field];
  if (field === undefined) throw badFilter(`unknown field "${node.field}"`);
  if (field === 'featured') {
    const wanted = (v: NqlValue) => {
      if (v === true || v === 'true') return 1;
      if (v === false || v === 'false') return 0;
      throw badFilter('featured takes true or false');
    };
    if (node.kind === 'in') {
      const values = node.values.map(wanted);
      if (values.length === 0) return constant(node.negated);
      return eb('posts.is_featured', node.negated ? 'not in' : 'in', values);
    }
    if (node.op !== '=' && node.op !== '!=') throw badFilter('featured takes true or false');
    return eb('posts.is_featured', node.op === '=' ? '=' : '<>', wanted(node.value));
  }
  if (typeof field === 'object') {
    const slugRef = field.link === 'tags' ? 'tags.slug' : 'authors.slug';
    if (node.kind === 'in') {
      const slugs = node.values.map(text);
      if (slugs.length === 0) return constant(node.negated);
      return relation(eb, field, (inner) => inner(slugRef, 'in', slugs), node.negated);
    }
    const { op, value } = node;
    if (op === '~' || op === '~^' || op === '~$') {
      const pattern = likeFor(op, text(value).toLowerCase());
      return relation(
        eb,
        field,
        (inner) => inner(slugRef, 'like', sql<string>`${pattern} ${likeEscape}`),
        false,
      );
    }
    if (op !== '=' && op !== '!=') throw badFilter(`${node.field} takes only equality and lists`);
    if (value === null) return relation(eb, field, () => always, op === '=');
    return relation(eb, field, (inner) => inner(slugRef, '=', text(value)), op === '!=');
  }
  if (node.kind === 'in') {
    if (node.values.length === 0) return constant(node.negated);
    const values = node.values.map((v) => (dateColumns.has(field) ? isoDate(v) : text(v)));
    return eb(eb.ref(`posts.${field}`), node.negated ? 'not in' : 'in', values);
  }
  return compareColumn(eb, field, node.op, node.value);
}
