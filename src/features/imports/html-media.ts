// Images, galleries and embeds found in imported HTML, as document nodes.
import type {
  EmbedNode,
  FigureNode,
  GalleryNode,
  ImageAttrs,
} from '../../shared/richtext/index.js';
import { detectEmbedProvider, documentLimits } from '../../shared/richtext/index.js';
import type { DropLog } from './conversion-result.js';
import type { HtmlElement } from './html-tree.js';
import { findAll, findFirst, textContent } from './html-tree.js';
import { absoluteUrl, importImageSrc } from './import-urls.js';
import { plainLine } from './inline-runs.js';

function dimension(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d{1,6}\s*(px)?\s*$/i.test(value)) return undefined;
  const number = Number.parseInt(value, 10);
  return number > 0 && number <= 100_000 ? number : undefined;
}

export interface ImageSource {
  src: string;
  alt?: string;
  caption?: string;
  width?: string;
  height?: string;
}

/** Figure attributes, or undefined (reported) when the address is not one we can keep. */
export function imageAttrs(
  source: ImageSource,
  siteUrl: string,
  log: DropLog,
): ImageAttrs | undefined {
  const src = importImageSrc(source.src, siteUrl);
  if (src === undefined) {
    log.add(
      'img',
      source.src.trim() === ''
        ? 'An image without an address was left out'
        : `An image at an address Masthead cannot use was left out: ${source.src.slice(0, 80)}`,
    );
    return undefined;
  }
  const attrs: ImageAttrs = { src, alt: plainLine(source.alt ?? '', 1000) };
  const caption = plainLine(source.caption ?? '', 5000);
  if (caption !== '') attrs.caption = caption;
  const width = dimension(source.width);
  const height = dimension(source.height);
  if (width !== undefined) attrs.width = width;
  if (height !== undefined) attrs.height = height;
  return attrs;
}

/** Lazy-loading themes keep the real address in a data attribute. */
export function imgSource(img: HtmlElement, caption?: string): ImageSource {
  const { attrs } = img;
  const candidates = [
    attrs.src,
    attrs['data-src'],
    attrs['data-lazy-src'],
    attrs['data-orig-file'],
  ];
  const src =
    candidates.find((value) => value !== undefined && !/^\s*data:/i.test(value)) ?? attrs.src ?? '';
  return { src, alt: attrs.alt, caption, width: attrs.width, height: attrs.height };
}

export function figureNode(attrs: ImageAttrs): FigureNode {
  return { type: 'figure', attrs };
}

/** One figure for one image, galleries of at most the model's size for more. */
export function imagesToBlocks(images: ImageAttrs[]): (FigureNode | GalleryNode)[] {
  if (images.length === 1) return [figureNode(images[0] as ImageAttrs)];
  const blocks: GalleryNode[] = [];
  for (let start = 0; start < images.length; start += documentLimits.maxGalleryImages) {
    blocks.push({
      type: 'gallery',
      attrs: { images: images.slice(start, start + documentLimits.maxGalleryImages) },
    });
  }
  return blocks;
}

/**
 * The images of a `<figure>` (or gallery list) with each one's own caption: the nearest
 * `<figcaption>` in the image's own figure or list item, else the outer caption for a single one.
 */
export function figureImages(figure: HtmlElement, siteUrl: string, log: DropLog): ImageAttrs[] {
  const items = findAll(figure, 'figure', 'li').filter((item) => findAll(item, 'img').length === 1);
  const captionOf = new Map<HtmlElement, string>();
  for (const item of items) {
    const img = findFirst(item, 'img') as HtmlElement;
    const caption = findFirst(item, 'figcaption');
    if (caption) captionOf.set(img, textContent(caption));
  }
  const imgs = findAll(figure, 'img');
  const outer = figure.children.find(
    (child): child is HtmlElement => child.kind === 'element' && child.name === 'figcaption',
  );
  if (imgs.length === 1 && outer && !captionOf.has(imgs[0] as HtmlElement)) {
    captionOf.set(imgs[0] as HtmlElement, textContent(outer));
  }
  return imgs.flatMap((img) => imageAttrs(imgSource(img, captionOf.get(img)), siteUrl, log) ?? []);
}

export function embedNode(url: string, siteUrl: string): EmbedNode | undefined {
  const absolute = absoluteUrl(url.trim(), siteUrl);
  if (absolute === undefined || absolute.length > documentLimits.maxUrlLength) return undefined;
  const provider = detectEmbedProvider(absolute);
  return provider === undefined ? undefined : { type: 'embed', attrs: { url: absolute, provider } };
}

/** Twitter/X, Instagram and TikTok paste a blockquote with a script; the post's URL is inside. */
export function socialEmbedUrl(blockquote: HtmlElement): string | undefined {
  const classes = (blockquote.attrs.class ?? '').split(/\s+/);
  if (classes.includes('instagram-media')) return blockquote.attrs['data-instgrm-permalink'];
  if (classes.includes('tiktok-embed')) return blockquote.attrs.cite;
  if (classes.includes('twitter-tweet') || classes.includes('twitter-video')) {
    const links = findAll(blockquote, 'a').map((a) => a.attrs.href ?? '');
    return links.reverse().find((href) => /\/status(es)?\/\d+/.test(href));
  }
  return undefined;
}
