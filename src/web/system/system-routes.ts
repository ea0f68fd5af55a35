import { isStorageError } from '../../platform/storage/index.js';
import type { ServicesOf } from '../../runtime/services.js';
import { webArea } from '../web-area.js';

/** How long the storage probe may take before readiness calls it failing (a hung network disk). */
const storageCheckTimeoutMs = 3000;

type StorageState = 'ok' | 'full' | 'not-writable' | 'failing';

async function storageState(check: () => Promise<void>): Promise<StorageState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<StorageState>((resolve) => {
    timer = setTimeout(() => resolve('failing'), storageCheckTimeoutMs);
  });
  const probe = check().then(
    (): StorageState => 'ok',
    (error: unknown): StorageState => (isStorageError(error) ? error.failure : 'failing'),
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Liveness and readiness, two different questions:
 * - `/healthz`: the process answers. A supervisor restarts the process when this fails; it
 *   checks nothing else, since restarting cannot fix a database or a disk.
 * - `/readyz`: this process can do its work now: the database answers and media storage takes
 *   a write (a probe file written and removed). A load balancer routes by it; 503 while either
 *   fails, with `checks` saying which, so monitoring can alert on it.
 */
export interface SystemDeps {
  /** Answers whether the database responds. */
  ping: () => Promise<boolean>;
  /** media.checkStorage: a probe write to media storage. */
  services: ServicesOf<'media'>;
}

export const systemRoutes = webArea<SystemDeps>((app, deps) => {
  app.get('/healthz', async (_request, reply) => {
    await reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });
  app.get('/readyz', async (_request, reply) => {
    const [isDatabaseUp, storage] = await Promise.all([
      deps.ping(),
      storageState(() => deps.services.media.checkStorage()),
    ]);
    const isReady = isDatabaseUp && storage === 'ok';
    await reply
      .code(isReady ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({
        status: isReady ? 'ready' : 'unavailable',
        checks: { database: isDatabaseUp ? 'ok' : 'down', storage },
      });
  });
});
