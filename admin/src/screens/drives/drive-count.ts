// Which count the preview shows, and how it says where the number comes from.
import type { Campaign, MemberStats } from '../../types.js';
import { toLocalInput, type DriveFormValues } from './drive-form-values.js';

/**
 * A saved drive shows its own current value (from its stats) while its metric and start are
 * unchanged. Otherwise, today's count for the chosen metric from the member stats: what the
 * banner would show if the drive were saved now (new paying members start at none).
 */
export function previewCount(
  values: DriveFormValues,
  saved: { drive: Campaign; value: number | undefined } | null,
  members: MemberStats | null,
  timeZone: string,
): { count: number | undefined; source: string } {
  if (
    saved &&
    values.metric === saved.drive.metric &&
    values.startsAt === toLocalInput(saved.drive.startsAt, timeZone)
  )
    return { count: saved.value, source: 'the drive’s current value' };
  if (values.metric === 'new_paying_members')
    return { count: 0, source: 'a new drive counts new paying members from its start' };
  if (!members) return { count: undefined, source: '' };
  return values.metric === 'all_members'
    ? { count: members.totals.all, source: 'today’s number of members' }
    : { count: members.totals.byStatus.paid ?? 0, source: 'today’s number of paying members' };
}
