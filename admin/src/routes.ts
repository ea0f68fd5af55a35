// Paths under /admin/ name the screens, so reloads, links and the back button work (the server
// answers every such path with the app's index.html). Patterns use `:name` segments.

export const adminBase = '/admin';

export type Params = Record<string, string>;

/** The params of `pathname` for `pattern` (`/admin/members/:id`), or null when it does not match. */
export function matchPath(pattern: string, pathname: string): Params | null {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Params = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) return null;
  }
  return params;
}

/** A pattern with its params filled in: `pathTo('/admin/members/:id', { id })`. */
export const pathTo = (pattern: string, params: Params = {}): string =>
  pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));

/** Moves the app to `path` (with an optional query) without a page load. */
export type Navigate = (path: string, options?: { replace?: boolean }) => void;
