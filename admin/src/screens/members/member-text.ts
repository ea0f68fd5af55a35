// How members and their history read in the admin.
import type { MemberEvent, Tier } from '../../types.js';
import { formatDate } from '../../ui/format.js';
import { formatMoney } from '../../ui/money.js';
import type { MemberStatus } from './member-filters.js';

export const statusLabels: Record<MemberStatus, string> = {
  free: 'Free',
  paid: 'Paying',
  comped: 'Complimentary',
  gift: 'Gift',
};

export const statusLabel = (status: string): string =>
  statusLabels[status as MemberStatus] ?? status;

export const tierName = (tiers: readonly Tier[], id: string | null): string =>
  id === null ? '' : (tiers.find((t) => t.id === id)?.name ?? 'Unknown tier');

/** Labels typed as "a, b, c", cleaned of blanks and repeats. */
export const labelsOf = (text: string): string[] => [
  ...new Set(
    text
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean),
  ),
];

/**
 * The last day of access, for an `accessUntil` instant: "until 14 March" is stored as the start
 * of 15 March (`endOfDay`), so the day shown is the one the access's final moment falls on.
 */
export const lastDayOf = (iso: string, timeZone: string): string =>
  formatDate(new Date(Date.parse(iso) - 1).toISOString(), timeZone);

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const money = (amount: number | null, currency: string | null): string =>
  amount === null || !currency ? '' : formatMoney(amount, currency);

/** Events name their actor as "staff:<id>", "token:<id>" or "system"; say it in words. */
function byWhom(actor: string, selfId: string): string {
  if (!actor) return '';
  if (actor === `staff:${selfId}`) return ' by you';
  if (actor.startsWith('staff:')) return ' by staff';
  if (actor.startsWith('token:')) return ' through an API token';
  return ' by the system';
}

/** One line of a member's history: what happened, in words (`selfId`: the signed-in staff). */
export function describeEvent(event: MemberEvent, selfId: string, timeZone: string): string {
  const data = event.data;
  const by = byWhom(text(data.actor), selfId);
  const paid = money(event.amount, event.currency);
  switch (event.type) {
    case 'joined':
      return `Joined${text(data.source) ? ` (${text(data.source)})` : ''}`;
    case 'comped':
      return `Complimentary access given${by}${text(data.until) ? `, until ${lastDayOf(text(data.until), timeZone)}` : ''}`;
    case 'comp_removed':
      return `Complimentary access ended${by}`;
    case 'updated': {
      const changed = Array.isArray(data.changed) ? data.changed.join(', ') : '';
      return `Details edited${changed ? ` (${changed})` : ''}${by}`;
    }
    case 'signed_in':
      return 'Signed in';
    case 'paid':
      return `Paid${paid ? ` ${paid}` : ''}`;
    default: {
      const words = event.type.replace(/[._]/g, ' ');
      return `${words.charAt(0).toUpperCase()}${words.slice(1)}${paid ? ` (${paid})` : ''}`;
    }
  }
}
