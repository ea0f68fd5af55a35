import type { Metadata, default as SharpFunction } from 'sharp';
import { loadOnFirstUse } from '../../platform/load-on-first-use.js';
import { AppError } from '../../platform/errors.js';
import { limits, type VariantFormat } from './media-item.js';
import type { ImageType } from './image-type.js';

type Sharp = typeof SharpFunction;
/** sharp, loaded by the first image processed (not at start). */
const sharpModule = loadOnFirstUse<Sharp>('sharp');
const sharp = ((...args: Parameters<Sharp>) => sharpModule()(...args)) as Sharp;

const invalid = (message: string) =>
  new AppError({
    code: 'INVALID_IMAGE',
    status: 400,
    message,
    problems: [{ field: 'file', message }],
  });

/**
 * Reads the header only (no pixel decode) to refuse decompression bombs, then re-encodes:
 * orientation applied, all metadata (EXIF GPS included) dropped, bounded size.
 */
export async function normaliseImage(bytes: Buffer, type: ImageType) {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw invalid('file is not a readable image');
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (width === 0 || height === 0) throw invalid('file is not a readable image');
  if (width * height > limits.maxPixels) {
    throw invalid(
      `image is ${width}×${height}; the limit is ${limits.maxPixels.toLocaleString('en-US')} pixels`,
    );
  }
  const animated = type === 'gif' || type === 'webp';
  try {
    let pipeline = sharp(bytes, { limitInputPixels: limits.maxPixels, animated }).rotate().resize({
      width: limits.maxStoredSide,
      height: limits.maxStoredSide,
      fit: 'inside',
      withoutEnlargement: true,
    });
    pipeline =
      type === 'jpeg'
        ? pipeline.jpeg({ quality: 90, mozjpeg: true })
        : type === 'png'
          ? pipeline.png()
          : type === 'gif'
            ? pipeline.gif()
            : type === 'webp'
              ? pipeline.webp({ quality: 90 })
              : pipeline.avif({ quality: 70, effort: 2 });
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.pageHeight ?? info.height };
  } catch {
    throw invalid('file is not a readable image');
  }
}

export async function renderVariant(
  original: Buffer,
  width: number,
  format: VariantFormat,
): Promise<Buffer> {
  const pipeline = sharp(original, { limitInputPixels: limits.maxPixels }).resize({
    width,
    withoutEnlargement: true,
  });
  return format === 'webp'
    ? pipeline.webp({ quality: 78, effort: 3 }).toBuffer()
    : pipeline
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 80, mozjpeg: true, progressive: true })
        .toBuffer();
}
