import { parseInput } from '../../platform/validation.js';
import { authorInputSchema } from '../authors/index.js';
import { createStaffInputSchema } from '../staff/index.js';
import type { ImportPhase } from './import-phase.js';
import { absoluteUrl, staffRoleOf } from './ghost-mapping.js';
import type { SmallTables } from './ghost-small-tables.js';
import { checksum } from './import-checksum.js';
import type { MediaCopier } from './import-media.js';

/**
 * Ghost's users into staff accounts and bylines. Accounts arrive suspended, without passwords;
 * with `invite` (--invite-staff) each imported account still waiting gets an invitation through
 * the staff invitation flow — on this run or a later one, never twice (the invitation marks it
 * `invited`). Returns author ids by Ghost user id.
 */
export async function importGhostUsers(
  phase: ImportPhase,
  small: SmallTables,
  ctx: {
    media: MediaCopier;
    siteUrl: string;
    /** Sends an invitation to an imported account; false when it is not waiting for one. */
    invite?: ((staffUserId: string) => Promise<boolean>) | undefined;
  },
): Promise<Map<string, string>> {
  const { services, report, links } = phase;
  const ids = new Map<string, string>();
  const known = await links.find(
    phase.source,
    'author',
    small.users.map((u) => u.id),
  );
  const toInvite: string[] = [];
  for (const user of small.users) {
    report.count('staff', 'found');
    const email = user.email?.trim().toLowerCase();
    const item = `user "${user.slug}"`;
    const existing = known.get(user.id);
    if (existing) {
      ids.set(user.id, existing.localId);
      report.count('staff', 'unchanged');
      const account = email ? await services.staff.byEmail(email) : undefined;
      if (account) toInvite.push(account.id);
      continue;
    }
    const already = email ? await services.staff.byEmail(email) : undefined;
    if (already) {
      const author = await services.authors.byUserId(already.id);
      if (author) {
        ids.set(user.id, author.id);
        report.count('staff', 'unchanged');
        if (!phase.dryRun)
          await links.save(phase.db, [phase.link('author', user.id, author.id, 'existing')]);
        continue;
      }
    }
    if (!email) {
      report.note(item, 'whole item', 'no email address: not imported');
      report.count('staff', 'skipped');
      continue;
    }
    const role = staffRoleOf(small.roleOfUser.get(user.id));
    if (phase.dryRun) {
      ids.set(user.id, `dry-run-${user.id}`);
      report.count('staff', 'created');
      continue;
    }
    const avatar = user.profile_image
      ? await ctx.media.copy(absoluteUrl(user.profile_image, ctx.siteUrl), item)
      : null;
    const website = user.website && /^https?:\/\//.test(user.website) ? user.website : undefined;
    const profile = parseInput(
      authorInputSchema.pick({ slug: true, bio: true, location: true, links: true }),
      {
        slug: user.slug,
        bio: (user.bio ?? '').slice(0, 2000),
        location: (user.location ?? '').slice(0, 120),
        links: {
          ...(website ? { website } : {}),
          ...(user.twitter ? { x: user.twitter.replace(/^@/, '').slice(0, 60) } : {}),
        },
      },
    );
    const created = await services.staff.create(
      parseInput(createStaffInputSchema, {
        email,
        name: user.name.slice(0, 120),
        role,
        status: 'suspended',
        profile: { ...profile, ...(avatar ? { avatarMediaId: avatar.id } : {}) },
      }),
    );
    ids.set(user.id, created.author.id);
    await links.save(phase.db, [phase.link('author', user.id, created.author.id, checksum(user))]);
    report.count('staff', 'created');
    toInvite.push(created.user.id);
    if (small.roleOfUser.get(user.id)?.toLowerCase() === 'owner')
      report.note(
        item,
        'role Owner',
        'imported as an administrator: this site keeps its own owner',
      );
  }
  if (ctx.invite && !phase.dryRun) {
    // Accounts already invited, active or with a password are not waiting: left alone.
    for (const staffUserId of toInvite) {
      report.count('invitations', 'found');
      report.count('invitations', (await ctx.invite(staffUserId)) ? 'created' : 'unchanged');
    }
  }
  return ids;
}
