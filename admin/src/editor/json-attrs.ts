// Atom blocks keep all their attributes in one `data-attrs` JSON attribute when ProseMirror
// serialises them (copy, cut, drag), so pasting inside the editor restores them exactly.
// Nothing outside the editor reads this markup: the site renders from the stored document.

export const dataAttrsKey = 'data-attrs';

export function readDataAttrs(element: HTMLElement): Record<string, unknown> {
  const raw = element.getAttribute(dataAttrsKey);
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

export function writeDataAttrs(attrs: Record<string, unknown>): string {
  // undefined values (absent optional attributes) vanish in JSON, as they should.
  return JSON.stringify(attrs);
}
