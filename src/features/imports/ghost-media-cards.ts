// Ghost's media cards: image, gallery, embed, bookmark, audio, video, file.
import type { Block, GalleryNode, ImageAttrs } from '../../shared/richtext/index.js';
import {
  detectEmbedProvider,
  documentLimits,
  sanitizeRawHtml,
} from '../../shared/richtext/index.js';
import type { CardHandler, CardNode } from './ghost-card-support.js';
import {
  captionParagraph,
  hostOf,
  isShownOnWeb,
  linkParagraph,
  paragraph,
  plainField,
  positiveDimension,
} from './ghost-card-support.js';
import type { GhostContext } from './ghost-context.js';
import { isRecord, stringField } from './ghost-context.js';
import { InlineBuilder, plainStyle } from './inline-builder.js';

function imageAttrs(
  image: Record<string, unknown>,
  ctx: GhostContext,
  kind: string,
): ImageAttrs | undefined {
  const raw = stringField(image.src).trim();
  const src = ctx.imageSrc(raw);
  if (src === undefined) {
    ctx.drop(
      kind,
      raw === ''
        ? 'Image without an address'
        : `Image address "${raw.slice(0, 200)}" is not usable`,
    );
    return undefined;
  }
  const attrs: ImageAttrs = { src, alt: plainField(ctx, kind, 'Alt text', image.alt, 1000) };
  const caption = plainField(ctx, kind, 'Caption', image.caption, 5000, true);
  if (caption !== '') attrs.caption = caption;
  const width = positiveDimension(image.width);
  const height = positiveDimension(image.height);
  if (width !== undefined) attrs.width = width;
  if (height !== undefined) attrs.height = height;
  return attrs;
}

const image: CardHandler = (node, ctx) => {
  const attrs = imageAttrs(node, ctx, 'image');
  if (!attrs) return [];
  const href = stringField(node.href).trim();
  if (href !== '') {
    ctx.drop('image', `The image linked to "${href.slice(0, 200)}"; figures carry no link`);
  }
  return [{ type: 'figure', attrs }];
};

const gallery: CardHandler = (node, ctx) => {
  const images = (Array.isArray(node.images) ? node.images : [])
    .filter(isRecord)
    .map((item) => imageAttrs(item, ctx, 'gallery'))
    .filter((attrs) => attrs !== undefined);
  // Masthead caps a gallery's size; a bigger one becomes several in a row, nothing is lost.
  const galleries: GalleryNode[] = [];
  for (let at = 0; at < images.length; at += documentLimits.maxGalleryImages) {
    galleries.push({
      type: 'gallery',
      attrs: { images: images.slice(at, at + documentLimits.maxGalleryImages) },
    });
  }
  if (galleries.length === 0) ctx.drop('gallery', 'Gallery without usable images');
  return [...galleries, ...captionParagraph(node.caption, ctx, 'gallery')];
};

const embed: CardHandler = (node, ctx) => {
  if (!isShownOnWeb(node, ctx)) return [];
  const url = ctx.absolute(stringField(node.url));
  const metadata = isRecord(node.metadata) ? node.metadata : {};
  const title = plainField(ctx, 'embed', 'Title', metadata.title ?? node.title, 500);
  const caption = captionParagraph(node.caption, ctx, 'embed');
  const provider = detectEmbedProvider(url);
  if (provider !== undefined) {
    const attrs = title === '' ? { url, provider } : { url, provider, title };
    return [{ type: 'embed', attrs }, ...caption];
  }
  const link = ctx.linkHref(url);
  if (link !== undefined) {
    ctx.drop('embed', `Embeds from ${hostOf(link)} are not supported; kept as a link`);
    return [linkParagraph(ctx, 'embed', link, title)!, ...caption];
  }
  const html = sanitizeRawHtml(stringField(node.html)).trim();
  if (html !== '' && html.length <= documentLimits.maxRawHtmlLength) {
    ctx.drop(
      'embed',
      'Embed without a supported address; kept as sanitised HTML (players removed)',
    );
    return [{ type: 'rawHtml', attrs: { html } }, ...caption];
  }
  ctx.drop('embed', 'Embed without a usable address or HTML');
  return caption;
};

/** A bookmark becomes a paragraph: the linked title, then the description on its own line. */
const bookmark: CardHandler = (node, ctx) => {
  const metadata = isRecord(node.metadata) ? node.metadata : node;
  const title = plainField(ctx, 'bookmark', 'Title', metadata.title ?? node.title, 2000);
  const description = plainField(ctx, 'bookmark', 'Description', metadata.description, 5000);
  const link = linkParagraph(ctx, 'bookmark', node.url, title);
  if (!link) {
    ctx.drop('bookmark', 'Bookmark without an address or title');
    return captionParagraph(node.caption, ctx, 'bookmark');
  }
  const content = new InlineBuilder();
  for (const part of link.content ?? []) {
    if (part.type === 'text') {
      const href = part.marks?.find((mark) => mark.type === 'link')?.attrs.href;
      content.text(part.text, href === undefined ? plainStyle : { ...plainStyle, href });
    }
  }
  if (description !== '') {
    content.hardBreak();
    content.text(description);
  }
  return [paragraph(content.build()), ...captionParagraph(node.caption, ctx, 'bookmark')];
};

function mediaLink(node: CardNode, ctx: GhostContext, label: string, player: string): Block[] {
  if (node.type === 'video' && !isShownOnWeb(node, ctx)) return [];
  const link = linkParagraph(ctx, node.type, node.src, label);
  if (!link) {
    ctx.drop(node.type, 'Card without a file address');
    return [];
  }
  ctx.drop(node.type, `${player}; kept as a link to the file`);
  return [link];
}

const audio: CardHandler = (node, ctx) =>
  mediaLink(
    node,
    ctx,
    plainField(ctx, 'audio', 'Title', node.title, 2000) || 'Listen to the audio',
    'Ghost’s audio player is not carried over',
  );

const video: CardHandler = (node, ctx) => [
  ...mediaLink(
    node,
    ctx,
    plainField(ctx, 'video', 'Title', node.fileName, 2000) || 'Watch the video',
    'Ghost’s video player is not carried over',
  ),
  ...captionParagraph(node.caption, ctx, 'video'),
];

const file: CardHandler = (node, ctx) => {
  const title =
    plainField(ctx, 'file', 'Title', node.fileTitle, 2000) ||
    plainField(ctx, 'file', 'Name', node.fileName, 2000) ||
    'Download the file';
  const caption = plainField(ctx, 'file', 'Caption', node.fileCaption, 5000);
  const blocks = mediaLink(node, ctx, title, 'Ghost’s file card is not carried over');
  return caption === '' || blocks.length === 0
    ? blocks
    : [...blocks, paragraph([{ type: 'text', text: caption }])];
};

export const mediaCards: Record<string, CardHandler> = {
  image,
  gallery,
  embed,
  bookmark,
  audio,
  video,
  file,
};
