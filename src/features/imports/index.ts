export { createImportsService } from './imports.service.js';
export type { ImportsService } from './imports.service.js';
export type { GhostImportOptions } from './ghost-import.js';
export type { ImportReport, ImportReportJson } from './import-report.js';
export type { ImportEntity } from './import-entity.js';
export { documentToLexical } from './lexical-writer.js';
export type {
  BookmarkTarget,
  LexicalFallback,
  LexicalWriteOptions,
  LexicalWriteResult,
} from './lexical-writer.js';
export { isImagesArchive, openImagesFolder } from './images-archive.js';
export type { ImagesFolder } from './images-archive.js';
