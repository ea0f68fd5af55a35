export {
  exportGhost,
  ghostExportVersion,
  ghostJsonName,
  isGhostArchiveName,
  isGhostExportName,
  membersCsvName,
  type GhostExportOptions,
  type GhostExportReport,
} from './ghost-export.js';
