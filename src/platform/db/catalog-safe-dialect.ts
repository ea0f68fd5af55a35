import {
  PostgresDialect,
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadataOptions,
  type Kysely,
  type TableMetadata,
} from 'kysely';

interface ColumnRow {
  schema: string;
  table: string;
  is_view: boolean;
  column: string;
  not_null: boolean;
  has_default: boolean;
  type: string;
  type_schema: string;
  auto_incrementing: boolean;
}

const migrationTables = ['kysely_migration', 'kysely_migration_lock'];

/**
 * Kysely's introspector (which its migrator uses to find the migration tables) reads the tables
 * of every schema in the database and resolves each by name, so a table another session drops
 * meanwhile fails the read with "relation … does not exist" — for a schema this process never
 * uses (seen in CI with test schemas; a second site in one database would do the same). This one
 * reads only the schemas on the connection's search path, and finds serial columns through
 * pg_depend rather than by name.
 */
export class CatalogSafePostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    const inner = super.createIntrospector(db);
    const getTables = async (options?: DatabaseMetadataOptions): Promise<TableMetadata[]> => {
      const { rows } = await sql<ColumnRow>`
        select ns.nspname as schema, c.relname as table, c.relkind = 'v' as is_view,
          a.attname as column, a.attnotnull as not_null, a.atthasdef as has_default,
          typ.typname as type, tns.nspname as type_schema,
          exists (
            select 1 from pg_catalog.pg_depend d
            join pg_catalog.pg_class s on s.oid = d.objid and s.relkind = 'S'
            where d.refobjid = c.oid and d.refobjsubid = a.attnum
          ) as auto_incrementing
        from pg_catalog.pg_attribute a
        join pg_catalog.pg_class c on c.oid = a.attrelid
        join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
        join pg_catalog.pg_type typ on typ.oid = a.atttypid
        join pg_catalog.pg_namespace tns on tns.oid = typ.typnamespace
        where c.relkind in ('r', 'v', 'p')
          and ns.nspname = any (current_schemas(false))
          and a.attnum >= 0 and not a.attisdropped
        order by ns.nspname, c.relname, a.attnum
      `.execute(db);
      const tables = new Map<
        string,
        TableMetadata & { columns: TableMetadata['columns'][number][] }
      >();
      for (const row of rows) {
        if (!options?.withInternalKyselyTables && migrationTables.includes(row.table)) continue;
        const key = `${row.schema}.${row.table}`;
        let table = tables.get(key);
        if (!table) {
          table = { name: row.table, schema: row.schema, isView: row.is_view, columns: [] };
          tables.set(key, table);
        }
        table.columns.push({
          name: row.column,
          dataType: row.type,
          dataTypeSchema: row.type_schema,
          isNullable: !row.not_null,
          hasDefaultValue: row.has_default,
          isAutoIncrementing: row.auto_incrementing,
        });
      }
      return [...tables.values()];
    };
    return {
      getSchemas: () => inner.getSchemas(),
      getTables,
      getMetadata: async (options) => ({ tables: await getTables(options) }),
    };
  }
}
