import { RE2JS } from 're2js';

/**
 * Ghost's redirects may be regular expressions (`^/old-news/(.*)$` → `/$1`). They run on RE2JS,
 * a linear-time engine: no pattern, however written, can make a request backtrack for seconds
 * (decision 0020). Patterns RE2 cannot express (look-around, back-references) are refused at
 * import time with a line in the report.
 */
export interface RedirectPattern {
  pattern: string;
  to: string;
  status: number;
}

const compiled = new Map<string, RE2JS | null>();
const maxCompiled = 2000;

function compile(pattern: string): RE2JS | null {
  let found = compiled.get(pattern);
  if (found === undefined) {
    try {
      found = RE2JS.compile(pattern);
    } catch {
      found = null;
    }
    if (compiled.size >= maxCompiled) compiled.clear();
    compiled.set(pattern, found);
  }
  return found;
}

/** Whether RE2 can run this pattern (checked before it is stored). */
export const isSafePattern = (pattern: string): boolean =>
  pattern.length <= 500 && compile(pattern) !== null;

/** The first pattern matching the path, with `$1`… replaced by its groups; undefined if none. */
export function matchPattern(
  patterns: readonly RedirectPattern[],
  path: string,
): { location: string; status: number } | undefined {
  for (const { pattern, to, status } of patterns) {
    const matcher = compile(pattern)?.matcher(path);
    if (!matcher?.find()) continue;
    const location = to.replace(/\$(\d)/g, (_, n: string) => matcher.group(Number(n)) ?? '');
    // Only a site path or an http(s) address: a pattern's groups cannot make a `javascript:`.
    if (/^\/(?!\/)/.test(location) || /^https?:\/\//.test(location)) return { location, status };
  }
  return undefined;
}
