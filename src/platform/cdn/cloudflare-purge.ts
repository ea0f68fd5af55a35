import { CdnPurgeError, postOrThrow, type CdnPurgeClient } from './purge-client.js';

export interface CloudflarePurgeOptions {
  apiToken: string;
  zoneId: string;
  /** https://api.cloudflare.com/client/v4 unless a stand-in is given (tests). */
  apiBase?: string;
}

/**
 * Cloudflare's purge API: `POST /zones/{zone_id}/purge_cache` with `{"tags": [...]}` (at most
 * 100 a request) or `{"purge_everything": true}`, authenticated with a Bearer API token. A 200
 * whose body says `success: false` is a refusal too.
 */
export function createCloudflarePurgeClient(options: CloudflarePurgeOptions): CdnPurgeClient {
  const url = `${(options.apiBase ?? 'https://api.cloudflare.com/client/v4').replace(/\/+$/, '')}/zones/${encodeURIComponent(options.zoneId)}/purge_cache`;
  const purge = async (body: unknown) => {
    const response = await postOrThrow('cloudflare', url, {
      headers: {
        authorization: `Bearer ${options.apiToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    const answer = (await response.json().catch(() => undefined)) as
      { success?: boolean; errors?: Array<{ message?: string }> } | undefined;
    if (answer?.success !== true) {
      const reason = answer?.errors?.map((e) => e.message).join('; ') ?? 'no success in the answer';
      throw new CdnPurgeError(`cloudflare refused the purge: ${reason}`, response.status);
    }
  };
  return {
    name: 'cloudflare',
    maxTagsPerRequest: 100,
    purgeTags: (tags) => purge({ tags }),
    purgeAll: () => purge({ purge_everything: true }),
  };
}
