import { z } from 'zod';
import type { Logger } from '../platform/logger.js';
import type { Runtime } from './open-runtime.js';

/** Where the base URL whose resized copies are all made is kept (internal setting). */
const variantsMadeForKey = 'media.variantsMadeFor';

export interface MediaBaseWork {
  /** Settles when the background work is over (never rejects: failures are logged). */
  readonly finished: Promise<void>;
  /** Stops the background work between two items and waits for it. */
  stop(): Promise<void>;
}

/**
 * MEDIA_PUBLIC_URL decides the address of every image on every page, but it is configuration,
 * not a site setting: at start, a value other than the one last seen records `settings.updated`,
 * so every cached page is dropped here, in the other processes and at the CDN (purge all) once.
 * Call it after the app is built, so its page cache hears the event.
 *
 * With a base set, pages link resized copies there, where nothing can make them on request: the
 * copies missing for media uploaded before are made in the background, once per base (kept as
 * done only when every item has them, so an interrupted start resumes at the next one).
 */
export async function noteMediaPublicUrl(
  runtime: Pick<Runtime, 'services'>,
  publicUrl: string | undefined,
  logger: Logger,
): Promise<MediaBaseWork> {
  const { settings, media } = runtime.services;
  const changed = await settings.putInternalAnnounced('media.publicUrl', publicUrl ?? null);
  if (changed)
    logger.info(
      { mediaPublicUrl: publicUrl ?? null },
      'MEDIA_PUBLIC_URL changed: every cached page dropped (and purged at the CDN)',
    );
  const nothing = { finished: Promise.resolve(), stop: () => Promise.resolve() };
  if (publicUrl === undefined) return nothing;
  const madeFor = await settings.getInternal(variantsMadeForKey, z.string());
  if (madeFor === publicUrl) return nothing;

  const abort = new AbortController();
  const work = (async () => {
    try {
      const report = await media.fillVariants({ signal: abort.signal });
      if (report.complete && report.failed.length === 0)
        await settings.putInternal(variantsMadeForKey, publicUrl);
      const summary = { items: report.items, made: report.made, failed: report.failed.length };
      if (report.failed.length > 0)
        logger.warn(
          { ...summary, firstFailed: report.failed.slice(0, 5).map((f) => f.id) },
          'some media items have no resized copies at MEDIA_PUBLIC_URL; run `masthead media variants` to retry',
        );
      else if (report.made > 0) logger.info(summary, 'resized copies made for MEDIA_PUBLIC_URL');
    } catch (error) {
      logger.warn(
        { err: error },
        'could not make the resized copies for MEDIA_PUBLIC_URL; run `masthead media variants`',
      );
    }
  })();
  return {
    finished: work,
    async stop() {
      abort.abort();
      await work;
    },
  };
}
