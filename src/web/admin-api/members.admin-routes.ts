import { Readable } from 'node:stream';
import { z } from 'zod';
import { idParamsSchema, listOf } from '../../shared/contracts/common.js';
import {
  memberCompSchema,
  memberCreateSchema,
  memberEventSchema,
  memberEventsQuerySchema,
  memberFilterSchema,
  memberImportQuerySchema,
  memberImportReportSchema,
  memberListQuerySchema,
  memberSchema,
  memberStatsQuerySchema,
  memberStatsSchema,
  memberUpdateSchema,
} from '../../shared/contracts/member-admin.js';
import { csvStream, noContent } from '../api-route.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { AdminRoutes } from './admin-api.js';
import { actorOf } from './authenticate.js';
import { csvTextOf } from './csv-upload.js';

/** Members, for staff: find, read, add, comp, edit, delete, count, import and export. */
export const membersAdminRoutes: AdminRoutes<
  ServicesOf<'campaigns' | 'memberAdmin' | 'settings'>
> = ({ route, services }) => {
  const tag = 'Members';
  const access = 'members.manage';
  const one = z.object({ member: memberSchema });

  route({
    method: 'GET',
    url: '/members',
    tag,
    summary:
      'List members, newest first; filter by status, tier, label, joinedFrom/joinedTo; q searches email and name (cursor pagination)',
    access,
    query: memberListQuerySchema,
    response: listOf('members', memberSchema),
    handler: async ({ query }) => {
      const page = await services.memberAdmin.list(query);
      return { members: page.items, meta: { pagination: { next: page.next, limit: page.limit } } };
    },
  });
  route({
    method: 'POST',
    url: '/members',
    tag,
    summary: 'Add a member (free, or complimentary with comp); an email already a member is a 409',
    access,
    body: memberCreateSchema,
    response: one,
    successStatus: 201,
    handler: async ({ body, request }) => ({
      member: await services.memberAdmin.create(body, actorOf(request).label),
    }),
  });
  route({
    method: 'GET',
    url: '/members/stats',
    tag,
    summary:
      'Totals by status and tier, joins and losses per day in the newsroom’s time zone over from–to, and monthly recurring revenue',
    access,
    query: memberStatsQuerySchema,
    response: memberStatsSchema,
    handler: async ({ query }) =>
      services.memberAdmin.stats(query, (await services.settings.get()).timezone),
  });
  route({
    method: 'GET',
    url: '/members/export',
    tag,
    summary:
      'Members as Ghost-compatible CSV (email, name, note, subscribed_to_emails, complimentary_plan, stripe_customer_id, created_at, labels, newsletters: the slugs of the lists the member is on; subscribed_to_emails is true when they are on any), with the list filters',
    access,
    query: memberFilterSchema,
    response: csvStream,
    handler: ({ query, reply }) => {
      const day = new Date().toISOString().slice(0, 10);
      void reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="members-${day}.csv"`);
      return Promise.resolve(Readable.from(services.memberAdmin.exportCsv(query)));
    },
  });
  route({
    method: 'POST',
    url: '/members/import',
    tag,
    summary:
      'Import members from CSV (multipart field file, or a text/csv body). The whole file is checked first; with bad rows nothing is imported unless skipInvalid=true. mode=create (default) adds new emails and skips existing members; mode=update changes existing members only (name, note, subscribed_to_emails, newsletters, labels — the columns the file has; a newsletters column of slugs sets the lists, and without it subscribed_to_emails=true means the default lists) and skips unknown emails; mode=upsert does both. The report counts created, updated, unchanged and skipped rows with row numbers and reasons. The import is one transaction: interrupted, it writes nothing.',
    access,
    isMultipart: true,
    // 100,000 members is about 10 MB of CSV; checked after the caller is known to be allowed.
    bodyLimit: 64 * 1024 * 1024,
    query: memberImportQuerySchema,
    response: memberImportReportSchema,
    handler: async ({ request, query }) => {
      const text = await csvTextOf(request);
      const report = await services.memberAdmin.importCsv(text, {
        skipInvalid: query.skipInvalid,
        mode: query.mode,
        actor: actorOf(request).label,
      });
      if (report.imported > 0) services.campaigns.clearProgress();
      return report;
    },
  });
  route({
    method: 'GET',
    url: '/members/:id',
    tag,
    summary: 'Read a member with their latest 50 events',
    access,
    params: idParamsSchema,
    response: z.object({ member: memberSchema, history: z.array(memberEventSchema) }),
    handler: async ({ params }) => services.memberAdmin.detail(params.id),
  });
  route({
    method: 'PATCH',
    url: '/members/:id',
    tag,
    summary: 'Edit a member: name, note, labels (the full set), subscribedToEmails',
    access,
    params: idParamsSchema,
    body: memberUpdateSchema,
    response: one,
    handler: async ({ params, body, request }) => ({
      member: await services.memberAdmin.update(params.id, body, actorOf(request).label),
    }),
  });
  route({
    method: 'DELETE',
    url: '/members/:id',
    tag,
    summary:
      'Delete a member and everything kept about them; their Stripe subscription is cancelled first (503 SUBSCRIPTION_NOT_CANCELLED when Stripe cannot be reached, nothing deleted)',
    access,
    params: idParamsSchema,
    response: noContent,
    successStatus: 204,
    handler: async ({ params, request }) => {
      await services.memberAdmin.delete(params.id, actorOf(request).label);
    },
  });
  route({
    method: 'POST',
    url: '/members/:id/comp',
    tag,
    summary:
      'Give complimentary access (status comped, optional tierId and until); refused for a live paid member',
    access,
    params: idParamsSchema,
    body: memberCompSchema,
    response: one,
    handler: async ({ params, body, request }) => ({
      member: await services.memberAdmin.comp(params.id, body, actorOf(request).label),
    }),
  });
  route({
    method: 'DELETE',
    url: '/members/:id/comp',
    tag,
    summary: 'End complimentary access now (the member is free again)',
    access,
    params: idParamsSchema,
    response: one,
    handler: async ({ params, request }) => ({
      member: await services.memberAdmin.removeComp(params.id, actorOf(request).label),
    }),
  });
  route({
    method: 'GET',
    url: '/members/:id/events',
    tag,
    summary: "A member's history, newest first (cursor pagination)",
    access,
    params: idParamsSchema,
    query: memberEventsQuerySchema,
    response: listOf('events', memberEventSchema),
    handler: async ({ params, query }) => {
      const page = await services.memberAdmin.events(params.id, query);
      return { events: page.items, meta: { pagination: { next: page.next, limit: page.limit } } };
    },
  });
};
