export { createMediaService } from './media.service.js';
export type { MediaService } from './media.service.js';
export type { MediaFile } from './media-file.js';
export type { MediaItem, MediaMeta, VariantFormat } from './media-item.js';
export {
  variantUrl,
  originalUrl,
  variantKey,
  variantsOf,
  variantWidths,
  availableWidths,
  limits as mediaLimits,
} from './media-item.js';
