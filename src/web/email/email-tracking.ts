import { emailPlaceholders, type EmailTrackingLinks } from '../../features/newsletters/index.js';

/**
 * Adds tracking to an email's final HTML (after juice): the open pixel at the end of the body,
 * and every http(s) link through its signed redirect. Done on the finished string rather than in
 * the components because links come from several places (the story body's renderer, the layout,
 * digest cards) and juice re-serializes the document: one pass over the output sees them all,
 * exactly as sent. The pass is narrow: only `href="…"` on `<a>` elements (our renderer always
 * writes double quotes), values decoded from the entities our escaper writes, placeholders
 * (`%%MH_…%%`, the unsubscribe and manage links) and mailto: left alone. The text part is not
 * touched: its links stay real. With per-member tracking (the newsroom's opt-in) each tracking
 * URL also carries the tracking-token placeholder, filled per recipient like the unsubscribe link
 * — the email is still rendered once; without it the URLs name nobody.
 */
export function addEmailTracking(
  html: string,
  options: {
    emailId: string;
    links: EmailTrackingLinks;
    isTrackingOpens: boolean;
    isTrackingClicks: boolean;
    isTrackingMembers?: boolean | undefined;
  },
): string {
  let out = html;
  const token = options.isTrackingMembers ? emailPlaceholders.trackingToken : undefined;
  if (options.isTrackingClicks) {
    out = out.replace(anchorHref, (whole, before: string, raw: string) => {
      if (raw.includes('%%MH_')) return whole;
      const url = decodeAttribute(raw);
      const tracked = options.links.clickUrl(options.emailId, url, token);
      return tracked === undefined ? whole : `${before}"${encodeAttribute(tracked)}"`;
    });
  }
  if (options.isTrackingOpens) {
    const pixel = `<img src="${encodeAttribute(options.links.pixelUrl(options.emailId, token))}" width="1" height="1" alt="">`;
    const end = out.lastIndexOf('</body>');
    out = end === -1 ? out + pixel : out.slice(0, end) + pixel + out.slice(end);
  }
  return out;
}

/** `<a … href="…"`: the tag's start up to the attribute, then the quoted value. */
const anchorHref = /(<a\b[^>]*?\shref=)"([^"]*)"/gi;

const named: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };

function decodeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|quot|apos|lt|gt);/gi, (_m, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return named[lower] ?? _m;
  });
}

const encodeAttribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
