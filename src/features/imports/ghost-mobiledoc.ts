// Ghost's older Mobiledoc bodies (the `posts.mobiledoc` column) as a Masthead document. The
// sections are rewritten into Lexical's node shapes (as Ghost's own mobiledoc-to-lexical
// converter does) and handed to the one Lexical walker, so every card is handled in one place.
import type { BodyConversion, BodyConversionOptions } from './body-conversion.js';
import { convertBlocks } from './ghost-blocks.js';
import { GhostContext, isRecord, own, stringField } from './ghost-context.js';
import { parseJsonBody } from './ghost-lexical.js';
import { finishConversion } from './finish-conversion.js';

type LexicalNode = Record<string, unknown> & { type: string };

// Section type ids from the Mobiledoc 0.3 format.
const MARKUP_SECTION = 1;
const IMAGE_SECTION = 2;
const LIST_SECTION = 3;
const CARD_SECTION = 10;

// Lexical's format bits for Mobiledoc's markup tags (underline is kept as a bit and then
// ignored by the walker, as in Lexical bodies).
const formatOfTag: Record<string, number> = {
  strong: 1,
  b: 1,
  em: 2,
  i: 2,
  s: 4,
  strike: 4,
  del: 4,
  u: 8,
  code: 16,
  sub: 32,
  sup: 64,
};

// Card names whose Lexical node type differs (kg-converters mobiledoc-to-lexical).
const cardTypes: Record<string, string> = {
  hr: 'horizontalrule',
  code: 'codeblock',
  'card-markdown': 'markdown',
};

const sectionTags: Record<string, { type: string; tag?: string }> = {
  p: { type: 'paragraph' },
  h1: { type: 'heading', tag: 'h1' },
  h2: { type: 'heading', tag: 'h2' },
  h3: { type: 'heading', tag: 'h3' },
  h4: { type: 'heading', tag: 'h4' },
  h5: { type: 'heading', tag: 'h5' },
  h6: { type: 'heading', tag: 'h6' },
  blockquote: { type: 'quote' },
  aside: { type: 'aside' },
  'pull-quote': { type: 'aside' },
};

type Markup = { tag: string; href?: string };

class MobiledocReader {
  private readonly markups: Markup[];
  private readonly atoms: unknown[];
  private readonly cards: unknown[];

  constructor(
    doc: Record<string, unknown>,
    private readonly ctx: GhostContext,
  ) {
    this.atoms = Array.isArray(doc.atoms) ? doc.atoms : [];
    this.cards = Array.isArray(doc.cards) ? doc.cards : [];
    this.markups = (Array.isArray(doc.markups) ? doc.markups : []).map((markup) => {
      if (!Array.isArray(markup)) return { tag: '' };
      const tag = stringField(markup[0]).toLowerCase();
      const attrs: unknown[] = Array.isArray(markup[1]) ? markup[1] : [];
      const hrefAt = attrs.findIndex((value, index) => index % 2 === 0 && value === 'href');
      const href = hrefAt >= 0 ? attrs[hrefAt + 1] : undefined;
      return typeof href === 'string' ? { tag, href } : { tag };
    });
  }

  sections(sections: unknown[]): LexicalNode[] {
    const out: LexicalNode[] = [];
    for (const section of sections) {
      const node = Array.isArray(section) ? this.section(section) : undefined;
      if (node) out.push(node);
      else this.ctx.drop('mobiledoc', 'A section of an unknown kind was left out');
    }
    return out;
  }

  private section(section: unknown[]): LexicalNode | undefined {
    const [kind, first, second] = section;
    if (kind === MARKUP_SECTION) {
      const tag = stringField(first).toLowerCase();
      const shape = own(sectionTags, tag) ?? { type: 'paragraph' };
      return { ...shape, children: this.markers(second) };
    }
    if (kind === LIST_SECTION) {
      const items: unknown[] = Array.isArray(second) ? second : [];
      return {
        type: 'list',
        listType: stringField(first).toLowerCase() === 'ol' ? 'number' : 'bullet',
        children: items.map((markers) => ({ type: 'listitem', children: this.markers(markers) })),
      };
    }
    if (kind === CARD_SECTION)
      return this.card(typeof first === 'number' ? this.cards[first] : undefined);
    if (kind === IMAGE_SECTION) return { type: 'image', src: stringField(first) };
    return undefined;
  }

  private card(card: unknown): LexicalNode {
    if (!Array.isArray(card) || typeof card[0] !== 'string') {
      return { type: 'mobiledoc-card', reason: 'missing' };
    }
    const name = card[0];
    const payload = isRecord(card[1]) ? card[1] : {};
    const type = own(cardTypes, name) ?? name;
    const node: LexicalNode = { ...payload, type };
    if (type === 'embed') node.embedType = payload.type;
    return node;
  }

  /** Markers become Lexical text, link and line-break nodes. */
  private markers(markers: unknown): LexicalNode[] {
    const out: LexicalNode[] = [];
    const open: Markup[] = [];
    let link: LexicalNode | undefined;
    for (const marker of Array.isArray(markers) ? markers : []) {
      if (!Array.isArray(marker)) continue;
      // 0.3: [type, opened, closed, value]; 0.2: [opened, closed, text].
      const parts: unknown[] = marker;
      const [type, opened, closed, value] = Array.isArray(parts[0])
        ? [0, parts[0], parts[1], parts[2]]
        : parts;
      for (const index of Array.isArray(opened) ? opened : []) {
        const markup = typeof index === 'number' ? this.markups[index] : undefined;
        open.push(markup ?? { tag: '' });
      }
      const node = type === 1 ? this.atom(value) : this.text(value, open);
      const href = [...open].reverse().find((markup) => markup.tag === 'a')?.href;
      if (node && href !== undefined) {
        if (link?.url !== href) {
          link = { type: 'link', url: href, children: [] };
          out.push(link);
        }
        (link.children as LexicalNode[]).push(node);
      } else if (node) {
        link = undefined;
        out.push(node);
      }
      const count = typeof closed === 'number' && closed > 0 ? Math.min(closed, open.length) : 0;
      open.splice(open.length - count, count);
      if (!open.some((markup) => markup.tag === 'a')) link = undefined;
    }
    return out;
  }

  private text(value: unknown, open: Markup[]): LexicalNode | undefined {
    if (typeof value !== 'string' || value === '') return undefined;
    let format = 0;
    for (const markup of open) format |= own(formatOfTag, markup.tag) ?? 0;
    return { type: 'text', text: value, format };
  }

  private atom(index: unknown): LexicalNode | undefined {
    const atom = typeof index === 'number' ? this.atoms[index] : undefined;
    if (!Array.isArray(atom)) return undefined;
    if (atom[0] === 'soft-return') return { type: 'linebreak' };
    const text = stringField(atom[1]);
    if (text === '') {
      this.ctx.drop(`atom ${stringField(atom[0])}`.trim(), 'Unknown atom without text; left out');
      return undefined;
    }
    return { type: 'text', text, format: 0 };
  }
}

export function mobiledocToDocument(
  mobiledocJson: string | object,
  options: BodyConversionOptions,
): BodyConversion {
  const ctx = new GhostContext(options.siteUrl);
  const value = parseJsonBody(mobiledocJson, 'mobiledoc', ctx);
  if (!isRecord(value) || !Array.isArray(value.sections)) {
    if (value !== undefined) ctx.drop('mobiledoc', 'No Mobiledoc sections; nothing could be read');
    return finishConversion([], ctx);
  }
  const nodes = new MobiledocReader(value, ctx).sections(value.sections);
  return finishConversion(convertBlocks(nodes, ctx, 0), ctx);
}
