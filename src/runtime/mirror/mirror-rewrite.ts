import { escapeHtml } from '../../shared/richtext/index.js';
import { linkTo, mirrorTarget, type MirrorTarget } from './mirror-paths.js';

/** Where the live site is, where the mirror will be, and which page is being written. */
export interface RewriteContext {
  /** PUBLIC_URL without a trailing slash. */
  readonly publicUrl: string;
  /** `--base-url` without a trailing slash; undefined for links relative to the tree. */
  readonly baseUrl: string | undefined;
  readonly from: MirrorTarget;
}

/** A rewritten document and the mirrored addresses it links to (pages, feeds, media). */
export interface Rewritten {
  readonly body: string;
  readonly links: MirrorTarget[];
}

const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** An attribute value as the browser reads it (the entities our renderer and sanitizer write). */
export const decodeAttribute = (value: string): string =>
  value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return entities[name.toLowerCase()] ?? match;
  });

/**
 * What a link becomes in the mirror: a mirrored address → the tree (relative or on the base URL);
 * another address of the live site → the live site's absolute URL (unless the mirror is served
 * at the live site's own address, where it works as it is); anything else stays as it is.
 */
export function rewriteUrl(
  raw: string,
  ctx: RewriteContext,
  options: { isForm?: boolean } = {},
): { value: string; target?: MirrorTarget } {
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return { value: raw };
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^https?:/i.test(trimmed)) return { value: raw };
  let url: URL;
  try {
    url = new URL(trimmed, `${ctx.publicUrl}${ctx.from.url}`);
  } catch {
    return { value: raw };
  }
  const live = new URL(`${ctx.publicUrl}/`);
  if (url.origin !== live.origin || !url.pathname.startsWith(live.pathname)) return { value: raw };
  const pathAndQuery = `/${url.pathname.slice(live.pathname.length)}${url.search}`;
  const target = options.isForm ? undefined : mirrorTarget(pathAndQuery);
  if (target) return { value: linkTo(ctx.from.file, target, ctx.baseUrl) + url.hash, target };
  if (ctx.baseUrl === ctx.publicUrl) return { value: raw };
  return { value: url.href };
}

/** Attributes holding one URL, by element; `srcset` holds several. */
const urlAttributes: Record<string, readonly string[]> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  img: ['src', 'srcset'],
  source: ['src', 'srcset'],
  script: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  form: ['action'],
};

/** A start tag: its name and attributes, quoted values may hold `>` (never `<` unescaped). */
const startTag =
  /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
const attribute = /(\s+)([^\s"'>/=]+)(?:(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/**
 * Rewrites the links of a reader page for the mirror (see `rewriteUrl`), leaving what must name
 * the live site as it is (the canonical link, OpenGraph and JSON-LD) and turning off the live
 * pages' stream (a mirror has none: the page keeps its "Reload for new updates" link). Text,
 * scripts and styles are not touched: our pages escape every `<` in text.
 */
export function rewriteHtml(html: string, ctx: RewriteContext): Rewritten {
  const links = new Map<string, MirrorTarget>();
  const note = (target: MirrorTarget | undefined) => {
    if (target) links.set(target.url, target);
  };
  const body = html.replace(startTag, (tag, rawName: string, attrs: string, close: string) => {
    const name = rawName.toLowerCase();
    const rewritable = urlAttributes[name];
    const isCanonical = name === 'link' && /\srel\s*=\s*["']?canonical\b/i.test(attrs);
    if ((!rewritable || isCanonical) && !attrs.includes('data-live-stream')) return tag;
    const rewrittenAttrs = attrs.replace(
      attribute,
      (
        whole,
        space: string,
        attrName: string,
        equals?: string,
        dq?: string,
        sq?: string,
        bare?: string,
      ) => {
        const lower = attrName.toLowerCase();
        if (lower === 'data-live-stream') return '';
        if (isCanonical || !rewritable?.includes(lower) || equals === undefined) return whole;
        const value = decodeAttribute(dq ?? sq ?? bare ?? '');
        let next: string;
        if (lower === 'srcset') {
          next = value
            .split(',')
            .map((candidate) => {
              const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
              const result = rewriteUrl(url, ctx);
              note(result.target);
              return [result.value, ...descriptor].join(' ');
            })
            .join(', ');
        } else {
          const result = rewriteUrl(value, ctx, { isForm: lower === 'action' });
          note(result.target);
          next = result.value;
        }
        return `${space}${attrName}="${escapeHtml(next)}"`;
      },
    );
    return `<${rawName}${rewrittenAttrs}${close ? ' /' : ''}>`;
  });
  return { body, links: [...links.values()] };
}

/** Every `<loc>` of a sitemap or sitemap index that the mirror holds. */
export function sitemapLinks(xml: string, ctx: RewriteContext): MirrorTarget[] {
  const links = new Map<string, MirrorTarget>();
  for (const match of xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)) {
    const { target } = rewriteUrl(decodeAttribute(match[1] ?? ''), ctx);
    if (target) links.set(target.url, target);
  }
  return [...links.values()];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A feed, sitemap or robots.txt for the mirror. Their URLs must be absolute: with `--base-url`
 * the live site's addresses the mirror holds are moved to it (except the entries' ids, `<guid>`
 * and JSON Feed `id`, which stay, so a reader following both sees each story once); without one
 * they keep naming the live site.
 */
export function rewriteFeed(
  text: string,
  ctx: RewriteContext,
  kind: 'xml' | 'json' | 'text',
): string {
  if (ctx.baseUrl === undefined || ctx.baseUrl === ctx.publicUrl) return text;
  const base = ctx.baseUrl;
  const url = new RegExp(`${escapeRegExp(ctx.publicUrl)}(/(?:[^\\s"'<>&\\\\]|&amp;)*)`, 'g');
  const move = (part: string) =>
    part.replace(url, (whole, path: string) => {
      const isXml = kind === 'xml';
      const target = mirrorTarget(isXml ? path.replace(/&amp;/g, '&') : path);
      if (!target) return whole;
      const moved = linkTo('', target, base);
      return isXml ? moved.replace(/&/g, '&amp;') : moved;
    });
  // Ids stay: split them out, move the rest.
  const ids =
    kind === 'xml'
      ? /<guid\b[^>]*>[^<]*<\/guid>/g
      : kind === 'json'
        ? /"id"\s*:\s*"[^"]*"/g
        : /$^/g;
  let out = '';
  let last = 0;
  for (const match of text.matchAll(ids)) {
    out += move(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + move(text.slice(last));
}
