import type { FastifyInstance } from 'fastify';
import type { Services } from '../../runtime/services.js';
import { createAuthenticate } from './authenticate.js';

export interface AdminApiDeps {
  services: Services;
  isProduction: boolean;
  publicUrl: string;
}

/** Route modules of the Admin API, each registering its routes under /api/admin/v1. */
export type AdminRoutes = (api: FastifyInstance, deps: AdminApiDeps) => void;

export const adminApiPrefix = '/api/admin/v1';

/** The Admin API: authentication for every route (unless marked public), then the route modules. */
export async function registerAdminApi(
  app: FastifyInstance,
  deps: AdminApiDeps,
  modules: readonly AdminRoutes[],
): Promise<void> {
  await app.register(
    (api, _options, done) => {
      api.decorateRequest('actor', null);
      api.decorateRequest('staffSessionId', null);
      api.addHook('onRequest', createAuthenticate(deps));
      api.addHook('onSend', async (_request, reply) => {
        reply.header('cache-control', 'no-store');
      });
      for (const register of modules) register(api, deps);
      done();
    },
    { prefix: adminApiPrefix },
  );
}
