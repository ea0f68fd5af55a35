import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { narrow } from '../../platform/db/index.js';
import type { SharedHandle } from '../members/index.js';
import { mayJoin } from './newsletter.js';
import {
  newslettersRepository as repo,
  subscribedListIdsOf,
  subscribedSlugsOf,
  upsertSubscriptions,
} from './newsletters.repository.js';
import type { NewslettersTables } from './newsletters.table.js';

/**
 * One member's newsletters as a members CSV row sets them (the members import's
 * ImportedSubscriptions, which the composition root hands here). An explicit
 * `subscribedToEmails: false` wins over `slugs`: a row that says "no email" is never mailed.
 */
export interface ImportedSubscriptionsRow {
  memberId: string;
  /** A non-empty `newsletters` cell: exactly these lists. */
  slugs: readonly string[] | undefined;
  subscribedToEmails: boolean | undefined;
  isNew: boolean;
  /** Which default lists a new member may join (paid or complimentary access). */
  hasPaidAccess: boolean;
}

/**
 * Newsletters as the members CSV carries them (import and export): the composition root hands
 * these to the members feature, which may not import this one (it depends on members).
 */
export function createNewsletterImports(deps: { db: Kysely<NewslettersTables>; clock: Clock }) {
  const { clock } = deps;
  const lists = deps.db;
  return {
    /** Every list's slug, archived ones too: what a members CSV's `newsletters` cell may name. */
    async knownSlugs(): Promise<string[]> {
      return (await repo.all(lists)).map((list) => list.slug);
    },

    /**
     * A members import's lists, one batch of rows inside the import's transaction (`trx`): a new member goes on exactly the named lists (archived
     * ones too: the file is the newsroom's own record, and an archived list sends nothing), else
     * on the active default lists their access allows when `subscribedToEmails` is true, else on
     * none; an existing member is put on exactly the named lists, or off every list on an
     * explicit false. Only what changes is written, in bulk (two or three statements a batch,
     * source `import`): no history event per subscription, unlike a reader's own change — the
     * subscription row keeps the source and time, and 100,000 rows stay one quick import.
     * Returns the members whose lists changed.
     */
    async applyImported(
      trx: SharedHandle,
      rows: readonly ImportedSubscriptionsRow[],
    ): Promise<Set<string>> {
      const changed = new Set<string>();
      if (rows.length === 0) return changed;
      const handle = narrow(trx).to<NewslettersTables>();
      const all = await repo.all(handle);
      const idOfSlug = new Map(all.map((list) => [list.slug, list.id]));
      const defaults = (hasPaidAccess: boolean) =>
        all
          .filter(
            (list) =>
              list.status === 'active' &&
              list.subscribeOnSignup &&
              mayJoin(list, hasPaidAccess ? 'paid' : 'member'),
          )
          .map((list) => list.id);
      const current = await subscribedListIdsOf(
        handle,
        rows.filter((row) => !row.isNew).map((row) => row.memberId),
      );
      const at = clock.now().toISOString();
      const writes: { member_id: string; newsletter_id: string; status: string }[] = [];
      for (const row of rows) {
        let target: string[];
        if (row.subscribedToEmails === false) target = [];
        else if (row.slugs !== undefined)
          target = row.slugs.flatMap((slug) => idOfSlug.get(slug) ?? []);
        else if (row.isNew) target = defaults(row.hasPaidAccess);
        else continue;
        const on = current.get(row.memberId) ?? new Set<string>();
        const wanted = new Set(target);
        for (const id of wanted)
          if (!on.has(id))
            writes.push({ member_id: row.memberId, newsletter_id: id, status: 'subscribed' });
        for (const id of on)
          if (!wanted.has(id))
            writes.push({ member_id: row.memberId, newsletter_id: id, status: 'unsubscribed' });
      }
      await upsertSubscriptions(
        handle,
        writes.map((w) => ({ ...w, source: 'import', changed_at: at })),
      );
      for (const w of writes) changed.add(w.member_id);
      return changed;
    },

    /** The slugs of the lists each member is on (the members CSV export, a page at a time). */
    subscribedSlugsOf: (memberIds: readonly string[]): Promise<Map<string, string[]>> =>
      subscribedSlugsOf(lists, memberIds),
  };
}

export type NewsletterImports = ReturnType<typeof createNewsletterImports>;
