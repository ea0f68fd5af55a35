import type { Kysely, Transaction } from 'kysely';

/**
 * Kysely's database type is invariant, so a handle that knows every table is not assignable to
 * one that knows a feature's few. This is the one sanctioned cast: it checks that the wider
 * handle really has every table the narrower type names.
 *   const authorsDb = narrow(db).to<AuthorsTables>();
 */
export function narrow<Wide>(db: Kysely<Wide> | Transaction<Wide>) {
  return {
    to<Narrow>(this: void): Wide extends Narrow ? Kysely<Narrow> : never {
      return db as unknown as Wide extends Narrow ? Kysely<Narrow> : never;
    },
  };
}
