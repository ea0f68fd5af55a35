import multipart from '@fastify/multipart';
import type { z } from 'zod';
import type { ServicesOf } from '../../runtime/services.js';
import type { ServicesStatus } from '../../runtime/services-status.js';
import { defineRoute, type ApiRouteSpec, type RouteRegistry } from '../api-route.js';
import { webArea } from '../web-area.js';
import { createAuthenticate } from './authenticate.js';

/** Every service an Admin API route module uses (each module picks its own few of these). */
export type AdminApiServices = ServicesOf<
  | 'audit'
  | 'authors'
  | 'campaigns'
  | 'media'
  | 'memberAdmin'
  | 'newsletters'
  | 'emails'
  | 'live'
  | 'suppressions'
  | 'posts'
  | 'settings'
  | 'staffAuth'
  | 'staffSessions'
  | 'tags'
  | 'tiers'
  | 'tokens'
  | 'webhooks'
>;

/** What a route module gets: its services and a `route()` that registers one documented route. */
export interface AdminRouteKit<S = AdminApiServices> {
  readonly services: S;
  readonly isProduction: boolean;
  readonly publicUrl: string;
  /** Mail and payments as configured, without secrets; absent: reported as not set up. */
  readonly servicesStatus?: ServicesStatus | undefined;
  readonly route: <B, Q, P, R extends z.ZodType>(spec: ApiRouteSpec<B, Q, P, R>) => void;
}

/** A route module of the Admin API (one resource's routes under /api/admin/v1). */
export type AdminRoutes<S = AdminApiServices> = (kit: AdminRouteKit<S>) => void;

export interface AdminApiOptions {
  services: AdminApiServices;
  isProduction: boolean;
  publicUrl: string;
  /** Every route registered, for the OpenAPI document and the permission-matrix test. */
  registry: RouteRegistry;
  servicesStatus?: ServicesStatus | undefined;
  /** The route modules (route-modules.ts lists them all). */
  modules: readonly AdminRoutes[];
}

export const adminApiPrefix = '/api/admin/v1';

/**
 * The Admin API, registered under `adminApiPrefix`: authentication for every route (unless
 * marked public), then the route modules.
 */
export const adminApi = webArea<AdminApiOptions>(async (api, options) => {
  const { services, isProduction, publicUrl, registry, servicesStatus } = options;
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
  api.addHook('onRequest', createAuthenticate({ services, isProduction }));
  // Cached reader pages are dropped by the outbox events each service records with its
  // change (src/web/site/page-tags.ts), before the change's answer is sent.
  api.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });
  const kit: AdminRouteKit = {
    services,
    isProduction,
    publicUrl,
    servicesStatus,
    route: (spec) => defineRoute(api, registry, adminApiPrefix, spec),
  };
  for (const register of options.modules) register(kit);
});
