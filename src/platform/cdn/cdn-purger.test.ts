import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCdnStandIn, type CdnStandIn } from '../../../test/helpers/cdn-stand-in.js';
import { createCdnPurger } from './cdn-purger.js';
import { createCloudflarePurgeClient } from './cloudflare-purge.js';
import { createFastlyPurgeClient } from './fastly-purge.js';

/** Both providers' purge APIs as documented, against a local stand-in that records each call. */
let cdn: CdnStandIn;
beforeAll(async () => {
  cdn = await startCdnStandIn();
});
afterAll(() => cdn.close());
beforeEach(() => {
  cdn.calls.length = 0;
  cdn.answerWith(() => ({ status: 200, body: { success: true, errors: [] } }));
});

const logged: Array<{ level: string; message: string }> = [];
const log = {
  warn: (_: unknown, message: string) => logged.push({ level: 'warn', message }),
  error: (_: unknown, message: string) => logged.push({ level: 'error', message }),
};

describe('Fastly purge requests (local stand-in for api.fastly.com)', () => {
  const fastly = () =>
    createFastlyPurgeClient({ apiToken: 'fastly-token', serviceId: 'SVC1', apiBase: cdn.url });

  it('purges surrogate keys in one POST with the keys space-separated', async () => {
    await fastly().purgeTags(['home', 'post:p1', 'slug:bridge-reopens']);
    expect(cdn.calls).toHaveLength(1);
    const [call] = cdn.calls;
    expect(call).toMatchObject({ method: 'POST', path: '/service/SVC1/purge' });
    expect(call!.headers['fastly-key']).toBe('fastly-token');
    expect(call!.headers['surrogate-key']).toBe('home post:p1 slug:bridge-reopens');
  });

  it('purges everything at purge_all', async () => {
    await fastly().purgeAll();
    expect(cdn.calls[0]).toMatchObject({ method: 'POST', path: '/service/SVC1/purge_all' });
  });

  it('throws with the status when refused', async () => {
    cdn.answerWith(() => ({ status: 401, body: { msg: 'Provided credentials are missing' } }));
    await expect(fastly().purgeAll()).rejects.toMatchObject({ status: 401 });
  });
});

describe('Cloudflare purge requests (local stand-in for api.cloudflare.com)', () => {
  const cloudflare = () =>
    createCloudflarePurgeClient({ apiToken: 'cf-token', zoneId: 'zone9', apiBase: cdn.url });

  it('purges cache tags with a JSON body and a Bearer token', async () => {
    await cloudflare().purgeTags(['home', 'news']);
    const [call] = cdn.calls;
    expect(call).toMatchObject({ method: 'POST', path: '/zones/zone9/purge_cache' });
    expect(call!.headers.authorization).toBe('Bearer cf-token');
    expect(JSON.parse(call!.body)).toEqual({ tags: ['home', 'news'] });
  });

  it('purges everything with purge_everything', async () => {
    await cloudflare().purgeAll();
    expect(JSON.parse(cdn.calls[0]!.body)).toEqual({ purge_everything: true });
  });

  it('treats a 200 that says success: false as a refusal', async () => {
    cdn.answerWith(() => ({
      status: 200,
      body: { success: false, errors: [{ message: 'Invalid zone identifier' }] },
    }));
    await expect(cloudflare().purgeTags(['home'])).rejects.toThrow('Invalid zone identifier');
  });
});

describe('the batching purger', () => {
  const purgerFor = (maxTagsPerRequest = 256) =>
    createCdnPurger({
      client: {
        ...createFastlyPurgeClient({ apiToken: 't', serviceId: 'S', apiBase: cdn.url }),
        maxTagsPerRequest,
      },
      log,
      batchDelayMs: 20,
      attempts: 3,
      retryDelayMs: 10,
    });
  const keysOf = () => cdn.calls.map((call) => call.headers['surrogate-key']);

  it('sends the tags of changes made close together as one deduplicated purge', async () => {
    const purger = purgerFor();
    purger.purge(['home', 'post:a']);
    purger.purge(['home', 'post:b']);
    purger.purge([]);
    await purger.flush();
    expect(keysOf()).toEqual(['home post:a post:b']);
  });

  it('splits a batch to the API request size', async () => {
    const purger = purgerFor(2);
    purger.purge(['a', 'b', 'c', 'd', 'e']);
    await purger.flush();
    expect(keysOf()).toEqual(['a b', 'c d', 'e']);
  });

  it('purges everything once when "all" comes with tags', async () => {
    const purger = purgerFor();
    purger.purge(['home']);
    purger.purge('all');
    purger.purge(['news']);
    await purger.flush();
    expect(cdn.calls.map((call) => call.path)).toEqual(['/service/S/purge_all']);
  });

  it('retries a purge the CDN failed (5xx) and gives up on a refusal (4xx) with an error logged', async () => {
    let answers = [503, 200];
    cdn.answerWith(() => ({ status: answers.shift() ?? 200 }));
    const purger = purgerFor();
    purger.purge(['home']);
    await purger.flush();
    expect(keysOf()).toEqual(['home', 'home']);

    cdn.calls.length = 0;
    logged.length = 0;
    answers = [403, 403, 403];
    purger.purge(['news']);
    await purger.flush();
    expect(keysOf()).toEqual(['news']);
    expect(logged.map((l) => l.level)).toEqual(['error']);
  });

  it('never holds up the caller: purge returns while the CDN has not answered', async () => {
    const purger = purgerFor();
    cdn.hold();
    purger.purge(['home']);
    await cdn.waitForCalls(1);
    // The change that asked is long done; the purge is still out.
    purger.purge(['news']);
    cdn.release();
    await purger.flush();
    expect(keysOf()).toEqual(['home', 'news']);
  });
});
