import type { OutboundClient } from '../../platform/http/outbound.js';
import { isAppError } from '../../platform/errors.js';

/** What `--fetch-media` gets for an image address: the bytes, or why not (for the report). */
export type RemoteImage = { bytes: Buffer; name: string } | { problem: string };
export type RemoteImageFetcher = (url: string) => Promise<RemoteImage>;

/**
 * Downloads an old site's images for an import (`--fetch-media`), through the outbound guard:
 * http(s) only, no private, loopback or link-local addresses (DNS answers included), no
 * redirects followed, a deadline per image and a size cap (the media library's). Whether the
 * bytes are an image is decided by the media library from the bytes (sharp), not from the
 * Content-Type the server sent; an answer that says it is HTML or JSON is refused before that.
 */
export function createRemoteImageFetcher(deps: {
  outbound: Pick<OutboundClient, 'get'>;
  maxBytes: number;
}): RemoteImageFetcher {
  return async (url) => {
    let name: string;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        return { problem: 'not an http(s) address' };
      name = decodeURIComponent(parsed.pathname.split('/').at(-1) ?? '') || 'image';
    } catch {
      return { problem: 'not a valid address' };
    }
    try {
      const answer = await deps.outbound.get(url, { maxBytes: deps.maxBytes });
      if (answer.status !== 200) return { problem: `the old site answered ${answer.status}` };
      if (/^(text|application\/(json|xml|xhtml))/i.test(answer.contentType))
        return { problem: `the old site sent ${answer.contentType.split(';')[0]}, not an image` };
      return { bytes: answer.body, name };
    } catch (error) {
      return {
        problem: isAppError(error)
          ? error.message
          : `download failed (${(error as Error).message})`,
      };
    }
  };
}
