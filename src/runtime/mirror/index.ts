import { buildApp } from '../../web/app.js';
import type { Runtime } from '../open-runtime.js';
import { runMirror, type MirrorReport, type MirrorRunOptions } from './mirror-run.js';

export { runMirror } from './mirror-run.js';
export type { MirrorReport, MirrorRunOptions } from './mirror-run.js';

/**
 * `masthead mirror`: the reader site built as the server builds it (not listening), asked for
 * every public page signed out, and written to `dir` (docs/mirror.md).
 */
export async function mirrorNewsroom(
  runtime: Runtime,
  options: Pick<MirrorRunOptions, 'dir' | 'baseUrl' | 'since' | 'onProgress' | 'concurrency'>,
): Promise<MirrorReport> {
  const { config } = runtime;
  const app = await buildApp({
    services: runtime.services,
    // Slow renders (first-time image resizes) are expected here: only errors reach the output.
    logger: runtime.logger.child({}, { level: 'error' }),
    ping: () => runtime.database.ping(),
    publicUrl: config.publicUrl,
    isProduction: config.isProduction,
    clock: runtime.clock,
    // Every page is rendered through the router: nothing is in this process's cache yet.
    answerCachedHitsFirst: false,
  });
  try {
    return await runMirror({
      ...options,
      app,
      events: runtime.services.events,
      clock: runtime.clock,
      publicUrl: config.publicUrl,
    });
  } finally {
    await app.close();
  }
}
