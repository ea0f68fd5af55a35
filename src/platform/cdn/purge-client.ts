/**
 * One CDN's purge API, as the batching purger drives it. Each call is one HTTP request; it
 * resolves when the CDN accepted the purge and throws (a `CdnPurgeError`) when it did not.
 */
export interface CdnPurgeClient {
  /** For logs: `fastly`, `cloudflare`. */
  readonly name: string;
  /** The most tags the API takes in one request (the purger splits larger batches). */
  readonly maxTagsPerRequest: number;
  purgeTags(tags: readonly string[]): Promise<void>;
  purgeAll(): Promise<void>;
}

/** A purge the CDN refused or could not be asked for; `status` is the HTTP status when there was one. */
export class CdnPurgeError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'CdnPurgeError';
  }
}

/** POSTs and throws on anything but a 2xx, with the start of the answer for the log. */
export async function postOrThrow(
  cdn: string,
  url: string,
  init: { headers: Record<string, string>; body?: string },
  timeoutMs = 10_000,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: init.headers,
      ...(init.body === undefined ? {} : { body: init.body }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new CdnPurgeError(`${cdn} purge request failed: ${(error as Error).message}`);
  }
  if (response.status < 200 || response.status >= 300) {
    const text = (await response.text().catch(() => '')).slice(0, 200);
    throw new CdnPurgeError(`${cdn} answered ${response.status}: ${text}`, response.status);
  }
  return response;
}
