export { loadDemoNewsroom } from './demo-loader.js';
export type { DemoLoadOptions, DemoLoadResult, DemoServices } from './demo-loader.js';
export { removeDemoNewsroom } from './demo-remover.js';
export type { DemoRemoveResult } from './demo-remover.js';
