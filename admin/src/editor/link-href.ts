// What people type into the link field ("example.org/x", "tips@example.org") as an href the
// document model accepts; anything else is returned trimmed for the safety check to judge.
export function normaliseHref(value: string): string {
  const href = value.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/')) return href;
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(href)) return `mailto:${href}`;
  if (/^[^\s/]+\.[a-z]{2,}(\/|$)/i.test(href)) return `https://${href}`;
  return href;
}
