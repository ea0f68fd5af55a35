import { posix } from 'node:path';
import { isId } from '../../platform/ids.js';
import { reservedSlugs } from '../../shared/slug.js';

/** What a mirrored address holds, which decides how it is rewritten and named. */
export type MirrorKind = 'html' | 'xml' | 'json' | 'text' | 'media' | 'asset';

/** One address of the public site and where the mirror writes it. */
export interface MirrorTarget {
  /** The live address, path and query, percent-encoded: what the app is asked for, and the state's key. */
  readonly url: string;
  /** The file in the tree: relative, `/`-separated, decoded (`news/before/X/index.html`). */
  readonly file: string;
  readonly kind: MirrorKind;
  /**
   * Served at a directory address (`/tag/x/`): with `--base-url` links keep the slash, relative
   * links name the file (`index.html`, `index.xml`), which works on any server and from disk.
   */
  readonly isDirectory: boolean;
}

/**
 * First path segments that are the site's dynamic pages (accounts, sign-in, forms, email
 * links), never mirrored: links to them go to the live site. `/<slug>/` is otherwise a story.
 */
const dynamicRoots = new Set([
  ...reservedSlugs,
  'gift',
  'newsletters',
  'unsubscribe',
  'email',
  'e',
  'r',
]);

/** Keyset cursors are base64url (platform/pagination.ts): safe as a file name. */
const isCursor = (value: string) => /^[A-Za-z0-9_-]{1,400}$/.test(value);
const mediaFile = /^(original\.(jpg|png|gif|webp|avif)|w\d{3,4}\.(jpg|webp))$/;
const assetFile = /^site-[0-9a-f]{12}\.(css|js)$/;
const sitemapFile = /^sitemap(-[a-z0-9]+)*\.xml$/;

/** A decoded segment that can be a file name: no separators, no dot files, nothing hidden. */
const isSafeSegment = (segment: string) =>
  segment.length > 0 &&
  segment.length <= 200 &&
  !segment.startsWith('.') &&
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  !/[/\\\u0000-\u001f\u007f]/.test(segment);

function splitPath(path: string): { segments: string[]; isDirectory: boolean } | undefined {
  if (!path.startsWith('/')) return undefined;
  const isDirectory = path.endsWith('/');
  const raw = path.split('/').slice(1, isDirectory ? -1 : undefined);
  const segments: string[] = [];
  for (const part of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return undefined;
    }
    if (!isSafeSegment(decoded)) return undefined;
    segments.push(decoded);
  }
  return { segments, isDirectory };
}

const encodePath = (segments: readonly string[], isDirectory: boolean) =>
  '/' + segments.map(encodeURIComponent).join('/') + (isDirectory && segments.length ? '/' : '');

/** The query, if it holds exactly the names given (each once) and nothing else. */
function queryOf(search: string, allowed: readonly string[]): Map<string, string> | undefined {
  const params = new URLSearchParams(search);
  const found = new Map<string, string>();
  for (const [name, value] of params) {
    if (!allowed.includes(name) || found.has(name) || !isCursor(value)) return undefined;
    found.set(name, value);
  }
  return found;
}

/** A list page (`/news/`, `/tag/x/`, `/author/x/`, `/corrections/`), or its `?before=` pages. */
function listPage(segments: string[], search: string): MirrorTarget | undefined {
  const query = queryOf(search, ['before']);
  if (!query) return undefined;
  const before = query.get('before');
  const base = encodePath(segments, true);
  const dir = segments.join('/');
  return before === undefined
    ? { url: base, file: `${dir}/index.html`, kind: 'html', isDirectory: true }
    : {
        url: `${base}?before=${before}`,
        file: `${dir}/before/${before}/index.html`,
        kind: 'html',
        isDirectory: true,
      };
}

/**
 * Where the mirror writes a live address, or undefined when the mirror does not hold it (a
 * dynamic page, a form, the APIs, an unknown query): links to those go to the live site.
 * Query-string pagination becomes a path (`/news/?before=X` → `news/before/X/index.html`).
 */
export function mirrorTarget(pathAndQuery: string): MirrorTarget | undefined {
  const at = pathAndQuery.indexOf('?');
  const path = at < 0 ? pathAndQuery : pathAndQuery.slice(0, at);
  const search = at < 0 ? '' : pathAndQuery.slice(at + 1);
  const split = splitPath(path);
  if (!split) return undefined;
  const { segments, isDirectory } = split;
  const [first, second, third] = segments;
  const noQuery = search === '';
  const html = (file: string, url = encodePath(segments, true)): MirrorTarget => ({
    url,
    file,
    kind: 'html',
    isDirectory: true,
  });
  const feed = (kind: 'xml' | 'json' | 'text'): MirrorTarget | undefined => {
    if (!noQuery) return undefined;
    return isDirectory
      ? {
          url: encodePath(segments, true),
          file: `${segments.join('/')}/index.xml`,
          kind,
          isDirectory: true,
        }
      : { url: encodePath(segments, false), file: segments.join('/'), kind, isDirectory: false };
  };

  if (first === undefined) return noQuery ? html('index.html') : undefined;
  if (segments.length === 1 && !isDirectory) {
    if (first === 'search' && noQuery) return html('search/index.html', '/search');
    if (first === 'feed.json') return feed('json');
    if (first === 'robots.txt') return feed('text');
    if (first === 'sitemap-posts.xml' && !noQuery) {
      const query = queryOf(search, ['after', 'until']);
      const after = query?.get('after');
      if (!query || after === undefined) return undefined;
      const until = query.get('until');
      return {
        url: `/sitemap-posts.xml?after=${after}${until === undefined ? '' : `&until=${until}`}`,
        file: `sitemap-posts/${after}/${until === undefined ? 'latest' : `until-${until}`}.xml`,
        kind: 'xml',
        isDirectory: false,
      };
    }
    if (sitemapFile.test(first)) return feed('xml');
    return undefined;
  }
  if (first === 'media' && !isDirectory && noQuery && segments.length === 3) {
    if (!second || !/^[0-9a-f-]{36}$/.test(second) || !third || !mediaFile.test(third))
      return undefined;
    return {
      url: encodePath(segments, false),
      file: segments.join('/'),
      kind: 'media',
      isDirectory: false,
    };
  }
  if (first === 'assets' && !isDirectory && noQuery && segments.length === 2)
    return second && assetFile.test(second)
      ? {
          url: encodePath(segments, false),
          file: segments.join('/'),
          kind: 'asset',
          isDirectory: false,
        }
      : undefined;

  if (segments.length === 1 && isDirectory) {
    if (first === 'news' || first === 'corrections') return listPage(segments, search);
    if (first === 'rss') return feed('xml');
    if (dynamicRoots.has(first) || !noQuery) return undefined;
    return html(`${first}/index.html`);
  }
  if (first === 'corrections' && second === 'rss' && segments.length === 2 && isDirectory)
    return feed('xml');
  if ((first === 'tag' || first === 'author') && second !== undefined) {
    if (segments.length === 2 && isDirectory) return listPage(segments, search);
    if (segments.length === 3 && third === 'rss' && isDirectory) return feed('xml');
    if (segments.length === 3 && third === 'feed.json' && !isDirectory) return feed('json');
    return undefined;
  }
  // A live update's permalink: /<slug>/updates/<id>/.
  if (
    segments.length === 3 &&
    isDirectory &&
    noQuery &&
    second === 'updates' &&
    !dynamicRoots.has(first) &&
    third !== undefined &&
    isId(third)
  )
    return html(`${segments.join('/')}/index.html`);
  return undefined;
}

const encodeFile = (file: string) => file.split('/').map(encodeURIComponent).join('/');

/** The address a target is served at under `--base-url` (a directory keeps its slash). */
export function webPathOf(target: MirrorTarget): string {
  // A feed at a directory address keeps its file name: a server's index is index.html.
  if (!target.isDirectory || target.kind !== 'html') return encodeFile(target.file);
  const dir = posix.dirname(target.file);
  return dir === '.' ? '' : `${encodeFile(dir)}/`;
}

/**
 * The link written into the page at `fromFile` for `target`: relative to the tree (naming the
 * file, so any server and a browser reading from disk follow it) or absolute on `baseUrl`.
 */
export function linkTo(
  fromFile: string,
  target: MirrorTarget,
  baseUrl: string | undefined,
): string {
  if (baseUrl !== undefined) return `${baseUrl}/${webPathOf(target)}`;
  const relative = posix.relative(posix.dirname(fromFile), target.file);
  return encodeFile(relative === '' ? posix.basename(target.file) : relative);
}
