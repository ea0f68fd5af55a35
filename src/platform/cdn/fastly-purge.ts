import { postOrThrow, type CdnPurgeClient } from './purge-client.js';

export interface FastlyPurgeOptions {
  apiToken: string;
  serviceId: string;
  /** https://api.fastly.com unless a stand-in is given (tests). */
  apiBase?: string;
}

/**
 * Fastly's purge API: a batch purge by surrogate key is `POST /service/{id}/purge` with the keys
 * space-separated in a `Surrogate-Key` header (at most 256 a request); everything is
 * `POST /service/{id}/purge_all`. Both authenticate with the `Fastly-Key` header. Hard purges:
 * a correction must not be served stale from the edge.
 */
export function createFastlyPurgeClient(options: FastlyPurgeOptions): CdnPurgeClient {
  const base = `${(options.apiBase ?? 'https://api.fastly.com').replace(/\/+$/, '')}/service/${encodeURIComponent(options.serviceId)}`;
  const headers = { 'fastly-key': options.apiToken, accept: 'application/json' };
  return {
    name: 'fastly',
    maxTagsPerRequest: 256,
    async purgeTags(tags) {
      await postOrThrow('fastly', `${base}/purge`, {
        headers: { ...headers, 'surrogate-key': tags.join(' ') },
      });
    },
    async purgeAll() {
      await postOrThrow('fastly', `${base}/purge_all`, { headers });
    },
  };
}
