import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { NqlError, parseNql, type NqlNode } from '../../shared/nql/nql-filter.js';

/** Ghost 6's cap: `limit=all` and anything larger answer 100 items a page. */
export const ghostMaxLimit = 100;
export const ghostDefaultLimit = 15;
/**
 * Page numbers go 100 deep: no request skips more than 99 pages of 100, and the total is
 * counted up to the rows those pages could show (plus one), never over the whole archive.
 */
export const ghostMaxPage = 100;

export const badRequest = (message: string) =>
  new AppError({ code: 'BAD_REQUEST', status: 400, message });

/** The order a client asked for: `field [asc|desc]`, comma-separated, against an allow-list. */
export interface GhostOrder<F extends string> {
  field: F;
  direction: 'asc' | 'desc';
}

/** Everything a browse or read may pass; unknown parameters (`slug=` on reads) are ignored. */
const rawQuerySchema = z.looseObject({
  key: z.string().max(200).optional(),
  include: z.string().max(200).optional(),
  fields: z.string().max(1000).optional(),
  formats: z.string().max(200).optional(),
  limit: z.string().max(20).optional(),
  page: z.string().max(20).optional(),
  order: z.string().max(200).optional(),
  filter: z.string().max(5000).optional(),
});

export interface GhostQuery<F extends string> {
  include: ReadonlySet<string>;
  fields: readonly string[] | undefined;
  formats: ReadonlySet<'html' | 'plaintext'>;
  limit: number;
  page: number;
  order: ReadonlyArray<GhostOrder<F>> | undefined;
  filter: NqlNode | undefined;
}

const list = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

function parseLimit(text: string | undefined): number {
  if (text === undefined || text === '') return ghostDefaultLimit;
  if (text === 'all') return ghostMaxLimit;
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw badRequest('limit must be a whole number from 1, or "all"');
  return Math.min(Number(text), ghostMaxLimit);
}

function parsePage(text: string | undefined): number {
  if (text === undefined || text === '') return 1;
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw badRequest('page must be a whole number from 1');
  const page = Number(text);
  if (page > ghostMaxPage)
    throw badRequest(
      `page must be at most ${ghostMaxPage}: page-number pagination is capped in depth here; ` +
        "filter on published_at (for example published_at:<'…') to reach older posts",
    );
  return page;
}

function parseOrder<F extends string>(
  text: string | undefined,
  allowed: readonly F[],
): Array<GhostOrder<F>> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const parts = list(text);
  if (parts.length > 3) throw badRequest('order takes at most 3 fields');
  return parts.map((part) => {
    const [field = '', direction = 'asc', ...rest] = part.split(/\s+/);
    const dir = direction.toLowerCase();
    if (rest.length > 0 || (dir !== 'asc' && dir !== 'desc'))
      throw badRequest(`order "${part.slice(0, 60)}" must be "field asc" or "field desc"`);
    if (!(allowed as readonly string[]).includes(field))
      throw badRequest(
        `order cannot sort by "${field.slice(0, 60)}"; use one of ${allowed.join(', ')}`,
      );
    return { field: field as F, direction: dir };
  });
}

/** Parses a Ghost Content API query for one resource; every problem is a 400. */
export function parseGhostQuery<F extends string>(
  raw: unknown,
  resource: { includes: readonly string[]; orderFields: readonly F[] },
): GhostQuery<F> {
  const parsed = rawQuerySchema.safeParse(raw ?? {});
  if (!parsed.success)
    throw badRequest('query parameters must be given once each, within their length limits');
  const q = parsed.data;
  const include = list(q.include);
  const unknownInclude = include.find((name) => !resource.includes.includes(name));
  if (unknownInclude !== undefined)
    throw badRequest(
      `include "${unknownInclude.slice(0, 60)}" is not supported here` +
        (resource.includes.length > 0 ? `; use ${resource.includes.join(', ')}` : ''),
    );
  const formats = list(q.formats);
  const unknownFormat = formats.find((name) => name !== 'html' && name !== 'plaintext');
  if (unknownFormat !== undefined)
    throw badRequest(
      `formats "${unknownFormat.slice(0, 60)}" is not supported; use html, plaintext`,
    );
  const fields = list(q.fields);
  if (fields.length > 60 || fields.some((f) => !/^[a-z_]{1,40}$/.test(f)))
    throw badRequest('fields must be a comma-separated list of field names');
  let filter: NqlNode | undefined;
  if (q.filter !== undefined && q.filter.trim() !== '') {
    try {
      filter = parseNql(q.filter);
    } catch (error) {
      if (error instanceof NqlError) throw badRequest(`Error parsing filter: ${error.message}`);
      throw error;
    }
  }
  return {
    include: new Set(include),
    fields: fields.length > 0 ? fields : undefined,
    formats: new Set(formats.length > 0 ? (formats as Array<'html' | 'plaintext'>) : ['html']),
    limit: parseLimit(q.limit),
    page: parsePage(q.page),
    order: parseOrder(q.order, resource.orderFields),
    filter,
  };
}

/** The parsed query as a cache-key part: stable whatever order the client wrote it in. */
export function ghostQueryKey(query: GhostQuery<string>): Record<string, string> {
  return {
    include: [...query.include].sort().join(','),
    fields: query.fields ? [...query.fields].sort().join(',') : '',
    formats: [...query.formats].sort().join(','),
    limit: String(query.limit),
    page: String(query.page),
    order: query.order ? query.order.map((o) => `${o.field} ${o.direction}`).join(',') : '',
    filter: query.filter ? JSON.stringify(query.filter) : '',
  };
}

/**
 * Ghost's pagination block. `total` is exact up to the deepest page's rows; beyond that it is
 * that count plus one ("more than"), and `pages` stops at the deepest page that may be asked.
 */
export function ghostPagination(page: number, limit: number, total: number) {
  const pages = Math.min(ghostMaxPage, Math.max(1, Math.ceil(total / limit)));
  return {
    page,
    limit,
    pages,
    total,
    next: page < pages && page < ghostMaxPage ? page + 1 : null,
    prev: page > 1 ? page - 1 : null,
  };
}
