// Embeds never output the stored oEmbed html: trusted players get an iframe whose src we build
// from the extracted ID (privacy-enhanced hosts, sandboxed, lazy); everything else a link card.
import type { EmbedAttrs } from './document.js';
import { embedFrame, embedProviderLabels } from './embed-providers.js';
import { escapeHtml } from './escape-html.js';
import { isHttpUrl, isSafeImageSrc, parseUrl } from './safe-urls.js';

const SANDBOX =
  'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation';
// Players such as YouTube refuse to play without a Referer; the origin alone is enough.
const REFERRER_POLICY = 'strict-origin-when-cross-origin';

export function renderEmbedHtml(attrs: EmbedAttrs): string {
  if (!isHttpUrl(attrs.url)) return '';
  const label = embedProviderLabels[attrs.provider];
  const frame = embedFrame(attrs.provider, attrs.url);
  const className = `embed embed--${escapeHtml(attrs.provider)}`;
  if (frame) {
    const title = escapeHtml(attrs.title ?? `${label} embed`);
    const allow = frame.isVideo
      ? ' allow="fullscreen; picture-in-picture; encrypted-media" allowfullscreen'
      : ' allow="encrypted-media"';
    return (
      `<figure class="${className}"><iframe src="${escapeHtml(frame.src)}" title="${title}"` +
      ` width="${frame.width}" height="${frame.height}" loading="lazy"` +
      ` referrerpolicy="${REFERRER_POLICY}" sandbox="${SANDBOX}"${allow}></iframe></figure>`
    );
  }
  const thumbnail =
    attrs.thumbnailUrl && isSafeImageSrc(attrs.thumbnailUrl)
      ? `<img class="embed-card__thumbnail" src="${escapeHtml(attrs.thumbnailUrl)}" alt="" loading="lazy" decoding="async">`
      : '';
  return (
    `<figure class="${className} embed-card"><a class="embed-card__link" href="${escapeHtml(attrs.url)}" rel="noopener noreferrer">` +
    thumbnail +
    `<span class="embed-card__title">${escapeHtml(attrs.title ?? `View on ${label}`)}</span>` +
    `<span class="embed-card__url">${escapeHtml(displayUrl(attrs.url))}</span></a></figure>`
  );
}

/** `www.instagram.com/p/abc` — what a reader needs to judge where the link goes. */
function displayUrl(value: string): string {
  const url = parseUrl(value);
  if (!url) return value;
  const path = url.pathname === '/' ? '' : url.pathname;
  return `${url.hostname}${path}`;
}
