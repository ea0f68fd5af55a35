// Zod schemas for node and mark attributes; the attribute types are inferred from them.
// Optional attributes accept `null` (TipTap writes defaults as null) and drop it on output.
import { z } from 'zod';
import { detectEmbedProvider, embedProviders } from './embed-providers.js';
import { documentLimits } from './limits.js';
import { isSafeImageSrc, isSafeLinkHref } from './safe-urls.js';

// C0/C1 controls (bar tab, newline, CR) and lone surrogates have no place in article text.
const INVALID_TEXT =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isValidText(value: string): boolean {
  return !INVALID_TEXT.test(value);
}

export const plainText = (max: number) =>
  z.string().max(max).refine(isValidText, 'Contains control characters');

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === null ? undefined : value), schema.optional());

const linkHref = z
  .string()
  .refine(
    isSafeLinkHref,
    'Link must be an http(s) or mailto: URL, or a site path starting with a single "/"',
  );

const imageSrc = z
  .string()
  .refine(isSafeImageSrc, 'Image must be an http(s) URL or a site path starting with a single "/"');

const id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'Must be an ID');

const dimension = z.number().int().positive().max(100_000);

export const linkAttrsSchema = z.strictObject({ href: linkHref });

export const headingAttrsSchema = z.strictObject({
  level: z.union([z.literal(2), z.literal(3), z.literal(4)], {
    error: 'Heading level must be 2, 3 or 4',
  }),
});

export const orderedListAttrsSchema = z.strictObject({
  start: optional(z.number().int().min(0).max(1_000_000)),
});

export const pullQuoteAttrsSchema = z.strictObject({
  text: plainText(2000).min(1),
  attribution: optional(plainText(500)),
});

export const imageAttrsSchema = z.strictObject({
  mediaId: id.nullable().optional(),
  src: imageSrc,
  alt: plainText(1000),
  caption: optional(plainText(5000)),
  credit: optional(plainText(500)),
  width: optional(dimension),
  height: optional(dimension),
});

export const galleryAttrsSchema = z.strictObject({
  images: z.array(imageAttrsSchema).min(1).max(documentLimits.maxGalleryImages),
});

export const embedAttrsSchema = z
  .strictObject({
    url: z.string().max(documentLimits.maxUrlLength),
    provider: z.enum(embedProviders, { error: 'Unknown embed provider' }),
    title: optional(plainText(500)),
    // oEmbed markup kept for the editor's preview only; renderers never output it.
    html: z.string().max(documentLimits.maxEmbedHtmlLength).nullable().optional(),
    thumbnailUrl: imageSrc.nullable().optional(),
  })
  .superRefine((attrs, ctx) => {
    const provider = detectEmbedProvider(attrs.url);
    if (provider === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'Embed URL is not from an allowed provider',
      });
    } else if (provider !== attrs.provider) {
      ctx.addIssue({
        code: 'custom',
        path: ['provider'],
        message: `Embed URL belongs to provider "${provider}"`,
      });
    }
  });

export const relatedPostAttrsSchema = z.strictObject({ postId: id });

export const factBoxAttrsSchema = z.strictObject({ title: optional(plainText(500)) });

export const rawHtmlAttrsSchema = z.strictObject({
  html: z.string().max(documentLimits.maxRawHtmlLength),
});

export type LinkAttrs = z.output<typeof linkAttrsSchema>;
export type HeadingLevel = z.output<typeof headingAttrsSchema>['level'];
export type HeadingAttrs = z.output<typeof headingAttrsSchema>;
export type OrderedListAttrs = z.output<typeof orderedListAttrsSchema>;
export type PullQuoteAttrs = z.output<typeof pullQuoteAttrsSchema>;
export type ImageAttrs = z.output<typeof imageAttrsSchema>;
export type GalleryAttrs = z.output<typeof galleryAttrsSchema>;
export type EmbedAttrs = z.output<typeof embedAttrsSchema>;
export type RelatedPostAttrs = z.output<typeof relatedPostAttrsSchema>;
export type FactBoxAttrs = z.output<typeof factBoxAttrsSchema>;
export type RawHtmlAttrs = z.output<typeof rawHtmlAttrsSchema>;
