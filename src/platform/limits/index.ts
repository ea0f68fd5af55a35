export type { AttemptStore, TakeResult } from './attempt-store.js';
export { createSqlAttemptStore } from './sql-attempt-store.js';
export { createMemoryAttemptStore } from './memory-attempt-store.js';
export type { AttemptLimitsTable, AttemptLimitsTables } from './sql-attempt-store.js';
export { createRedisAttemptStore } from './redis-attempt-store.js';
export { createLimiter, limitsUnavailable } from './limiter.js';
export type { LimitCheck, LimitRule, Limiter, Reservation } from './limiter.js';
