export { createInProcessLiveHub, createInProcessLiveMedium, createLiveFanout } from './live-hub.js';
export type {
  InProcessLiveMedium,
  LiveEvent,
  LiveHub,
  LiveListener,
  LiveRingOptions,
  LiveSubscribeOptions,
  LiveSubscription,
} from './live-hub.js';
export { createRedisLiveHub, defaultLiveChannel } from './redis-live-hub.js';
