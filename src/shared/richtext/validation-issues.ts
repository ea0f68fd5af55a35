// Collects validation issues with their paths, capped so a hostile document cannot produce an
// unbounded error list, and turns Zod issues for node attributes into the same shape.
import type { z } from 'zod';
import { documentLimits } from './limits.js';

export type PathSegment = string | number;
export type DocumentIssue = { path: PathSegment[]; message: string };

/** Formats `['content', 3, 'attrs', 'href']` as `content[3].attrs.href`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

export class IssueCollector {
  readonly issues: DocumentIssue[] = [];
  protected aborted = false;

  fail(path: PathSegment[], message: string): void {
    if (this.aborted) return;
    this.issues.push({ path, message });
    if (this.issues.length >= documentLimits.maxErrors) this.aborted = true;
  }

  /** Records the issue and stops the walk (limits: going on would only cost more). */
  protected abort(path: PathSegment[], message: string): void {
    this.fail(path, message);
    this.aborted = true;
  }

  record(input: unknown, path: PathSegment[], what: string): Record<string, unknown> | undefined {
    if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
      return input as Record<string, unknown>;
    }
    this.fail(path, `${what} must be an object`);
    return undefined;
  }

  checkKeys(value: Record<string, unknown>, allowed: readonly string[], path: PathSegment[]): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.fail([...path, key], `Unknown field "${key}"`);
    }
  }

  /** Parses a node's attrs with its schema; unknown attributes are reported one by one. */
  attrs<S extends z.ZodType>(
    schema: S,
    value: unknown,
    path: PathSegment[],
  ): z.output<S> | undefined {
    const result = schema.safeParse(value);
    if (result.success) return compact(result.data);
    for (const issue of result.error.issues) {
      const at = [...path, 'attrs', ...(issue.path as PathSegment[])];
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) this.fail([...at, key], `Unknown attribute "${key}"`);
      } else {
        this.fail(at, issue.message);
      }
    }
    return undefined;
  }
}

/** Drops keys whose value is undefined (null attributes normalised away by the schemas). */
function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => compact(item)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) out[key] = compact(item);
  }
  return out as T;
}
