// TipTap JSON ⇄ the stored document model. The schema already enforces nesting; this pass drops
// what the model lacks (link target/rel/class, null optional attributes, empty optional text),
// leaves out blocks that are still incomplete (an empty pull quote, a gallery with no images)
// and trims the empty paragraph TipTap keeps at the end, so what we save validates.
import type { JSONContent } from '@tiptap/core';
import type {
  Block,
  BlockquoteChild,
  Doc,
  FactBoxChild,
  HeadingAttrs,
  ImageAttrs,
  InlineNode,
  ListItemChild,
  ListItemNode,
  Mark,
  SimpleMarkType,
} from '@shared/richtext/document.js';
import { allowedChildren, simpleMarkTypes } from '@shared/richtext/document.js';
import { detectEmbedProvider } from '@shared/richtext/embed-providers.js';
import { documentLimits } from '@shared/richtext/limits.js';
import { isSafeImageSrc, isSafeLinkHref } from '@shared/richtext/safe-urls.js';

type Attrs = Record<string, unknown>;

// The characters the model refuses in text (see isValidText): C0/C1 controls bar tab, LF, CR.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ID = /^[A-Za-z0-9_-]{1,100}$/;

const cleanText = (value: unknown): string =>
  typeof value === 'string'
    ? value.replace(CONTROL_CHARS, '').replace(LONE_SURROGATE, '\ufffd')
    : '';

/** An optional text attribute: absent unless it has visible content. */
const optionalText = (value: unknown): string | undefined => {
  const text = cleanText(value);
  return text.trim() === '' ? undefined : text;
};

const dimension = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 100_000
    ? value
    : undefined;

/** Copies the defined entries only, so absent attributes do not appear as `undefined` keys. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

export function toDocument(json: JSONContent): Doc {
  const content = blocks(json.content, allowedChildren.doc);
  while (isEmptyParagraph(content.at(-1))) content.pop();
  return { type: 'doc', content };
}

/** The stored document as TipTap content; ProseMirror needs at least one block. */
export function fromDocument(doc: Doc): JSONContent {
  const content = doc.content.length > 0 ? doc.content : [{ type: 'paragraph' }];
  return { type: 'doc', content };
}

const isEmptyParagraph = (block: Block | undefined) =>
  block?.type === 'paragraph' && !block.content?.length;

function blocks(nodes: JSONContent[] | undefined, allowed: readonly string[]): Block[] {
  return (nodes ?? [])
    .filter((node) => node.type !== undefined && allowed.includes(node.type))
    .map(block)
    .filter((node): node is Block => node !== undefined);
}

function block(node: JSONContent): Block | undefined {
  const attrs: Attrs = node.attrs ?? {};
  switch (node.type) {
    case 'paragraph': {
      const content = inline(node.content);
      return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
    }
    case 'heading': {
      const level = Math.min(4, Math.max(2, Number(attrs.level) || 2)) as HeadingAttrs['level'];
      const content = inline(node.content);
      return content.length
        ? { type: 'heading', attrs: { level }, content }
        : { type: 'heading', attrs: { level } };
    }
    case 'bulletList': {
      const items = listItems(node.content);
      return items.length ? { type: 'bulletList', content: items } : undefined;
    }
    case 'orderedList': {
      const items = listItems(node.content);
      if (!items.length) return undefined;
      const start = attrs.start;
      const hasStart = typeof start === 'number' && Number.isInteger(start) && start >= 0;
      // 1 is where a list starts anyway; TipTap writes it on every list.
      return hasStart && start !== 1 && start <= 1_000_000
        ? { type: 'orderedList', attrs: { start }, content: items }
        : { type: 'orderedList', content: items };
    }
    case 'blockquote': {
      const content = blocks(node.content, allowedChildren.blockquote) as BlockquoteChild[];
      return content.length ? { type: 'blockquote', content } : undefined;
    }
    case 'factBox': {
      const content = blocks(node.content, allowedChildren.factBox) as FactBoxChild[];
      return {
        type: 'factBox',
        attrs: defined({ title: optionalText(attrs.title) }),
        content: content.length ? content : [{ type: 'paragraph' }],
      };
    }
    case 'pullQuote': {
      const text = optionalText(attrs.text);
      return text === undefined
        ? undefined
        : {
            type: 'pullQuote',
            attrs: defined({ text, attribution: optionalText(attrs.attribution) }),
          };
    }
    case 'figure': {
      const image = imageAttrs(attrs);
      return image && { type: 'figure', attrs: image };
    }
    case 'gallery': {
      const list: unknown[] = Array.isArray(attrs.images) ? attrs.images : [];
      const images = list
        .map((item) =>
          item !== null && typeof item === 'object' ? imageAttrs(item as Attrs) : undefined,
        )
        .filter((item): item is ImageAttrs => item !== undefined)
        .slice(0, documentLimits.maxGalleryImages);
      return images.length ? { type: 'gallery', attrs: { images } } : undefined;
    }
    case 'embed':
      return embed(attrs);
    case 'relatedPost': {
      const postId = attrs.postId;
      return typeof postId === 'string' && ID.test(postId)
        ? { type: 'relatedPost', attrs: { postId } }
        : undefined;
    }
    case 'horizontalRule':
      return { type: 'horizontalRule' };
    case 'rawHtml': {
      const html = typeof attrs.html === 'string' ? attrs.html : '';
      return html.trim() ? { type: 'rawHtml', attrs: { html } } : undefined;
    }
    default:
      return undefined;
  }
}

function listItems(nodes: JSONContent[] | undefined): ListItemNode[] {
  return (nodes ?? [])
    .filter((node) => node.type === 'listItem')
    .map((node) => {
      const content = blocks(node.content, allowedChildren.listItem) as ListItemChild[];
      return { type: 'listItem', content: content.length ? content : [{ type: 'paragraph' }] };
    });
}

function imageAttrs(attrs: Attrs): ImageAttrs | undefined {
  const { src, mediaId } = attrs;
  if (typeof src !== 'string' || !isSafeImageSrc(src)) return undefined;
  return defined({
    // The model keeps an explicit null ("not from the library"), so only absence is dropped.
    mediaId:
      mediaId === null || (typeof mediaId === 'string' && ID.test(mediaId)) ? mediaId : undefined,
    src,
    alt: cleanText(attrs.alt),
    caption: optionalText(attrs.caption),
    credit: optionalText(attrs.credit),
    width: dimension(attrs.width),
    height: dimension(attrs.height),
  });
}

function embed(attrs: Attrs): Block | undefined {
  const url = typeof attrs.url === 'string' ? attrs.url.trim() : '';
  const provider = detectEmbedProvider(url);
  if (!provider || url.length > documentLimits.maxUrlLength) return undefined;
  const { html, thumbnailUrl } = attrs;
  return {
    type: 'embed',
    attrs: defined({
      url,
      provider,
      title: optionalText(attrs.title),
      html: html === null || typeof html === 'string' ? html : undefined,
      thumbnailUrl:
        thumbnailUrl === null || (typeof thumbnailUrl === 'string' && isSafeImageSrc(thumbnailUrl))
          ? thumbnailUrl
          : undefined,
    }),
  };
}

function inline(nodes: JSONContent[] | undefined): InlineNode[] {
  const out: InlineNode[] = [];
  for (const node of nodes ?? []) {
    const marks = marksOf(node.marks);
    const withMarks = marks.length ? { marks } : {};
    if (node.type === 'hardBreak') out.push({ type: 'hardBreak', ...withMarks });
    if (node.type !== 'text') continue;
    const text = cleanText(node.text);
    if (text) out.push({ type: 'text', text, ...withMarks });
  }
  return out;
}

function marksOf(marks: JSONContent['marks']): Mark[] {
  const out: Mark[] = [];
  const seen = new Set<string>();
  for (const mark of marks ?? []) {
    if (seen.has(mark.type)) continue;
    if (mark.type === 'link') {
      const href: unknown = mark.attrs?.href;
      if (typeof href === 'string' && isSafeLinkHref(href)) {
        out.push({ type: 'link', attrs: { href } });
        seen.add(mark.type);
      }
    } else if ((simpleMarkTypes as readonly string[]).includes(mark.type)) {
      out.push({ type: mark.type as SimpleMarkType });
      seen.add(mark.type);
    }
  }
  return out;
}
