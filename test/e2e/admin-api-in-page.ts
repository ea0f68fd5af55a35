// Admin API calls made from a signed-in admin page, with its session cookie and CSRF token, for
// fixtures a journey needs but does not click through (a story to act on, the newsroom's zone).
import type { Page } from 'playwright-core';

export async function adminCall<T>(
  page: Page,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const session = await fetch('/api/admin/v1/session', {
        headers: { accept: 'application/json' },
      });
      const { csrfToken } = (await session.json()) as { csrfToken: string };
      const response = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok)
        throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
      return (response.status === 204 ? undefined : await response.json()) as T;
    },
    { method, url: `/api/admin/v1${path}`, body },
  );
}

/** `Jan 10, 2027, 9:30 AM` as the page's locale writes an instant in `timeZone`. */
export const shownIn = (page: Page, iso: string, timeZone: string): Promise<string> =>
  page.evaluate(
    ({ iso, timeZone }) =>
      new Date(iso).toLocaleString(undefined, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone,
      }),
    { iso, timeZone },
  );
