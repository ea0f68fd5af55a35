import { siteSettingsPatchSchema } from '../settings/index.js';
import type { ImportPhase } from './import-phase.js';
import type { SmallTables } from './ghost-small-tables.js';
import { checksum } from './import-checksum.js';

/**
 * The newsroom's name, description, time zone and colour, only into a newsroom that has not
 * named itself yet (a fresh install): an import never renames a working site.
 */
export async function importGhostSite(phase: ImportPhase, small: SmallTables): Promise<void> {
  const { services, report } = phase;
  const { title, description, timezone, accent_color: accent } = small.site;
  const patch = siteSettingsPatchSchema.safeParse({
    ...(title ? { siteName: title.slice(0, 80) } : {}),
    ...(description ? { description: description.slice(0, 300) } : {}),
    ...(timezone ? { timezone } : {}),
    ...(accent ? { accentColor: accent } : {}),
  });
  if (!patch.success) {
    report.note(
      'settings',
      'site name, description, time zone, colour',
      "not valid here: kept this site's own",
    );
    return;
  }
  if (Object.keys(patch.data).length === 0) return;
  const current = await services.settings.get();
  if (current.siteName !== 'Masthead') {
    report.note(
      'settings',
      'site name, description, time zone, colour',
      `this newsroom is already named "${current.siteName}": kept its own`,
    );
    return;
  }
  if (!phase.dryRun) await services.settings.update(patch.data);
}

/** Ghost's newsletters; one the newsroom has under the same slug is left as it is. */
export async function importGhostNewsletters(
  phase: ImportPhase,
  small: SmallTables,
): Promise<void> {
  const { services, report, links } = phase;
  const known = await links.find(
    phase.source,
    'newsletter',
    small.newsletters.map((n) => n.id),
  );
  for (const letter of small.newsletters) {
    report.count('newsletters', 'found');
    const slug = letter.slug ?? undefined;
    if (known.has(letter.id) || (slug && (await services.newsletters.bySlug(slug)))) {
      report.count('newsletters', 'unchanged');
      continue;
    }
    if (phase.dryRun) {
      report.count('newsletters', 'created');
      continue;
    }
    const created = await services.newsletters.create({
      name: letter.name.slice(0, 120),
      ...(slug ? { slug: slug.slice(0, 80) } : {}),
      description: (letter.description ?? '').slice(0, 2000),
      senderName: letter.sender_name,
      subscribeOnSignup: letter.subscribe_on_signup,
      status: letter.status === 'archived' ? 'archived' : 'active',
    });
    await links.save(phase.db, [phase.link('newsletter', letter.id, created.id, checksum(letter))]);
    report.count('newsletters', 'created');
  }
}
