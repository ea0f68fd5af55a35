/**
 * The accent colour lightened for text on the dark background (AA contrast): the newsroom picks
 * one colour for light pages, and dark pages need a lighter one.
 */
export function mixWithWhite(hex: string, share: number): string {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `#${channels
    .map((c) =>
      Math.round(c + (255 - c) * share)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
