import { sql, type Expression, type SqlBool } from 'kysely';

type Order = 'asc' | 'desc';

/**
 * The keyset predicate "after this row" for a list ordered by (key, id): rows whose key comes
 * after the cursor's, or that tie on it and whose id comes after. Written once for every list
 * (admin lists, feeds, sitemaps, search); the same SQL on SQLite and PostgreSQL, in the
 * `a < x or (a = x and id < y)` form both planners turn into an index range.
 *
 * `key` is a column reference (`members.created_at`) or an expression (e.g. a coalesce); `idOrder`
 * differs from `order` only where a list breaks ties the other way (search by score).
 */
export function keysetAfter(options: {
  key: string | Expression<unknown>;
  id: string;
  cursor: { key: string | number; id: string };
  order: Order;
  idOrder?: Order;
}): Expression<SqlBool> {
  const key = typeof options.key === 'string' ? sql.ref(options.key) : options.key;
  const id = sql.ref(options.id);
  const past = (order: Order) => sql.raw(order === 'desc' ? '<' : '>');
  const { cursor } = options;
  return sql<SqlBool>`(${key} ${past(options.order)} ${cursor.key} or (${key} = ${cursor.key} and ${id} ${past(options.idOrder ?? options.order)} ${cursor.id}))`;
}
