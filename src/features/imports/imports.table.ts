import type { ImportEntity } from './import-entity.js';

/** Where each imported item came from (migration 2026-12-07-1600). */
export interface ImportLinksTable {
  /** `ghost:<site url>`, `wordpress:<site url>` or `masthead`. */
  source: string;
  entity: ImportEntity;
  external_id: string;
  local_id: string;
  /** A hash of the source row as last imported: unchanged rows are skipped. */
  checksum: string;
  /** The local post's version right after the import wrote it: a later edit is the newsroom's. */
  local_version: number | null;
  imported_at: string;
}

/** Old addresses answered with a 301 (imports, Ghost redirects files). */
export interface RedirectsTable {
  from_path: string;
  to_path: string;
  status: number;
  origin: string;
  created_at: string;
}

export interface ImportsTables {
  import_links: ImportLinksTable;
  redirects: RedirectsTable;
}
