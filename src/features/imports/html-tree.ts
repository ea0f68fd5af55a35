// A small element tree built from htmlparser2's events: enough for the body converters to walk,
// query and serialise again, and flattened past a fixed depth so that hostile nesting can never
// overflow the stack of the recursive walks that follow.
import { Parser } from 'htmlparser2';

export interface HtmlElement {
  kind: 'element';
  name: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
}

export interface HtmlText {
  kind: 'text';
  text: string;
}

export type HtmlNode = HtmlElement | HtmlText;

/** Deeper elements are dropped from the tree and their text kept in the deepest one. */
export const maxTreeDepth = 60;

const voidElements = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

export function parseHtmlTree(html: string): HtmlElement {
  const root: HtmlElement = { kind: 'element', name: '#root', attrs: {}, children: [] };
  // One entry per open tag; null for a tag flattened away by the depth limit.
  const stack: (HtmlElement | null)[] = [];
  let current = root;
  let depth = 0;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (depth >= maxTreeDepth) {
          stack.push(null);
          return;
        }
        const element: HtmlElement = { kind: 'element', name, attrs: { ...attribs }, children: [] };
        current.children.push(element);
        stack.push(current);
        current = element;
        depth += 1;
      },
      onclosetag() {
        const parent = stack.pop();
        if (parent === null || parent === undefined) return;
        current = parent;
        depth -= 1;
      },
      ontext(text) {
        const last = current.children.at(-1);
        if (last?.kind === 'text') last.text += text;
        else current.children.push({ kind: 'text', text });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return root;
}

/** Every descendant element with one of the names, in document order (iterative). */
export function findAll(root: HtmlElement, ...names: string[]): HtmlElement[] {
  const found: HtmlElement[] = [];
  const pending: HtmlNode[] = [...root.children].reverse();
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.kind !== 'element') continue;
    if (names.includes(node.name)) found.push(node);
    for (let index = node.children.length - 1; index >= 0; index -= 1) {
      pending.push(node.children[index] as HtmlNode);
    }
  }
  return found;
}

export function findFirst(root: HtmlElement, ...names: string[]): HtmlElement | undefined {
  return findAll(root, ...names)[0];
}

/** The text of an element and its descendants, as the browser would read it (no markup). */
export function textContent(node: HtmlNode, skip: readonly string[] = []): string {
  if (node.kind === 'text') return node.text;
  if (skip.includes(node.name)) return '';
  if (node.name === 'br') return '\n';
  return node.children.map((child) => textContent(child, skip)).join('');
}

const escapeText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** HTML again, for the parts kept as sanitised raw HTML. */
export function serializeHtml(node: HtmlNode): string {
  if (node.kind === 'text') return escapeText(node.text);
  const inner = node.children.map(serializeHtml).join('');
  if (node.name === '#root') return inner;
  const attrs = Object.entries(node.attrs)
    .filter(([name]) => /^[a-z][a-z0-9_:.-]*$/.test(name))
    .map(([name, value]) => ` ${name}="${escapeAttr(value)}"`)
    .join('');
  if (voidElements.has(node.name)) return `<${node.name}${attrs}>`;
  return `<${node.name}${attrs}>${inner}</${node.name}>`;
}
