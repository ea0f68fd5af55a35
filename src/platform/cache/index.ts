export { createPageCache } from './page-cache.js';
export type {
  CachedPage,
  PageCache,
  PageCacheObserver,
  PageCacheOptions,
  PageCacheStats,
  PageLookup,
  PageOutcome,
  RenderedPage,
} from './page-cache.js';
export { createInProcessHub, createInProcessInvalidationBus } from './invalidation-bus.js';
export type {
  InProcessHub,
  InvalidationBus,
  InvalidationHandler,
  InvalidationMessage,
  InvalidationScope,
} from './invalidation-bus.js';
export {
  createRedisInvalidationBus,
  defaultInvalidationChannel,
} from './redis-invalidation-bus.js';
export { createTtlMemo } from './ttl-memo.js';
export {
  createInvalidationRelay,
  createIpcInvalidationBus,
  ipcLinkOf,
} from './ipc-invalidation-bus.js';
export type { InvalidationRelay, IpcLink } from './ipc-invalidation-bus.js';
