// WCAG 2.1 contrast: the reader site puts white text on accent-coloured buttons and uses the
// accent for links on white, so a light accent makes both hard to read.

/** Relative luminance of `#rrggbb` (WCAG 2.1 definition), or null for anything else. */
export function luminance(hex: string): number | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) return null;
  const [r, g, b] = match.slice(1).map((part) => {
    const c = parseInt(part, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of the colour against white (1 to 21), or null for an invalid colour. */
export function contrastWithWhite(hex: string): number | null {
  const l = luminance(hex);
  return l === null ? null : 1.05 / (l + 0.05);
}

/** WCAG AA for normal-size text. */
export const minimumContrast = 4.5;
