import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../../platform/metrics/index.js';
import { routeGroupOf, type RouteGroup } from './route-groups.js';

/**
 * Times every answer by route group and status class. Added on the root before the areas are
 * registered, so it covers them all, 404s included. The group is worked out once per route
 * pattern (a few dozen), not per request.
 */
export function addRequestMetrics(app: FastifyInstance, metrics: Pick<Metrics, 'observeRequest'>) {
  const groups = new Map<string | undefined, RouteGroup>();
  app.addHook('onResponse', (request, reply, done) => {
    const pattern = request.routeOptions.url;
    let group = groups.get(pattern);
    if (group === undefined) {
      group = routeGroupOf(pattern);
      groups.set(pattern, group);
    }
    metrics.observeRequest(group, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}
