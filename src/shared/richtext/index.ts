// The article document model: types, validation and renderers. Pure code, no Node built-ins;
// also bundled into the admin app.
export type * from './document.js';
export { allowedChildren, markTypes, simpleMarkTypes } from './document.js';
export {
  embedAttrsSchema,
  factBoxAttrsSchema,
  galleryAttrsSchema,
  headingAttrsSchema,
  imageAttrsSchema,
  linkAttrsSchema,
  orderedListAttrsSchema,
  pullQuoteAttrsSchema,
  rawHtmlAttrsSchema,
  relatedPostAttrsSchema,
} from './node-attrs.js';
export { documentLimits } from './limits.js';
export type {
  DocumentError,
  DocumentIssue,
  PathSegment,
  ValidateDocumentOptions,
  ValidateDocumentResult,
} from './validate-document.js';
export { formatPath, parseDocument, validateDocument } from './validate-document.js';
export { documentSchema } from './document-schema.js';
export { sanitizeRawHtml } from './sanitize-raw-html.js';
export { isSafeImageSrc, isSafeLinkHref, isSitePath } from './safe-urls.js';
export type { EmbedFrame, EmbedProvider } from './embed-providers.js';
export {
  detectEmbedProvider,
  embedFrame,
  embedFrameOrigins,
  embedProviderLabels,
  embedProviders,
} from './embed-providers.js';
export type { ImageRenderAttrs, RelatedPostSummary, RenderHtmlContext } from './render-html.js';
export { renderHtml } from './render-html.js';
export type { RenderTextContext } from './render-text.js';
export { renderText } from './render-text.js';
export type { HeadingAnchor } from './heading-ids.js';
export { collectHeadings, slugify } from './heading-ids.js';
export {
  collectMediaIds,
  collectRelatedPostIds,
  countWords,
  deriveExcerpt,
  readingMinutes,
  readingMinutesOf,
} from './document-stats.js';
export { escapeHtml } from './escape-html.js';
export { forEachNode } from './walk-document.js';
export { sampleDocument, sampleDocumentWithoutRawHtml } from './fixtures.js';
