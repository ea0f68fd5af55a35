// Size limits for article bodies: generous for real journalism, small enough that a hostile
// payload cannot make validation or rendering expensive.
export const documentLimits = {
  maxDepth: 20,
  maxNodes: 20_000,
  maxTextNodeLength: 50_000,
  maxTotalTextLength: 1_000_000,
  maxErrors: 50,
  maxGalleryImages: 30,
  maxUrlLength: 2048,
  maxRawHtmlLength: 100_000,
  maxEmbedHtmlLength: 50_000,
} as const;
