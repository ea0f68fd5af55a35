export { createMediaService } from './media.service.js';
export type { MediaService } from './media.service.js';
export type { MediaItem, MediaMeta, VariantFormat } from './media-item.js';
export {
  variantUrl,
  originalUrl,
  variantWidths,
  availableWidths,
  limits as mediaLimits,
} from './media-item.js';
