// WCAG 2.1 contrast: the reader site puts white text on accent-coloured buttons and uses the
// accent for links on white, so a light accent makes both hard to read. Shared by the settings
// service (which refuses such a colour) and the admin (which warns while the colour is typed).

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

/**
 * The same hue darkened just enough to reach AA against white (the colour itself when it does);
 * null for an invalid colour. Offered to the newsroom instead of a colour that fails.
 */
export function darkenToContrast(hex: string): string | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) return null;
  const channels = match.slice(1).map((part) => parseInt(part, 16));
  const toHex = (scale: number) =>
    `#${channels
      .map((c) =>
        Math.floor(c * scale)
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')}`;
  for (let step = 100; step >= 0; step -= 1) {
    const candidate = toHex(step / 100);
    if ((contrastWithWhite(candidate) ?? 0) >= minimumContrast) return candidate;
  }
  return '#000000';
}

/** Why a colour fails AA with white, with a darker shade that passes; null when it passes. */
export function accentContrastProblem(hex: string): string | null {
  const ratio = contrastWithWhite(hex);
  if (ratio === null || ratio >= minimumContrast) return null;
  return (
    `has a contrast of ${ratio.toFixed(1)}:1 with white, below the ${minimumContrast}:1 ` +
    `(WCAG AA) that white button text and links on white need; ` +
    `try ${darkenToContrast(hex) ?? 'a darker shade'}`
  );
}
