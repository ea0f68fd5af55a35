import { parseInput } from '../../platform/validation.js';
import { createStaffInputSchema } from '../staff/index.js';
import { checksum } from './import-checksum.js';
import type { ImportPhase } from './import-phase.js';
import type { WxrAuthor } from './wxr-records.js';

/**
 * WordPress's authors as staff accounts, suspended without passwords until invited; an author
 * whose email the newsroom already has is that staff member. Returns author ids by login.
 */
export async function importWordPressAuthors(
  phase: ImportPhase,
  authors: readonly WxrAuthor[],
): Promise<Map<string, string>> {
  const { services, report, links, dryRun } = phase;
  const authorIds = new Map<string, string>();
  const knownAuthors = await links.find(
    phase.source,
    'author',
    authors.map((a) => a.login),
  );
  for (const author of authors) {
    report.count('staff', 'found');
    const known = knownAuthors.get(author.login);
    const email = author.email.trim().toLowerCase();
    const existing =
      known?.localId ??
      (email
        ? await services.staff
            .byEmail(email)
            .then(async (u) => u && (await services.authors.byUserId(u.id))?.id)
        : undefined);
    if (existing) {
      authorIds.set(author.login, existing);
      report.count('staff', 'unchanged');
      if (!known && !dryRun)
        await links.save(phase.db, [phase.link('author', author.login, existing, 'existing')]);
      continue;
    }
    if (!email) {
      report.note(`author "${author.login}"`, 'whole item', 'no email address: not imported');
      report.count('staff', 'skipped');
      continue;
    }
    if (dryRun) {
      authorIds.set(author.login, `dry-run-${author.login}`);
      report.count('staff', 'created');
      continue;
    }
    const created = await services.staff.create(
      parseInput(createStaffInputSchema, {
        email,
        name: (author.displayName || author.login).slice(0, 120),
        role: 'author',
        status: 'suspended',
        profile: { slug: author.login.slice(0, 120) },
      }),
    );
    authorIds.set(author.login, created.author.id);
    await links.save(phase.db, [
      phase.link('author', author.login, created.author.id, checksum(author)),
    ]);
    report.count('staff', 'created');
  }
  return authorIds;
}
