import type { FastifyInstance, FastifyRequest } from 'fastify';
import { validationError } from '../../platform/errors.js';

/** Parses HTML form posts (application/x-www-form-urlencoded) in this plugin's scope only. */
export function addFormParser(scope: FastifyInstance): void {
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_request, body, done) => {
      const fields: Record<string, string> = {};
      for (const [name, value] of new URLSearchParams(body as string)) fields[name] = value;
      done(null, fields);
    },
  );
}

/** The form's fields as strings (an empty object for a body of another kind). */
export const formOf = (request: FastifyRequest): Record<string, string> => {
  const body = request.body;
  if (!body || typeof body !== 'object' || Buffer.isBuffer(body)) return {};
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') fields[k] = v;
  return fields;
};

/** "7", "7.5" or "7.50" (major units, as readers type them) → 750 minor units; 400 naming the field otherwise. */
export function parseMoney(value: string | undefined, field: string): number {
  const text = (value ?? '').trim().replace(/^\$/, '');
  const match = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match) throw validationError([{ field, message: 'must be an amount like 5 or 7.50' }]);
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

/** A campaign id from a link or hidden field: kept only when it looks like one. */
export const campaignOf = (value: unknown): string | undefined =>
  typeof value === 'string' && /^[\w-]{1,64}$/.test(value) ? value : undefined;
