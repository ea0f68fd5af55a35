import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Services } from '../../runtime/services.js';
import type { ServicesStatus } from '../../runtime/services-status.js';
import { defineRoute, type ApiRouteSpec, type RouteRegistry } from '../api-route.js';
import { createAuthenticate } from './authenticate.js';

export interface AdminApiDeps {
  services: Services;
  isProduction: boolean;
  publicUrl: string;
  /** Every route registered, for the OpenAPI document and the permission-matrix test. */
  registry: RouteRegistry;
  /** Mail and payments as configured, without secrets; absent: reported as not set up. */
  servicesStatus?: ServicesStatus;
}

/** What a route module gets: the services and a `route()` that registers one documented route. */
export interface AdminRouteKit extends AdminApiDeps {
  readonly route: <B, Q, P, R extends z.ZodType>(spec: ApiRouteSpec<B, Q, P, R>) => void;
}

/** A route module of the Admin API (one resource's routes under /api/admin/v1). */
export type AdminRoutes = (kit: AdminRouteKit) => void;

export const adminApiPrefix = '/api/admin/v1';

/** The Admin API: authentication for every route (unless marked public), then the route modules. */
export async function registerAdminApi(
  app: FastifyInstance,
  deps: AdminApiDeps,
  modules: readonly AdminRoutes[],
): Promise<void> {
  await app.register(
    async (api) => {
      // Uploads: one file of at most 20 MB and a few short text fields; the media service checks the bytes.
      await api.register(multipart, {
        limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 10, fieldSize: 4096, parts: 12 },
      });
      // Member imports may arrive as a text/csv body; its size is limited per route (the import
      // route alone allows a large one, after access is checked), never here for every route.
      api.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) =>
        done(null, body),
      );
      api.decorateRequest('actor', null);
      api.decorateRequest('staffSessionId', null);
      api.addHook('onRequest', createAuthenticate(deps));
      // Cached reader pages are dropped by the outbox events each service records with its
      // change (src/web/site/page-tags.ts), before the change's answer is sent.
      api.addHook('onSend', async (_request, reply, payload) => {
        reply.header('cache-control', 'no-store');
        return payload;
      });
      const kit: AdminRouteKit = {
        ...deps,
        route: (spec) => defineRoute(api, deps.registry, adminApiPrefix, spec),
      };
      for (const register of modules) register(kit);
    },
    { prefix: adminApiPrefix },
  );
}
