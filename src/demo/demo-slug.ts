// URL slugs for generated posts: lowercase ASCII words joined by hyphens.

const MAX_LENGTH = 72;

export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_LENGTH) return slug || 'post';
  const cut = slug.slice(0, MAX_LENGTH);
  const lastHyphen = cut.lastIndexOf('-');
  return lastHyphen > 20 ? cut.slice(0, lastHyphen) : cut;
}

/** Hands out unique slugs, adding `-2`, `-3`… to repeats. Holds every slug it has seen. */
export function createSlugRegistry(): (base: string) => string {
  const seen = new Map<string, number>();
  return (base) => {
    const uses = seen.get(base);
    if (uses === undefined) {
      seen.set(base, 1);
      return base;
    }
    let attempt = uses + 1;
    while (seen.has(`${base}-${attempt}`)) attempt++;
    seen.set(base, attempt);
    const slug = `${base}-${attempt}`;
    seen.set(slug, 1);
    return slug;
  };
}
