// Helpers the Ghost card handlers share: card visibility, plain-text fields, link paragraphs.
import type { Block, InlineNode, ParagraphNode } from '../../shared/richtext/index.js';
import { htmlToInline, htmlToPlainText } from './card-html.js';
import type { GhostContext } from './ghost-context.js';
import { cleanText, isRecord, shorten, stringField } from './ghost-context.js';
import { InlineBuilder, plainStyle } from './inline-builder.js';

export type CardNode = Record<string, unknown> & { type: string };
export type CardHandler = (node: CardNode, ctx: GhostContext) => Block[];

type Audience = 'everyone' | 'nobody' | 'some';

function audienceOf(visibility: unknown): Audience {
  if (!isRecord(visibility)) return 'everyone';
  if (isRecord(visibility.web)) {
    const { nonMember, memberSegment } = visibility.web;
    const segments =
      typeof memberSegment === 'string'
        ? memberSegment.split(',').map((part) => part.trim())
        : ['status:free', 'status:-free'];
    const reachesFree = segments.includes('status:free');
    const reachesPaid = segments.includes('status:-free');
    const reachesVisitors = nonMember !== false;
    if (reachesVisitors && reachesFree && reachesPaid) return 'everyone';
    if (!reachesVisitors && !reachesFree && !reachesPaid) return 'nobody';
    return 'some';
  }
  // The older format: `segment` only ever applied to email.
  if (visibility.emailOnly === true) return 'nobody';
  if (visibility.emailOnly === undefined && visibility.showOnWeb === false) return 'nobody';
  return 'everyone';
}

/**
 * Whether a card is shown to every reader of the post on the web. A card Ghost hid from the web
 * is email-only; one shown to some members only has no equivalent (Masthead gates whole posts),
 * and showing it to everyone could leak paid content, so both are left out with a report line.
 */
export function isShownOnWeb(node: CardNode, ctx: GhostContext): boolean {
  const audience = audienceOf(node.visibility);
  if (audience === 'nobody') ctx.drop(node.type, 'Hidden on the web in Ghost (email only)');
  if (audience === 'some') {
    ctx.drop(
      node.type,
      'Shown only to some readers in Ghost; Masthead has no per-block audience, so it was left out',
    );
  }
  return audience === 'everyone';
}

/**
 * A plain-text attribute from a text field (or, with `isHtml`, an HTML one such as a caption),
 * whitespace collapsed, shortened (and reported) past `max`.
 */
export function plainField(
  ctx: GhostContext,
  kind: string,
  what: string,
  value: unknown,
  max: number,
  isHtml = false,
): string {
  const raw = stringField(value);
  const text = cleanText(isHtml ? htmlToPlainText(raw) : raw)
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  ctx.drop(kind, `${what} shortened to ${max} characters`);
  return shorten(text, max);
}

export function paragraph(content: InlineNode[]): ParagraphNode {
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

/** A caption (HTML) as a paragraph after a block that has no caption of its own. */
export function captionParagraph(caption: unknown, ctx: GhostContext, kind: string): Block[] {
  const content = htmlToInline(stringField(caption), ctx, kind);
  return content.length > 0 ? [paragraph(content)] : [];
}

/**
 * A paragraph holding one link; an unsafe address keeps the text and is reported. `label`
 * defaults to the address itself.
 */
export function linkParagraph(
  ctx: GhostContext,
  kind: string,
  url: unknown,
  label: string,
): ParagraphNode | undefined {
  const href = ctx.linkHref(url);
  const raw = stringField(url).trim();
  if (href === undefined && raw !== '') {
    ctx.drop(kind, `Link to "${raw.slice(0, 200)}" is not a safe address; its text was kept`);
  }
  const text = label.trim() !== '' ? label : (href ?? '');
  if (text === '') return undefined;
  const out = new InlineBuilder();
  out.text(text, href === undefined ? plainStyle : { ...plainStyle, href });
  return paragraph(out.build());
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname || url;
  } catch {
    return url;
  }
}

export function positiveDimension(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number > 0 && number <= 100_000
    ? number
    : undefined;
}
