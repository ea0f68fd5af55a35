// Cleans HTML pasted from Google Docs, Word or a web page before ProseMirror parses it, so the
// story keeps its structure: headings fit our three levels, Word's paragraph-lists become lists,
// links keep only safe addresses, tables become fact boxes, and images we cannot bring in are
// taken out and named (the admin may not fetch other sites: its CSP allows `connect-src 'self'`,
// and hot-linking someone else's picture is not publishing it). DOM-only, no editor: the unit
// tests run it under happy-dom, the browser under its own DOMParser.
import { isSafeLinkHref, isSitePath, parseUrl } from '@shared/richtext/safe-urls.js';
import { writeDataAttrs } from './json-attrs.js';

export interface DroppedImage {
  /** The image's address as pasted (`data:` ones shortened). */
  src: string;
  /** Its alt text, if it had one. */
  alt: string;
}

export interface CleanedPaste {
  html: string;
  droppedImages: DroppedImage[];
}

export interface CleanPasteOptions {
  /** Parses an HTML string; `new DOMParser()` in the browser. */
  parser: { parseFromString(html: string, type: 'text/html'): Document };
  /** The site's origin: pictures already on our site are kept as images. */
  siteOrigin: string;
}

const HEADING_LEVEL: Record<string, string> = { H1: 'h2', H5: 'h4', H6: 'h4' };

// Word marks its bullets and numbers with this style on a span that browsers would show.
const WORD_LIST_MARKER = /mso-list:\s*ignore/i;
const WORD_LIST_LEVEL = /mso-list:[^;"]*\blevel(\d+)/i;
const ORDERED_MARKER = /^\s*(?:\d+|[a-z]|[ivxlc]+)[.)]/i;

/** Cleans one paste. HTML that ProseMirror itself copied (`data-pm-slice`) passes untouched. */
export function cleanPastedHtml(html: string, options: CleanPasteOptions): CleanedPaste {
  if (html.includes('data-pm-slice')) return { html, droppedImages: [] };
  const doc = options.parser.parseFromString(html, 'text/html');
  const body = doc.body;

  for (const el of all(body, 'script, style, meta, link, title, template, noscript, svg, source'))
    el.remove();
  removeComments(body);
  // Google Docs wraps the whole copy in <b style="font-weight:normal" id="docs-internal-guid-…">.
  for (const el of all(body, 'b[id^="docs-internal-guid"]')) unwrap(el);
  // Word's empty <o:p> paragraphs marks (a namespaced tag no selector can name portably).
  for (const el of all(body, '*').filter((e) => e.tagName.toLowerCase() === 'o:p')) unwrap(el);

  wordLists(body);
  for (const el of all(body, 'p.MsoQuote, p.MsoIntenseQuote')) rename(el, 'blockquote');
  for (const el of all(body, 'h1, h5, h6')) rename(el, HEADING_LEVEL[el.tagName] ?? 'h4');
  nestListsInItems(body);
  links(body);
  for (const table of all(body, 'table').reverse()) tableToFactBox(table);
  const droppedImages = images(body, options.siteOrigin);
  for (const el of all(body, 'picture')) unwrap(el);

  return { html: body.innerHTML, droppedImages };
}

const all = (root: Element, selector: string): Element[] => [...root.querySelectorAll(selector)];

function unwrap(el: Element): void {
  el.replaceWith(...el.childNodes);
}

function rename(el: Element, tag: string): Element {
  const renamed = el.ownerDocument.createElement(tag);
  renamed.append(...el.childNodes);
  el.replaceWith(renamed);
  return renamed;
}

function removeComments(root: Element): void {
  const comments: ChildNode[] = [];
  const visit = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 8) comments.push(child);
      else visit(child);
    }
  };
  visit(root);
  for (const comment of comments) comment.remove();
}

/**
 * Word (desktop) writes lists as paragraphs styled `mso-list: l0 level1 lfo1`, each starting with
 * its bullet or number in a hidden span. Runs of them become real nested lists.
 */
function wordLists(body: Element): void {
  const isListParagraph = (node: Element | null): node is Element =>
    node !== null &&
    node.tagName === 'P' &&
    (WORD_LIST_LEVEL.test(node.getAttribute('style') ?? '') ||
      /MsoListParagraph/.test(node.className));

  for (const first of all(body, 'p')) {
    if (!first.isConnected || !isListParagraph(first)) continue;
    if (isListParagraph(first.previousElementSibling)) continue;
    const run: Element[] = [];
    for (let p: Element | null = first; isListParagraph(p); p = p.nextElementSibling) run.push(p);

    const doc = body.ownerDocument;
    const root = { level: 0, list: null as Element | null, item: null as Element | null };
    const stack = [root];
    let outermost: Element | null = null;
    for (const p of run) {
      const level = Number(WORD_LIST_LEVEL.exec(p.getAttribute('style') ?? '')?.[1] ?? '1');
      const markers = all(p, 'span').filter((s) =>
        WORD_LIST_MARKER.test(s.getAttribute('style') ?? ''),
      );
      const marker = markers.map((s) => s.textContent ?? '').join('');
      for (const span of markers) span.remove();
      while (stack.length > 1 && stack[stack.length - 1]!.level > level) stack.pop();
      let top = stack[stack.length - 1]!;
      if (top.level < level || !top.list) {
        const list = doc.createElement(ORDERED_MARKER.test(marker) ? 'ol' : 'ul');
        if (top.item) top.item.append(list);
        else outermost = list;
        top = { level, list, item: null };
        stack.push(top);
      }
      const item = doc.createElement('li');
      const paragraph = doc.createElement('p');
      paragraph.append(...p.childNodes);
      item.append(paragraph);
      top.list!.append(item);
      top.item = item;
    }
    if (outermost) run[0]!.replaceWith(outermost);
    for (const p of run) p.remove();
  }
}

/** Google Docs nests a list straight inside a list; the model wants it inside the item before. */
function nestListsInItems(body: Element): void {
  for (const list of all(body, 'ul > ul, ul > ol, ol > ul, ol > ol')) {
    const previous = list.previousElementSibling;
    if (previous?.tagName === 'LI') previous.append(list);
    else list.replaceWith(wrapIn(list, 'li'));
  }
}

function wrapIn(el: Element, tag: string): Element {
  const wrapper = el.ownerDocument.createElement(tag);
  el.replaceWith(wrapper);
  wrapper.append(el);
  return wrapper;
}

/** Keeps links with a safe address (http(s), mailto:, a site path); other anchors keep only text. */
function links(body: Element): void {
  for (const a of all(body, 'a')) {
    const href = unredirect((a.getAttribute('href') ?? '').trim());
    if (!isSafeLinkHref(href)) {
      unwrap(a);
      continue;
    }
    for (const name of a.getAttributeNames()) a.removeAttribute(name);
    a.setAttribute('href', href);
  }
}

/** Google Docs sometimes routes links through google.com/url?q=<the real address>. */
function unredirect(href: string): string {
  const url = parseUrl(href);
  if (url && /(^|\.)google\.[a-z.]+$/.test(url.hostname) && url.pathname === '/url') {
    return url.searchParams.get('q') ?? href;
  }
  return href;
}

const cellText = (cell: Element): string => (cell.textContent ?? '').replace(/\s+/g, ' ').trim();

/**
 * A data table becomes a fact box (the model has no table): its caption the title, one paragraph
 * per row, "Header: value" when the table has a header row, else "First cell: the rest". A layout
 * table (holding headings, lists or other tables) is unwrapped instead.
 */
function tableToFactBox(table: Element): void {
  const doc = table.ownerDocument;
  const rows = all(table, 'tr').filter((tr) => tr.closest('table') === table);
  const isLayout =
    table.querySelector('table, h1, h2, h3, h4, h5, h6, ul, ol, blockquote') !== null;
  if (isLayout || rows.length === 0) {
    const cells = rows.flatMap((tr) => all(tr, ':scope > td, :scope > th'));
    const parts = cells.map((cell) => {
      const div = doc.createElement('div');
      div.append(...cell.childNodes);
      return div;
    });
    table.replaceWith(...parts);
    return;
  }
  const cellsOf = (tr: Element) => all(tr, ':scope > td, :scope > th');
  const first = rows[0]!;
  const hasHeader =
    first.parentElement?.tagName === 'THEAD' || cellsOf(first).every((c) => c.tagName === 'TH');
  const header = hasHeader ? cellsOf(first).map(cellText) : [];
  const box = doc.createElement('div');
  box.setAttribute('data-node', 'factBox');
  const title = cellText(table.querySelector(':scope > caption') ?? doc.createElement('span'));
  box.setAttribute('data-attrs', writeDataAttrs(title ? { title } : {}));

  for (const tr of hasHeader ? rows.slice(1) : rows) {
    const values = cellsOf(tr).map(cellText);
    if (values.every((v) => v === '')) continue;
    const p = doc.createElement('p');
    const pairs: [string, string][] =
      hasHeader && header.length > 1
        ? values.map((v, i) => [header[i] ?? '', v])
        : [[values[0] ?? '', values.slice(1).join(' · ')]];
    pairs
      .filter(([, value], i) => value !== '' || i === 0)
      .forEach(([label, value], i) => {
        if (i > 0) p.append(doc.createTextNode(' · '));
        if (label && value) {
          const strong = doc.createElement('strong');
          strong.textContent = `${label}:`;
          p.append(strong, doc.createTextNode(` ${value}`));
        } else p.append(doc.createTextNode(label || value));
      });
    box.append(p);
  }
  if (hasHeader && header.length === 1) {
    const heading = doc.createElement('p');
    const strong = doc.createElement('strong');
    strong.textContent = header[0] ?? '';
    heading.append(strong);
    box.prepend(heading);
  }
  table.replaceWith(box);
}

/** The paragraph (and spans) that only held a removed picture would stay as an empty line. */
function removeIfEmpty(el: Element, body: Element): void {
  let current: Element | null = el;
  while (
    current &&
    current !== body &&
    (current.textContent ?? '').trim() === '' &&
    current.querySelector('img, [data-node], br, hr') === null
  ) {
    const parent: Element | null = current.parentElement;
    current.remove();
    current = parent;
  }
}

/**
 * Pictures already on our site stay, as image blocks; any other is taken out and reported, for
 * the writer to upload it (or ask for it) knowingly.
 */
function images(body: Element, siteOrigin: string): DroppedImage[] {
  const dropped: DroppedImage[] = [];
  const doc = body.ownerDocument;
  for (const img of all(body, 'img')) {
    const src = (img.getAttribute('src') ?? '').trim();
    const alt = (img.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim();
    const url = parseUrl(src);
    const sitePath = isSitePath(src)
      ? src
      : url && url.origin === siteOrigin
        ? `${url.pathname}${url.search}`
        : undefined;
    if (sitePath && isSitePath(sitePath)) {
      const figure = doc.createElement('div');
      figure.setAttribute('data-node', 'figure');
      figure.setAttribute('data-attrs', writeDataAttrs({ src: sitePath, alt }));
      img.replaceWith(figure);
      continue;
    }
    const parent = img.parentElement;
    img.remove();
    if (parent) removeIfEmpty(parent, body);
    if (src === '' && alt === '') continue;
    dropped.push({ src: src.startsWith('data:') ? `${src.slice(0, 30)}…` : src, alt });
  }
  return dropped;
}
