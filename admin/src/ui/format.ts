// Dates and numbers as the newsroom reads them, in the browser's locale. Times always take the
// newsroom's zone (from newsroom-clock.tsx): the browser's own zone never decides a time shown.

/** `27 Nov 2026, 15:40` for an ISO time; '' for none. */
export const formatDateTime = (iso: string | null | undefined, timeZone: string): string =>
  iso
    ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone })
    : '';

/** `27 Nov 2026` for an ISO time; '' for none. */
export const formatDate = (iso: string | null | undefined, timeZone: string): string =>
  iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium', timeZone }) : '';

/** `15:40` for an ISO time; '' for none. */
export const formatTime = (iso: string | null | undefined, timeZone: string): string =>
  iso ? new Date(iso).toLocaleTimeString(undefined, { timeStyle: 'short', timeZone }) : '';

export const formatNumber = (value: number): string => value.toLocaleString();
