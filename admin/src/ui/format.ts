// Dates and numbers as the newsroom reads them, in the browser's locale.

/** `27 Nov 2026, 15:40` for an ISO time; '' for none. */
export const formatDateTime = (iso: string | null | undefined, timeZone?: string): string =>
  iso
    ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone })
    : '';

/** `27 Nov 2026` for an ISO time or day; '' for none. */
export const formatDate = (iso: string | null | undefined, timeZone?: string): string =>
  iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium', timeZone }) : '';

export const formatNumber = (value: number): string => value.toLocaleString();
