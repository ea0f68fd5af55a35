// Inline content to HTML. Marks are opened and closed like ProseMirror's serializer does, so a
// link spanning bold and plain text becomes one <a>, not one per text node.
import type { InlineNode, Mark, MarkType } from './document.js';
import { escapeHtml } from './escape-html.js';
import { isHttpUrl, isSafeLinkHref, parseUrl } from './safe-urls.js';

export type LinkOptions = {
  /** e.g. `https://news.example`; absolute links to it are not treated as external. */
  siteOrigin?: string;
};

// Outermost first, so links wrap formatting and `code` sits innermost.
const markRank: Record<MarkType, number> = {
  link: 0,
  bold: 1,
  italic: 2,
  strike: 3,
  superscript: 4,
  subscript: 5,
  code: 6,
};

const markTags: Record<Exclude<MarkType, 'link'>, string> = {
  bold: 'strong',
  italic: 'em',
  strike: 's',
  code: 'code',
  superscript: 'sup',
  subscript: 'sub',
};

export function renderInlineHtml(
  content: readonly InlineNode[] | undefined,
  options: LinkOptions = {},
): string {
  let html = '';
  const open: Mark[] = [];
  for (const node of content ?? []) {
    const marks = (node.marks ?? [])
      // Defence in depth: a link that would not pass validation renders as plain text.
      .filter((mark) => mark.type !== 'link' || isSafeLinkHref(mark.attrs.href))
      .sort((a, b) => markRank[a.type] - markRank[b.type]);
    let kept = 0;
    while (kept < open.length && kept < marks.length && isSameMark(open[kept], marks[kept])) {
      kept += 1;
    }
    html += closeMarks(open, kept);
    for (const mark of marks.slice(kept)) {
      html += openTag(mark, options);
      open.push(mark);
    }
    html += node.type === 'text' ? escapeHtml(node.text) : '<br>';
  }
  return html + closeMarks(open, 0);
}

/** `<a href="…">` with rel="noopener noreferrer" when the link leaves the site. */
export function linkOpenTag(href: string, options: LinkOptions = {}): string {
  const rel = isExternalLink(href, options) ? ' rel="noopener noreferrer"' : '';
  return `<a href="${escapeHtml(href)}"${rel}>`;
}

export function isExternalLink(href: string, options: LinkOptions = {}): boolean {
  if (!isHttpUrl(href)) return false;
  const site = options.siteOrigin === undefined ? undefined : parseUrl(options.siteOrigin);
  return site === undefined || parseUrl(href)?.origin !== site.origin;
}

function isSameMark(a: Mark | undefined, b: Mark | undefined): boolean {
  if (!a || !b || a.type !== b.type) return false;
  return a.type !== 'link' || (b.type === 'link' && a.attrs.href === b.attrs.href);
}

function openTag(mark: Mark, options: LinkOptions): string {
  return mark.type === 'link' ? linkOpenTag(mark.attrs.href, options) : `<${markTags[mark.type]}>`;
}

/** Pops and closes open marks until only `keep` remain. */
function closeMarks(open: Mark[], keep: number): string {
  let html = '';
  while (open.length > keep) {
    const mark = open.pop();
    if (mark) html += closeTag(mark);
  }
  return html;
}

function closeTag(mark: Mark): string {
  return mark.type === 'link' ? '</a>' : `</${markTags[mark.type]}>`;
}
