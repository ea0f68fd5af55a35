// The members list's filters as they sit in the address (`?status=paid&joinedFrom=2026-11-01`),
// and as the API takes them: the dates a person picks are days in the newsroom's time zone, turned
// into instants here (joinedTo is "joined before", so the picked last day is included).

import { startOfDayUtc } from '@shared/zoned-time.js';
import type { QueryOf } from '../../api.js';

export const memberStatuses = ['free', 'paid', 'comped', 'gift'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

export interface MemberFilters {
  q: string;
  status: MemberStatus | '';
  tier: string;
  label: string;
  /** YYYY-MM-DD, the first day included. */
  joinedFrom: string;
  /** YYYY-MM-DD, the last day included. */
  joinedTo: string;
}

const keys = ['q', 'status', 'tier', 'label', 'joinedFrom', 'joinedTo'] as const;
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

export function filtersOf(search: string): MemberFilters {
  const params = new URLSearchParams(search);
  const status = params.get('status') ?? '';
  const day = (name: string) => {
    const value = params.get(name) ?? '';
    return isDay(value) ? value : '';
  };
  return {
    q: params.get('q') ?? '',
    status: (memberStatuses as readonly string[]).includes(status) ? (status as MemberStatus) : '',
    tier: params.get('tier') ?? '',
    label: params.get('label') ?? '',
    joinedFrom: day('joinedFrom'),
    joinedTo: day('joinedTo'),
  };
}

/** The filters for the address bar (only those set). */
export function addressQuery(filters: MemberFilters): string {
  const params = new URLSearchParams();
  for (const key of keys) if (filters[key].trim()) params.set(key, filters[key].trim());
  return params.toString();
}

/** Midnight of a picked day in the newsroom's zone, as the ISO instant the API wants. */
const startOfDay = (day: string, timeZone: string, plusDays = 0): string => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1, d + plusDays)).toISOString().slice(0, 10);
  return startOfDayUtc(target, timeZone) ?? `${target}T00:00:00.000Z`;
};

/** The filters for the API (list and export): the same names, days as instants. */
export function apiFilters(filters: MemberFilters, timeZone: string): QueryOf<'get', '/members'> {
  return {
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.tier ? { tier: filters.tier } : {}),
    ...(filters.label.trim() ? { label: filters.label.trim() } : {}),
    ...(filters.joinedFrom ? { joinedFrom: startOfDay(filters.joinedFrom, timeZone) } : {}),
    ...(filters.joinedTo ? { joinedTo: startOfDay(filters.joinedTo, timeZone, 1) } : {}),
  };
}

/** The same filters as a query string (the CSV export's link). */
export function apiQuery(filters: MemberFilters, timeZone: string): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(apiFilters(filters, timeZone)))
    if (typeof value === 'string') params.set(key, value);
  return params;
}
