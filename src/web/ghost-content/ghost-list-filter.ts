import type { NqlNode, NqlValue } from '../../shared/nql/nql-filter.js';
import { badRequest } from './ghost-params.js';

/** A record as a filter sees it: field name → value (ids already in their Ghost form). */
export type FilterRecord = Readonly<Record<string, string | number | boolean | null>>;

const same = (actual: FilterRecord[string], wanted: NqlValue): boolean =>
  actual === null || wanted === null
    ? actual === wanted
    : String(actual).toLowerCase() === String(wanted).toLowerCase();

/**
 * Ghost filters on the short lists (tags, bylines, tiers) that are loaded whole, evaluated in
 * memory: the same tree and the same refusals as on posts (unknown field → 400).
 */
export function listFilter(
  node: NqlNode,
  allowed: readonly string[],
): (record: FilterRecord) => boolean {
  if ('children' in node) {
    const children = node.children.map((child) => listFilter(child, allowed));
    return node.kind === 'and'
      ? (r) => children.every((test) => test(r))
      : (r) => children.some((test) => test(r));
  }
  if (!allowed.includes(node.field))
    throw badRequest(`Error parsing filter: unknown field "${node.field.slice(0, 60)}"`);
  const field = node.field;
  if (node.kind === 'in') {
    const { values, negated } = node;
    return (r) => values.some((v) => same(r[field] ?? null, v)) !== negated;
  }
  const { op, value } = node;
  if (op === '=') return (r) => same(r[field] ?? null, value);
  if (op === '!=') return (r) => !same(r[field] ?? null, value);
  if (value === null)
    throw badRequest(`Error parsing filter: ${field} cannot be compared with null`);
  const wanted = String(value).toLowerCase();
  if (op === '~' || op === '~^' || op === '~$') {
    return (r) => {
      const actual = String(r[field] ?? '').toLowerCase();
      return op === '~'
        ? actual.includes(wanted)
        : op === '~^'
          ? actual.startsWith(wanted)
          : actual.endsWith(wanted);
    };
  }
  return (r) => {
    const actual = r[field];
    if (actual === null || actual === undefined) return false;
    const a = typeof actual === 'number' && typeof value === 'number' ? actual : String(actual);
    const b = typeof actual === 'number' && typeof value === 'number' ? value : String(value);
    return op === '>' ? a > b : op === '>=' ? a >= b : op === '<' ? a < b : a <= b;
  };
}
