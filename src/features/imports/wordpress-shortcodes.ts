// WordPress shortcodes in imported content. `[caption]` becomes a figure and `[gallery]` a
// gallery when its attachments are in the export; `[embed]` an embed when the provider is one
// we support; every other shortcode is removed (an enclosing one keeps its content) with a
// report line naming it. Plugins that defined them are gone, so their output cannot be made.
// A bare `[word]` that is not a known shortcode stays as text: writers use brackets too
// ("[sic]", "[1]").
import { detectEmbedProvider } from '../../shared/richtext/index.js';
import type { DropLog } from './conversion-result.js';
import { findFirst, parseHtmlTree, serializeHtml, textContent } from './html-tree.js';

export interface ShortcodeOptions {
  /** The address of an attachment in the same export, by its post id. */
  attachmentUrl?: (id: number) => string | undefined;
  /**
   * The post's own attachments (those uploaded to it), in WordPress's gallery order: what a
   * `[gallery]` without `ids` shows.
   */
  childAttachments?: ReadonlyArray<{ id: number; url: string }>;
}

const knownShortcodes = new Set([
  'caption',
  'wp_caption',
  'gallery',
  'audio',
  'video',
  'playlist',
  'embed',
  'contact-form',
  'contact-form-7',
  'googlemaps',
  'youtube',
  'vimeo',
  'soundcloud',
  'tweet',
  'instagram',
  'slideshow',
  'portfolio',
  'recipe',
  'wpvideo',
]);

/** Players whose content (fallback links) goes with them. */
const players = new Set(['audio', 'video', 'playlist', 'wpvideo']);

const TAG = /\[(\/?)([A-Za-z][\w-]*)(?=[\s/\]])([^[\]]{0,2000})\]/y;
const ATTR = /([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'"]+))/g;

interface Tag {
  isCloser: boolean;
  name: string;
  /** As written: WordPress matches closers case-sensitively. */
  rawName: string;
  attrs: Record<string, string>;
  isSelfClosing: boolean;
  hasNamedAttrs: boolean;
  end: number;
}

function readTag(text: string, at: number): Tag | undefined {
  TAG.lastIndex = at;
  const match = TAG.exec(text);
  if (!match) return undefined;
  const [whole, closer, name = '', rawAttrs = ''] = match;
  const attrs: Record<string, string> = {};
  for (const attr of rawAttrs.matchAll(ATTR)) {
    attrs[(attr[1] ?? '').toLowerCase()] = attr[2] ?? attr[3] ?? attr[4] ?? '';
  }
  return {
    isCloser: closer === '/',
    name: name.toLowerCase(),
    rawName: name,
    attrs,
    isSelfClosing: rawAttrs.trimEnd().endsWith('/'),
    hasNamedAttrs: Object.keys(attrs).length > 0,
    end: at + whole.length,
  };
}

const escapeAttr = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const escapeText = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function expandShortcodes(html: string, options: ShortcodeOptions, log: DropLog): string {
  if (!html.includes('[')) return html;
  const out: string[] = [];
  // Where each closer was last found (or -1: none after that point), so that looking for
  // closers stays linear however many openers there are.
  const closerCache = new Map<string, { from: number; at: number }>();
  const findCloser = (name: string, from: number): number => {
    const cached = closerCache.get(name);
    if (cached && cached.from <= from && (cached.at === -1 || cached.at >= from)) return cached.at;
    const at = html.indexOf(`[/${name}]`, from);
    closerCache.set(name, { from, at });
    return at;
  };
  const removed = new Set<string>();
  let position = 0;
  for (let at = html.indexOf('[', position); at >= 0; at = html.indexOf('[', position)) {
    // `[[name]]` is WordPress's way to write a literal `[name]`.
    if (html[at + 1] === '[') {
      const inner = readTag(html, at + 1);
      if (inner && html[inner.end] === ']') {
        out.push(html.slice(position, at), html.slice(at + 1, inner.end));
        position = inner.end + 1;
        continue;
      }
    }
    const tag = readTag(html, at);
    if (!tag) {
      out.push(html.slice(position, at + 1));
      position = at + 1;
      continue;
    }
    out.push(html.slice(position, at));
    if (tag.isCloser) {
      // Closers of shortcodes we removed (or know) go too; any other stays as text.
      if (!removed.has(tag.name) && !knownShortcodes.has(tag.name))
        out.push(html.slice(at, tag.end));
      position = tag.end;
      continue;
    }
    const closer = tag.isSelfClosing ? -1 : findCloser(tag.rawName, tag.end);
    const isShortcode =
      knownShortcodes.has(tag.name) || tag.hasNamedAttrs || tag.isSelfClosing || closer >= 0;
    if (!isShortcode) {
      out.push(html.slice(at, tag.end));
      position = tag.end;
      continue;
    }
    const content = closer >= 0 ? html.slice(tag.end, closer) : '';
    const after = closer >= 0 ? closer + tag.rawName.length + 3 : tag.end;
    if (tag.name === 'caption' || tag.name === 'wp_caption') {
      out.push(caption(tag.attrs, content, log));
      position = after;
    } else if (tag.name === 'gallery') {
      out.push(gallery(tag.attrs, options, log));
      position = tag.end;
    } else if (tag.name === 'embed') {
      out.push(embed(content.trim(), log));
      position = after;
    } else if (players.has(tag.name)) {
      log.add(
        `[${tag.name}]`,
        `The [${tag.name}] shortcode was removed: its player is not carried over`,
      );
      position = after;
    } else {
      log.add(
        `[${tag.name}]`,
        `The [${tag.name}] shortcode was removed; its content, if any, is kept`,
      );
      removed.add(tag.name);
      position = tag.end;
    }
  }
  out.push(html.slice(position));
  return out.join('');
}

function caption(attrs: Record<string, string>, content: string, log: DropLog): string {
  const tree = parseHtmlTree(content);
  const img = findFirst(tree, 'img');
  const text = attrs.caption ?? textContent(tree, ['script', 'style']);
  if (!img) {
    log.add('[caption]', 'A [caption] shortcode without an image was kept as text');
    return `<p>${escapeText(text)}</p>`;
  }
  if (attrs.width !== undefined && img.attrs.width === undefined) img.attrs.width = attrs.width;
  return `<figure>${serializeHtml(img)}<figcaption>${escapeText(text.trim())}</figcaption></figure>`;
}

function gallery(attrs: Record<string, string>, options: ShortcodeOptions, log: DropLog): string {
  const idList = (list: string | undefined) =>
    (list ?? '')
      .split(',')
      .map((id) => Number.parseInt(id.trim(), 10))
      .filter((id) => Number.isInteger(id) && id > 0);
  const isOwnImages = attrs.ids === undefined && attrs.include === undefined;
  const excluded = new Set(idList(attrs.exclude));
  // `[gallery]` alone shows the images uploaded to the post (WordPress's default).
  const own = isOwnImages
    ? (options.childAttachments ?? []).filter((each) => !excluded.has(each.id))
    : [];
  const ids = isOwnImages ? own.map((each) => each.id) : idList(attrs.ids ?? attrs.include);
  const urls = isOwnImages
    ? own.map((each) => each.url)
    : ids.flatMap((id) => options.attachmentUrl?.(id) ?? []);
  if (urls.length === 0) {
    log.add(
      '[gallery]',
      'A [gallery] shortcode was removed: its images are not listed in the export',
    );
    return '';
  }
  if (urls.length < ids.length) {
    log.add(
      '[gallery]',
      `${ids.length - urls.length} images of a [gallery] were not found in the export`,
    );
  }
  return `<figure class="gallery">${urls.map((url) => `<img src="${escapeAttr(url)}" alt="">`).join('')}</figure>`;
}

function embed(url: string, log: DropLog): string {
  if (detectEmbedProvider(url) !== undefined) return `<iframe src="${escapeAttr(url)}"></iframe>`;
  log.add('[embed]', 'An [embed] of a provider Masthead does not embed was kept as a link');
  return /^https?:\/\//i.test(url)
    ? `<p><a href="${escapeAttr(url)}">${escapeText(url)}</a></p>`
    : '';
}
