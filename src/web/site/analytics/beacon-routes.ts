import type { FastifyRequest } from 'fastify';
import { validationError } from '../../../platform/errors.js';
import type { ServicesOf } from '../../../runtime/services.js';
import { beaconSchema } from '../../../shared/contracts/analytics.js';
import { parseInput } from '../../http-input.js';
import { assertSameOrigin } from '../../same-origin.js';
import { webArea } from '../../web-area.js';

export interface BeaconOptions {
  services: ServicesOf<'analytics'>;
  publicUrl: string;
}

/** The beacon's URL (the reader pages' script posts here). */
export const beaconPath = '/api/hit';

/** A beacon is a few hundred bytes; anything much larger is not one. */
const beaconBodyLimit = 4 * 1024;

/** sendBeacon posts `text/plain` (a simple request, no preflight); scripts may post JSON. */
function beaconBody(request: FastifyRequest): unknown {
  if (typeof request.body !== 'string') return request.body ?? {};
  try {
    return JSON.parse(request.body) as unknown;
  } catch {
    throw validationError([{ field: 'body', message: 'must be JSON: {"path": "/…"}' }]);
  }
}

const isOn = (value: string | string[] | undefined) => value === '1';

/**
 * `POST /api/hit`: one page view from the reader site's script. 202 with no body, no cookie,
 * never cached; the view is counted at the next flush. A known bot's view is answered the same
 * way and dropped. Sec-GPC: 1 or DNT: 1 counts the view without a visitor hash. Another site's
 * pages may not count views here (403 by Origin / Sec-Fetch-Site, as for forms).
 */
export const beaconRoutes = webArea<BeaconOptions>((app, deps) => {
  const { analytics } = deps.services;
  const siteOrigin = new URL(deps.publicUrl).origin;
  // The views still waiting in memory are written when the app closes (after the last request).
  app.addHook('onClose', async () => {
    await analytics.flush();
  });
  app.post(beaconPath, { bodyLimit: beaconBodyLimit }, async (request, reply) => {
    assertSameOrigin(request, siteOrigin);
    const beacon = parseInput(beaconSchema, beaconBody(request));
    await analytics.recordBeacon(beacon, {
      ip: request.ip,
      userAgent: request.headers['user-agent'],
      isPrivate: isOn(request.headers['sec-gpc']) || isOn(request.headers.dnt),
    });
    return reply.code(202).header('cache-control', 'no-store').send();
  });
});
