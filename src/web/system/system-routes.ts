import { isStorageError } from '../../platform/storage/index.js';
import type { ServicesOf } from '../../runtime/services.js';
import { webArea } from '../web-area.js';

/** How long a probe may take before readiness calls it failing (a hung network disk, a stuck Redis). */
const checkTimeoutMs = 3000;

type StorageState = 'ok' | 'full' | 'not-writable' | 'failing';

async function storageState(check: () => Promise<void>): Promise<StorageState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<StorageState>((resolve) => {
    timer = setTimeout(() => resolve('failing'), checkTimeoutMs);
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

/** A dependency the process can serve without for a while (Redis): down means "degraded". */
async function degradableState(check: () => Promise<boolean>): Promise<'ok' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), checkTimeoutMs);
  });
  try {
    return (await Promise.race([check().catch(() => false), timeout])) ? 'ok' : 'down';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Liveness and readiness, two different questions:
 * - `/healthz`: the process answers. A supervisor restarts the process when this fails; it
 *   checks nothing else, since restarting cannot fix a database or a disk.
 * - `/readyz`: this process can do its work now: the database (and its read replica, when there
 *   is one) answers and media storage takes
 *   a write (a probe file written and removed). A load balancer routes by it; 503 while either
 *   fails, with `checks` saying which, so monitoring can alert on it. Dependencies the process
 *   can serve without (Redis: pages are still served, only limited requests are refused) are
 *   checked too, but one that is down makes the answer "degraded" with 200, not 503: taking
 *   every process out of the balancer because Redis blinked would turn a partial outage into a
 *   full one.
 */
export interface SystemDeps {
  /** Answers whether the database responds. */
  ping: () => Promise<boolean>;
  /** DATABASE_READ_URL: whether the read replica responds (gates readiness like the primary). */
  pingReplica?: (() => Promise<boolean>) | undefined;
  /** media.checkStorage: a probe write to media storage. */
  services: ServicesOf<'media'>;
  /** Checks by name (e.g. `redis`) that report "degraded" when down, without failing readiness. */
  degradableChecks?: Readonly<Record<string, () => Promise<boolean>>> | undefined;
  /** This process's slot among the workers of `masthead start --workers N` (shown when set). */
  worker?: number | undefined;
}

export const systemRoutes = webArea<SystemDeps>((app, deps) => {
  const degradable = Object.entries(deps.degradableChecks ?? {});
  app.get('/healthz', async (_request, reply) => {
    await reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });
  app.get('/readyz', async (_request, reply) => {
    const [isDatabaseUp, isReplicaUp, storage, ...others] = await Promise.all([
      deps.ping(),
      deps.pingReplica ? deps.pingReplica() : true,
      storageState(() => deps.services.media.checkStorage()),
      ...degradable.map(([, check]) => degradableState(check)),
    ]);
    const isReady = isDatabaseUp && isReplicaUp && storage === 'ok';
    const isDegraded = others.some((state) => state !== 'ok');
    await reply
      .code(isReady ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({
        status: isReady ? (isDegraded ? 'degraded' : 'ready') : 'unavailable',
        checks: {
          database: isDatabaseUp ? 'ok' : 'down',
          ...(deps.pingReplica ? { databaseReplica: isReplicaUp ? 'ok' : 'down' } : {}),
          storage,
          ...Object.fromEntries(degradable.map(([name], i) => [name, others[i]])),
        },
        ...(deps.worker === undefined ? {} : { worker: deps.worker }),
      });
  });
});
