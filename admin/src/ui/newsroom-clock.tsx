// The admin's one clock: every time it shows or takes is in the newsroom's time zone (Settings),
// labelled with that zone, whatever zone the browser is in. Screens read it with
// useNewsroomClock(); nothing in the admin formats a time without a zone from here.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { ApiClient } from '../api.js';
import { queryKeys, settingsQuery } from '../query/queries.js';
import { formatDate, formatDateTime, formatTime } from './format.js';
import {
  fromZonedInput,
  startOfDayUtc,
  toOffsetIso,
  toZonedInput,
  zoneLabel,
} from '@shared/zoned-time.js';

export interface NewsroomClock {
  /** The IANA zone from Settings, e.g. `Asia/Tokyo`. */
  timeZone: string;
  /** `Asia/Tokyo (UTC+09:00)`. */
  label: string;
  /** `27 Nov 2026, 15:40` in the newsroom's zone; '' for none. */
  dateTime: (iso: string | null | undefined) => string;
  date: (iso: string | null | undefined) => string;
  time: (iso: string | null | undefined) => string;
  /** An instant as a `datetime-local` value in the newsroom's zone. */
  toInput: (iso: string | Date) => string;
  /** A `datetime-local` value read in the newsroom's zone, as ISO with its offset; null if not a time. */
  fromInput: (value: string) => string | null;
  /** A `YYYY-MM-DD` day's first instant in the newsroom's zone, as ISO UTC; null if not a day. */
  startOfDay: (day: string) => string | null;
}

export function clockFor(timeZone: string): NewsroomClock {
  return {
    timeZone,
    label: zoneLabel(timeZone),
    dateTime: (iso) => formatDateTime(iso, timeZone),
    date: (iso) => formatDate(iso, timeZone),
    time: (iso) => formatTime(iso, timeZone),
    toInput: (iso) => toZonedInput(typeof iso === 'string' ? new Date(iso) : iso, timeZone),
    fromInput: (value) => {
      const at = fromZonedInput(value, timeZone);
      return at ? toOffsetIso(at, timeZone) : null;
    },
    startOfDay: (day) => startOfDayUtc(day, timeZone),
  };
}

const ClockContext = createContext<NewsroomClock | null>(null);

/**
 * Reads the newsroom's zone from Settings (again on every screen change, so a new zone saved
 * elsewhere applies at once; a save in the Settings screen updates the shared answer itself) and
 * holds the screens back until it is known: a time is never shown in the browser's zone first.
 * If Settings cannot be read, times are in UTC, labelled so (or in the zone last read).
 */
export function NewsroomClockProvider(props: {
  api: ApiClient;
  pathname: string;
  children: ReactNode;
}) {
  const { api, pathname } = props;
  const queryClient = useQueryClient();
  const settings = useQuery(settingsQuery(api));
  useEffect(() => {
    // Joins a read already under way (the first one, or the Settings screen's) instead of
    // starting another.
    void queryClient.refetchQueries(
      { queryKey: queryKeys.settings, exact: true },
      { cancelRefetch: false },
    );
  }, [queryClient, pathname]);
  const timeZone = settings.data
    ? settings.data.timezone || 'UTC'
    : settings.isError
      ? 'UTC'
      : null;
  const clock = useMemo(() => (timeZone === null ? null : clockFor(timeZone)), [timeZone]);
  if (clock === null)
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  return <ClockContext.Provider value={clock}>{props.children}</ClockContext.Provider>;
}

/** The newsroom's clock (inside the signed-in app). */
export function useNewsroomClock(): NewsroomClock {
  const clock = useContext(ClockContext);
  if (!clock) throw new Error('useNewsroomClock needs NewsroomClockProvider');
  return clock;
}

/** "Times in Asia/Tokyo (UTC+09:00)": the label each screen with times carries. */
export function ZoneNote(props: { className?: string }) {
  const clock = useNewsroomClock();
  return (
    <p className={props.className ?? 'zone-note'} data-newsroom-zone={clock.timeZone}>
      Times in the newsroom’s zone: {clock.label}
    </p>
  );
}
