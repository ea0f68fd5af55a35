import type { FastifyInstance } from 'fastify';

/** Liveness (the process answers) and readiness (the database answers). */
export function registerSystemRoutes(
  app: FastifyInstance,
  deps: { ping: () => Promise<boolean> },
): void {
  app.get('/healthz', async (_request, reply) => {
    await reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });
  app.get('/readyz', async (_request, reply) => {
    const isDatabaseUp = await deps.ping();
    await reply
      .code(isDatabaseUp ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({
        status: isDatabaseUp ? 'ready' : 'unavailable',
        checks: { database: isDatabaseUp ? 'ok' : 'down' },
      });
  });
}
