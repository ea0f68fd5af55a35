import { tierCreateSchema } from '../../shared/contracts/tiers.js';
import { newsroomOwn, type ImportPhase } from './import-phase.js';
import type { SmallTables } from './ghost-small-tables.js';
import { checksum } from './import-checksum.js';

/** A Ghost tier as posts' `visibility: tiers` needs it: its name and whether it is free. */
export interface ImportedTier {
  name: string;
  isFree: boolean;
}

/** Masthead's smallest charge (tierCreateSchema): a smaller Ghost price is left out. */
const minimumAmount = 50;
const amountOf = (value: number | null | undefined): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value >= minimumAmount ? value : null;

/**
 * Ghost's tiers (`products`) into Masthead's: name, description, benefits, free or paid,
 * active, currency and monthly and yearly prices. A tier the newsroom already has under the same
 * slug keeps its own settings (reported) unless --overwrite. Returns each Ghost tier's name and
 * kind by Ghost id, for posts shown to specific tiers.
 */
export async function importGhostTiers(
  phase: ImportPhase,
  small: SmallTables,
): Promise<Map<string, ImportedTier>> {
  const { services, report, links } = phase;
  const tiers = new Map<string, ImportedTier>();
  if (small.tiers.length === 0) return tiers;
  const known = await links.find(
    phase.source,
    'tier',
    small.tiers.map((t) => t.id),
  );
  const local = await services.tiers.list();
  for (const tier of small.tiers) {
    report.count('tiers', 'found');
    const item = `tier "${tier.name}"`;
    const isFree = tier.type === 'free';
    tiers.set(tier.id, { name: tier.name, isFree });
    const linked = known.get(tier.id);
    const sameSlug = linked ? undefined : local.find((t) => t.slug === tier.slug);
    const ownId = linked?.checksum === newsroomOwn ? linked.localId : sameSlug?.id;
    if (ownId && !phase.overwrite) {
      report.note(
        item,
        'whole item',
        `the newsroom's own tier "${tier.slug}" is kept as it is (use --overwrite to replace)`,
      );
      report.count('tiers', 'unchanged');
      if (!linked && !phase.dryRun)
        await links.save(phase.db, [phase.link('tier', tier.id, ownId, newsroomOwn)]);
      continue;
    }
    const currency = /^[a-z]{3}$/i.test(tier.currency ?? '') ? tier.currency : null;
    const parsed = tierCreateSchema.safeParse({
      name: tier.name.slice(0, 80),
      slug: tier.slug.slice(0, 80),
      description: (tier.description ?? '').slice(0, 1000),
      benefits: tier.benefits.slice(0, 20).map((b) => b.slice(0, 200)),
      isFree,
      isActive: tier.active,
      ...(currency ? { currency } : {}),
      monthlyAmount: isFree ? null : amountOf(tier.monthly_price),
      yearlyAmount: isFree ? null : amountOf(tier.yearly_price),
    });
    const paidWithoutPrice =
      parsed.success &&
      !isFree &&
      parsed.data.monthlyAmount === null &&
      parsed.data.yearlyAmount === null;
    if (!parsed.success || paidWithoutPrice) {
      report.note(
        item,
        'whole item',
        paidWithoutPrice
          ? `a paid tier needs a monthly or yearly price of at least ${minimumAmount} minor units: not imported`
          : `not valid here (${parsed.error?.issues[0]?.path.join('.') ?? '?'}): not imported`,
      );
      report.count('tiers', 'skipped');
      continue;
    }
    const existing = linked ?? (sameSlug && { localId: sameSlug.id, checksum: '' });
    const sum = checksum(tier);
    if (existing?.checksum === sum) {
      report.count('tiers', 'unchanged');
      continue;
    }
    if (!phase.dryRun) {
      const saved = existing
        ? await services.tiers.update(existing.localId, parsed.data)
        : await services.tiers.create(parsed.data);
      await links.save(phase.db, [phase.link('tier', tier.id, saved.id, sum)]);
    }
    report.count('tiers', existing ? 'updated' : 'created');
  }
  return tiers;
}
