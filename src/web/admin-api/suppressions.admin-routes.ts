import { z } from 'zod';
import { cursorSchema, limitSchema, listOf } from '../../shared/contracts/common.js';
import {
  suppressionAddressSchema,
  suppressionImportReportSchema,
  suppressionSchema,
} from '../../shared/contracts/newsletters.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { AdminRoutes } from './admin-api.js';
import { actorOf } from './authenticate.js';
import { csvTextOf } from './csv-upload.js';

const listQuery = z.strictObject({
  cursor: cursorSchema,
  limit: limitSchema,
  /** Part of an address or a domain (`@example.org`); without case. */
  q: z.string().trim().min(1, 'must not be empty').max(320).optional(),
});

/**
 * The suppression list: addresses never mailed again (hard bounces, complaints, added by hand or
 * imported), newest first; lifting one is audited. For administrators, like members.
 */
export const suppressionsAdminRoutes: AdminRoutes<ServicesOf<'suppressions'>> = ({
  route,
  services,
}) => {
  const tag = 'Newsletters';
  const access = 'members.manage';
  route({
    method: 'GET',
    url: '/suppressions',
    tag,
    summary:
      'List suppressed addresses, newest first (cursor pagination); `q` keeps those containing it',
    access,
    query: listQuery,
    response: listOf('suppressions', suppressionSchema),
    handler: async ({ query }) => {
      const page = await services.suppressions.list({
        ...(query.cursor ? { cursor: query.cursor } : {}),
        ...(query.q ? { q: query.q } : {}),
        limit: query.limit,
      });
      return {
        suppressions: page.items,
        meta: { pagination: { next: page.next, limit: query.limit } },
      };
    },
  });
  route({
    method: 'POST',
    url: '/suppressions',
    tag,
    summary: 'Suppress an address by hand (it is not mailed again)',
    access,
    body: suppressionAddressSchema,
    response: z.object({ isNew: z.boolean() }),
    successStatus: 201,
    handler: async ({ body, request }) =>
      services.suppressions.suppress(body.address, {
        actor: actorOf(request).label,
        ...(body.detail ? { detail: body.detail } : {}),
      }),
  });
  route({
    method: 'POST',
    url: '/suppressions/remove',
    tag,
    summary: 'Lift a suppression (audited); the member stays unsubscribed until they choose again',
    access,
    body: suppressionAddressSchema,
    response: z.object({ suppression: suppressionSchema }),
    handler: async ({ body, request }) => ({
      suppression: await services.suppressions.remove(body.address, {
        actor: actorOf(request).label,
      }),
    }),
  });
  route({
    method: 'POST',
    url: '/suppressions/import',
    tag,
    summary:
      'Import a suppression list (CSV: email or address column, optional reason and detail; multipart field file or text/csv). Checked whole first: with bad rows nothing is written',
    access,
    isMultipart: true,
    bodyLimit: 16 * 1024 * 1024,
    response: suppressionImportReportSchema,
    handler: async ({ request }) =>
      services.suppressions.importCsv(await csvTextOf(request), {
        actor: actorOf(request).label,
      }),
  });
};
