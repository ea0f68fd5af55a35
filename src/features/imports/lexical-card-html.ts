// HTML a Ghost card needs where the document keeps none of its own.
import type { EmbedAttrs } from '../../shared/richtext/index.js';
import { embedFrame, escapeHtml } from '../../shared/richtext/index.js';

/**
 * An embed's markup when the editor kept no oEmbed HTML: the provider's player in an iframe,
 * or a plain link (Ghost shows the card's `html` as it is).
 */
export function renderEmbedFallback(attrs: EmbedAttrs): string {
  const frame = embedFrame(attrs.provider, attrs.url);
  const title = escapeHtml(attrs.title ?? attrs.url);
  if (frame) {
    return `<iframe src="${escapeHtml(frame.src)}" width="${frame.width}" height="${frame.height}" title="${title}" frameborder="0" allowfullscreen></iframe>`;
  }
  return `<a href="${escapeHtml(attrs.url)}">${title}</a>`;
}
