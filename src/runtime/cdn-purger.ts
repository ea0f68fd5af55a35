import type { CdnConfig } from '../config/cdn-config.js';
import {
  createCdnPurger,
  createCloudflarePurgeClient,
  createFastlyPurgeClient,
  type CdnPurgeLog,
  type CdnPurger,
} from '../platform/cdn/index.js';

/** The configured CDN's purger (CDN_PURGE), or none. */
export function cdnPurgerFor(config: CdnConfig, log: CdnPurgeLog): CdnPurger | undefined {
  if (!config) return undefined;
  const apiBase = config.apiBase ? { apiBase: config.apiBase } : {};
  const client =
    config.provider === 'fastly'
      ? createFastlyPurgeClient({
          apiToken: config.apiToken,
          serviceId: config.serviceId,
          ...apiBase,
        })
      : createCloudflarePurgeClient({
          apiToken: config.apiToken,
          zoneId: config.zoneId,
          ...apiBase,
        });
  return createCdnPurger({ client, log });
}
