import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/helpers/test-database.js';
import { redisUrl } from '../../test/helpers/test-redis.js';
import { servicesFor } from '../../test/helpers/test-runtime.js';
import { openDatabase } from '../platform/db/index.js';
import { createLogger } from '../platform/logger.js';
import { createRedisProbe } from '../platform/redis-probe.js';
import { buildApp, type AppOptions } from './app.js';

describeEachDatabase('readiness', (getDb) => {
  const appWith = (options: Partial<AppOptions>) =>
    buildApp({
      services: servicesFor(getDb()).services,
      logger: createLogger({ level: 'silent', pretty: false }),
      ping: () => getDb().database.ping(),
      publicUrl: 'http://localhost:3000',
      isProduction: false,
      ...options,
    });

  it('reports 503 from /readyz, but 200 from /healthz, while the database does not answer', async () => {
    // A PostgreSQL address where nothing listens stands in for a database that went away.
    const gone = openDatabase({ dialect: 'postgres', url: 'postgres://postgres@127.0.0.1:9/none' });
    const app = await appWith({ ping: () => gone.ping() });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ checks: { database: 'down' } });
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    await app.close();
    await gone.close();
  });

  it('reports Redis by name: "ok" when it answers; when it does not, "degraded" with 200 (the balancer keeps the process)', async () => {
    const up = createRedisProbe({ url: redisUrl });
    // Nothing listens on port 9: a Redis that went away.
    const down = createRedisProbe({ url: 'redis://127.0.0.1:9', timeoutMs: 500 });
    const healthy = await appWith({ readiness: { degradableChecks: { redis: up.isUp } } });
    const degraded = await appWith({
      readiness: { degradableChecks: { redis: down.isUp }, worker: 2 },
    });
    try {
      const ok = await healthy.inject('/readyz');
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({
        status: 'ready',
        checks: { database: 'ok', storage: 'ok', redis: 'ok' },
      });
      const partial = await degraded.inject('/readyz');
      expect(partial.statusCode).toBe(200);
      expect(partial.headers['cache-control']).toBe('no-store');
      expect(partial.json()).toEqual({
        status: 'degraded',
        checks: { database: 'ok', storage: 'ok', redis: 'down' },
        worker: 2,
      });
    } finally {
      await Promise.all([healthy.close(), degraded.close(), up.close(), down.close()]);
    }
  });
});
