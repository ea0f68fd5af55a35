// The admin's one QueryClient: every screen reads the Admin API through TanStack Query, so a
// screen that goes away drops its answers (no "cancelled" flags), writes invalidate what they
// changed, and the same list is not fetched twice when two panels show it.
import { QueryClient } from '@tanstack/react-query';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Failures show at once, as before: the API's answers are not flaky, and a 403 or 404
        // retried three times only delays the message.
        retry: false,
        // Forms copy what they load into their own state; refetching under them on focus
        // would replace nothing the writer sees, only cost requests.
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
