// Classic WordPress posts store paragraphs as blank lines and line breaks as newlines; the
// theme adds the markup when showing them (wpautop). We do the same, simply: a blank line
// ends a paragraph, a newline inside one is a line break, block elements stand alone, and
// <pre>, <script> and <style> are left exactly as written. A paragraph that is only the
// address of a supported provider becomes an embed, as WordPress's auto-embeds do.
import { detectEmbedProvider } from '../../shared/richtext/index.js';

const BLOCK_TAGS =
  'table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|' +
  'blockquote|address|math|style|script|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|' +
  'header|footer|nav|figure|details|menu|summary|iframe|video|audio|object|embed';

// A blank line goes before every block tag and after every closing one; after an opening tag
// only for containers, whose text becomes paragraphs inside them (not headings or captions).
const CONTAINER_TAGS =
  'table|thead|tfoot|tbody|tr|td|th|div|dl|dd|ul|ol|li|form|blockquote|section|article|aside|' +
  'header|footer|nav|details|fieldset|menu';
const BLOCK_OPEN = new RegExp(`<(?:${BLOCK_TAGS})\\b[^>]{0,2000}>`, 'gi');
const BLOCK_CLOSE = new RegExp(`</(?:${BLOCK_TAGS})>`, 'gi');
const CONTAINER_OPEN = new RegExp(`^<(?:${CONTAINER_TAGS})\\b`, 'i');
const STARTS_WITH_BLOCK = new RegExp(`^(?:</?(?:${BLOCK_TAGS})\\b|\ue000)`, 'i');
const PROTECTED = ['pre', 'script', 'style'];

export function autop(html: string): string {
  if (html.trim() === '') return '';
  const saved: string[] = [];
  const text = protect(html.replace(/\r\n?/g, '\n'), saved)
    .replace(BLOCK_OPEN, (tag) => (CONTAINER_OPEN.test(tag) ? `\n\n${tag}\n\n` : `\n\n${tag}`))
    .replace(BLOCK_CLOSE, '$&\n\n');
  return text
    .split(/\n[ \t]*\n/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '')
    .map((chunk) => {
      if (STARTS_WITH_BLOCK.test(chunk)) return chunk;
      return paragraphs(chunk);
    })
    .join('\n')
    .replace(/\ue000(\d+)\ue000/g, (_, index: string) => saved[Number(index)] ?? '');
}

/** A paragraph's lines, with each line that is only an embeddable address taken out. */
function paragraphs(chunk: string): string {
  const out: string[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length > 0) out.push(`<p>${lines.join('<br>\n')}</p>`);
    lines = [];
  };
  for (const line of chunk.split('\n')) {
    const trimmed = line.trim();
    if (/^https?:\/\/\S+$/i.test(trimmed) && detectEmbedProvider(trimmed) !== undefined) {
      flush();
      out.push(`<iframe src="${trimmed.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"></iframe>`);
    } else {
      lines.push(line);
    }
  }
  flush();
  return out.join('\n');
}

/** Swaps each protected element for a placeholder; an unclosed one runs to the end. */
function protect(html: string, saved: string[]): string {
  const lower = html.toLowerCase();
  if (lower.length !== html.length) return html; // offsets would not match; rare, and harmless
  const out: string[] = [];
  let position = 0;
  // Each element's next opening, searched again only once passed: linear time.
  const next = new Map<string, number>();
  const find = (candidate: string): number => {
    let at = next.get(candidate);
    if (at === undefined || (at >= 0 && at < position)) {
      at = lower.indexOf(`<${candidate}`, position);
      next.set(candidate, at);
    }
    return at;
  };
  for (;;) {
    let start = -1;
    let name = '';
    for (const candidate of PROTECTED) {
      const at = find(candidate);
      if (at >= 0 && (start < 0 || at < start)) {
        start = at;
        name = candidate;
      }
    }
    if (start < 0) break;
    const closer = lower.indexOf(`</${name}>`, start);
    const end = closer < 0 ? html.length : closer + name.length + 3;
    out.push(html.slice(position, start), `\n\n\ue000${saved.length}\ue000\n\n`);
    saved.push(html.slice(start, end));
    position = end;
  }
  out.push(html.slice(position));
  return out.join('');
}
