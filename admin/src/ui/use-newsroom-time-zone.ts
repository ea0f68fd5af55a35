import { useEffect, useState } from 'react';
import type { ApiClient } from '../api.js';
import type { SiteSettings } from '../types.js';

/**
 * The newsroom's time zone from the settings, for showing times as the newsroom reads them;
 * undefined until known (or if the settings cannot be read: the browser's zone is used then).
 */
export function useNewsroomTimeZone(api: ApiClient): string | undefined {
  const [timeZone, setTimeZone] = useState<string | undefined>();
  useEffect(() => {
    let cancelled = false;
    api
      .get<{ settings: SiteSettings }>('/settings')
      .then(({ settings }) => !cancelled && setTimeZone(settings.timezone))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [api]);
  return timeZone;
}
