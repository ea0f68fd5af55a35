export { createLiveService, maxPageUpdates } from './live.service.js';
export type { ImportedLiveUpdate, LiveService, LiveDeps } from './live.service.js';
export type { LiveCoverage, LiveUpdate } from './live-update.js';
export { pageOrder } from './live-update.js';
