import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/helpers/test-database.js';
import { servicesFor } from '../../test/helpers/test-runtime.js';
import { openDatabase } from '../platform/db/index.js';
import { createLogger } from '../platform/logger.js';
import { buildApp } from './app.js';

describeEachDatabase('readiness', (getDb) => {
  it('reports 503 from /readyz, but 200 from /healthz, while the database does not answer', async () => {
    // A PostgreSQL address where nothing listens stands in for a database that went away.
    const gone = openDatabase({ dialect: 'postgres', url: 'postgres://postgres@127.0.0.1:9/none' });
    const app = await buildApp({
      services: servicesFor(getDb()).services,
      logger: createLogger({ level: 'silent', pretty: false }),
      ping: () => gone.ping(),
      publicUrl: 'http://localhost:3000',
      isProduction: false,
    });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ checks: { database: 'down' } });
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    await app.close();
    await gone.close();
  });
});
