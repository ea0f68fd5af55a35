/**
 * A tiny JSX runtime that renders to strings on the server. Text and attribute values are
 * escaped unless they are already `Html` (produced by this runtime or by `raw()`, which only
 * trusted renderers such as the richtext renderer may use).
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Child = Html | string | number | boolean | null | undefined | Child[];
type Props = Record<string, unknown> & { children?: Child };
export type Component<P = Record<string, unknown>> = (props: P & { children?: Child }) => Html;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    type Element = Html;
    interface IntrinsicElements {
      [name: string]: Record<string, unknown>;
    }
    interface ElementChildrenAttribute {
      children: unknown;
    }
  }
}

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

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

export const raw = (html: string): Html => new Html(html);

function renderChild(child: Child): string {
  if (child === null || child === undefined || child === false || child === true) return '';
  if (child instanceof Html) return child.value;
  if (Array.isArray(child)) return child.map(renderChild).join('');
  return escapeHtml(String(child));
}

const attributeName = /^[a-zA-Z_:][a-zA-Z0-9_.:-]*$/;

function renderAttributes(props: Props): string {
  let out = '';
  for (const [name, value] of Object.entries(props)) {
    if (name === 'children' || value === undefined || value === null || value === false) continue;
    if (!attributeName.test(name)) throw new Error(`invalid attribute name: ${name}`);
    if (/^on/i.test(name)) throw new Error(`inline event handlers are not allowed: ${name}`);
    if (value === true) out += ` ${name}`;
    else if (value instanceof Html) out += ` ${name}="${escapeHtml(value.value)}"`;
    else if (typeof value === 'string' || typeof value === 'number')
      out += ` ${name}="${escapeHtml(String(value))}"`;
    else throw new Error(`attribute ${name} must be a string, number or boolean`);
  }
  return out;
}

export function h(tag: string | Component<Props>, props: Props | null, ...children: Child[]): Html {
  const allProps: Props = { ...(props ?? {}) };
  if (children.length > 0) allProps.children = children.length === 1 ? children[0] : children;
  if (typeof tag === 'function') return tag(allProps);
  const attrs = renderAttributes(allProps);
  if (voidElements.has(tag)) return new Html(`<${tag}${attrs}>`);
  return new Html(`<${tag}${attrs}>${renderChild(allProps.children)}</${tag}>`);
}

export function Fragment(props: { children?: Child }): Html {
  return new Html(renderChild(props.children));
}

/** A full document: the doctype is not expressible in JSX. */
export const documentHtml = (root: Html): string => `<!doctype html>${root.value}`;
