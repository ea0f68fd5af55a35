export { exportNewsroom, type ExportOptions } from './archive-export.js';
export { importNewsroom, type ImportOptions, type ImportResult } from './archive-import.js';
export type { ArchiveManifest } from './archive-format.js';
export { archiveFormat, archiveVersion, manifestName } from './archive-format.js';
export { archivedTables, skippedTables, isInternalTable } from './archive-tables.js';
