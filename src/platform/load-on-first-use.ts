import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

/**
 * A CommonJS package loaded on its first use instead of at start. Start-up time is mostly
 * module loading (issue #14: process start to `/readyz` under 1 s), and some packages are only
 * needed by a configuration or a request that may never come: Redis without REDIS_URL, image
 * processing before the first upload, CSS inlining before the first email.
 */
export function loadOnFirstUse<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireHere(name) as T);
}
