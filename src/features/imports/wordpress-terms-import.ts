import { parseInput } from '../../platform/validation.js';
import { tagInputSchema } from '../tags/index.js';
import { checksum } from './import-checksum.js';
import type { ImportPhase } from './import-phase.js';
import { categoryPaths, termSlug } from './wordpress-mapping.js';
import type { FirstPass } from './wordpress-first-pass.js';

/**
 * Categories become sections, tags tags: both are Masthead tags, keyed `category:<nicename>` and
 * `post_tag:<slug>` in the returned map of local ids. Each category's old addresses
 * (`/category/x/`, `/category/parent/x/`) are added to `redirects`, to `/tag/x/`. A tag (or
 * category) at the same address as one before it is merged into that one, with a report line
 * (decision 0018).
 */
export async function importWordPressTerms(
  phase: ImportPhase,
  first: Pick<FirstPass, 'categories' | 'tags'>,
  redirects: Array<{ from: string; to: string }>,
): Promise<Map<string, string>> {
  const { services, report, links, dryRun } = phase;
  const tagIds = new Map<string, string>();
  const categoryAddresses = categoryPaths(first.categories);
  const terms = [
    ...first.categories.map((c) => ({
      key: `category:${c.nicename}`,
      raw: c.nicename,
      slug: termSlug(c.nicename),
      name: c.name,
      description: c.description,
      isCategory: true,
    })),
    ...first.tags.map((t) => ({
      key: `post_tag:${t.slug}`,
      raw: t.slug,
      slug: termSlug(t.slug),
      name: t.name,
      description: t.description,
      isCategory: false,
    })),
  ];
  const knownTerms = await links.find(
    phase.source,
    'tag',
    terms.map((t) => t.key),
  );
  // The first term of the export at each slug: categories come first, so a section wins.
  const atSlug = new Map<string, { key: string; label: string }>();
  const labelOf = (term: (typeof terms)[number]) =>
    `${term.isCategory ? 'category' : 'tag'} "${term.name || term.raw}"`;
  for (const term of terms) {
    report.count('tags', 'found');
    if (term.isCategory)
      for (const from of categoryAddresses.get(term.raw) ?? [])
        redirects.push({ from, to: `/tag/${term.slug}/` });
    const earlier = atSlug.get(term.slug);
    const earlierId = earlier && tagIds.get(earlier.key);
    if (earlier && earlierId) {
      // WordPress keeps categories and tags apart; Masthead has one tag per address. A newsroom
      // with a category "Climate" and a tag "climate" means one subject: one page, /tag/climate/.
      tagIds.set(term.key, earlierId);
      report.note(
        labelOf(term),
        'whole item',
        `shares the address /tag/${term.slug}/ with the ${earlier.label}: merged into it, so its posts carry that one`,
      );
      report.count('tags', 'skipped');
      continue;
    }
    atSlug.set(term.slug, { key: term.key, label: labelOf(term) });
    const local = knownTerms.get(term.key)?.localId ?? (await services.tags.bySlug(term.slug))?.id;
    if (local) {
      tagIds.set(term.key, local);
      report.count('tags', 'unchanged');
      if (!knownTerms.has(term.key) && !dryRun)
        await links.save(phase.db, [phase.link('tag', term.key, local, 'existing')]);
      continue;
    }
    if (dryRun) {
      tagIds.set(term.key, `dry-run-${term.key}`);
      report.count('tags', 'created');
      continue;
    }
    const created = await services.tags.create(
      parseInput(tagInputSchema, {
        name: (term.name || term.slug).slice(0, 80),
        slug: term.slug.slice(0, 80),
        description: term.description.slice(0, 1000),
      }),
    );
    tagIds.set(term.key, created.id);
    await links.save(phase.db, [phase.link('tag', term.key, created.id, checksum(term))]);
    report.count('tags', 'created');
  }
  return tagIds;
}

/** Comments and menus: Masthead has neither, so they are counted and left behind. */
export function reportLeftBehind(
  phase: Pick<ImportPhase, 'report'>,
  first: Pick<FirstPass, 'comments' | 'menuItems'>,
): void {
  const { report } = phase;
  if (first.comments > 0) {
    report.count('comments', 'found', first.comments);
    report.count('comments', 'skipped', first.comments);
    report.note(
      `${first.comments} comments`,
      'whole items',
      'Masthead has no comments: counted and left behind',
    );
  }
  if (first.menuItems > 0) {
    report.count('menus', 'found', first.menuItems);
    report.count('menus', 'skipped', first.menuItems);
    report.note(
      `${first.menuItems} menu items`,
      'whole items',
      'menus are not imported: set the navigation sections in Settings',
    );
  }
}
