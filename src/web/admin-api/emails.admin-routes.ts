import { z } from 'zod';
import { idParamsSchema } from '../../shared/contracts/common.js';
import {
  emailProgressSchema,
  emailReportSchema,
  emailRetrySchema,
  newsletterSchema,
  newsletterTestSendSchema,
  subscriptionSourceSchema,
} from '../../shared/contracts/newsletters.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { AdminRoutes } from './admin-api.js';

const memberNewslettersSchema = z.object({
  newsletters: z.array(
    z.object({
      newsletter: newsletterSchema,
      isSubscribed: z.boolean(),
      source: subscriptionSourceSchema.nullable(),
      changedAt: z.string().nullable(),
    }),
  ),
  emails: z.array(
    z.object({
      emailId: z.string(),
      subject: z.string(),
      state: z.string(),
      reply: z.string().nullable(),
      updatedAt: z.string(),
      /**
       * What per-member tracking saw (the newsroom's opt-in), for an email sent with it; null
       * otherwise. `opens` / `clicks` are null when that kind of tracking was off for the email.
       */
      activity: z
        .object({
          opens: z.number().int().nullable(),
          clicks: z.number().int().nullable(),
          lastOpenedAt: z.string().nullable(),
          lastClickedAt: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
  suppression: z
    .object({ reason: z.string(), source: z.string(), createdAt: z.string() })
    .nullable(),
});

/**
 * Emails: a story's send and its progress, the report, cancel and retry, test sends, and a
 * member's newsletters. Seeing them is for everyone who publishes; acting on them for editors.
 */
export const emailsAdminRoutes: AdminRoutes<
  ServicesOf<'emails' | 'newsletters' | 'memberAdmin' | 'suppressions'>
> = ({ route, services }) => {
  const tag = 'Newsletters';
  route({
    method: 'GET',
    url: '/posts/:id/email',
    tag,
    summary: 'A story’s email and its progress (null when it was not emailed)',
    access: 'newsletters.read',
    params: idParamsSchema,
    response: z.object({ email: emailProgressSchema.nullable() }),
    handler: async ({ params }) => ({
      email: (await services.emails.forPost(params.id)) ?? null,
    }),
  });
  route({
    method: 'GET',
    url: '/emails/:id',
    tag,
    summary:
      'An email’s report: recipients, sent, failed, uncertain, skipped, bounces, unsubscribes',
    access: 'newsletters.read',
    params: idParamsSchema,
    response: z.object({ email: emailReportSchema }),
    handler: async ({ params }) => ({ email: await services.emails.report(params.id) }),
  });
  route({
    method: 'POST',
    url: '/emails/:id/cancel',
    tag,
    summary: 'Stop what has not left yet (messages already handed to the server still arrive)',
    access: 'newsletters.send',
    params: idParamsSchema,
    response: z.object({ email: emailProgressSchema }),
    handler: async ({ params }) => ({ email: await services.emails.cancel(params.id) }),
  });
  route({
    method: 'POST',
    url: '/emails/:id/retry',
    tag,
    summary:
      'Send again to the recipients that failed (and, with includeUncertain, to those that may already have it)',
    access: 'newsletters.send',
    params: idParamsSchema,
    body: emailRetrySchema,
    response: z.object({ email: emailProgressSchema, requeued: z.number().int() }),
    handler: async ({ params, body }) => {
      const { requeued, ...email } = await services.emails.retry(params.id, {
        includeUncertain: body?.includeUncertain ?? false,
      });
      return { email, requeued };
    },
  });
  route({
    method: 'POST',
    url: '/newsletters/:id/test',
    tag,
    summary: 'Send a story as this newsletter would, marked [Test], to up to five addresses',
    access: 'newsletters.send',
    params: idParamsSchema,
    body: newsletterTestSendSchema,
    response: z.object({ sent: z.number().int() }),
    handler: async ({ params, body }) => ({
      sent: await services.emails.sendTest({
        newsletterId: params.id,
        postId: body.postId,
        addresses: body.emails,
      }),
    }),
  });
  route({
    method: 'GET',
    url: '/members/:id/newsletters',
    tag,
    summary: 'A member’s newsletters (with the source and time of each change) and emails',
    access: 'members.manage',
    params: idParamsSchema,
    response: memberNewslettersSchema,
    handler: async ({ params }) => {
      // 404 for an unknown member.
      const { member } = await services.memberAdmin.detail(params.id);
      const [lists, standings, emails] = await Promise.all([
        services.newsletters.list({ includeArchived: true }),
        services.newsletters.subscriptionsOf(params.id),
        services.emails.forMember(params.id),
      ]);
      const byList = new Map(standings.map((s) => [s.newsletterId, s]));
      const suppression = await services.suppressions.why(member.email);
      return {
        newsletters: lists.map((newsletter) => {
          const standing = byList.get(newsletter.id);
          return {
            newsletter,
            isSubscribed: standing?.status === 'subscribed',
            source: standing?.source ?? null,
            changedAt: standing?.changedAt ?? null,
          };
        }),
        emails,
        suppression: suppression
          ? {
              reason: suppression.reason,
              source: suppression.source,
              createdAt: suppression.createdAt,
            }
          : null,
      };
    },
  });
};
