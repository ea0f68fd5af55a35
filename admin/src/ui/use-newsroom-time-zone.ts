import type { ApiClient } from '../api.js';
import { useNewsroomClock } from './newsroom-clock.js';

/**
 * The newsroom's time zone from the settings (the one clock of newsroom-clock.tsx). Kept for
 * screens written before the clock; `api` is no longer needed.
 */
export function useNewsroomTimeZone(_api?: ApiClient): string {
  return useNewsroomClock().timeZone;
}
