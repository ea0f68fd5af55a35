// PROVISIONAL: the story-email operations of the Admin API while they are being built on main
// ("Admin API: story emails"). Removed once `npm run gen:api` puts them in api-schema.d.ts.
import type { z } from 'zod';
import type {
  emailProgressSchema,
  emailReportSchema,
  emailRetrySchema,
  newsletterSchema,
  subscriptionSourceSchema,
} from '@shared/contracts/newsletters.js';

type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type Op<Body, Answer> = {
  parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
  requestBody: Body extends never ? never : { content: { 'application/json': Body } };
  responses: { 200: Json<Answer> };
};
type NoBody<Answer> = {
  parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
  requestBody?: never;
  responses: { 200: Json<Answer> };
};
interface Others {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
  put?: never;
  delete?: never;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
}
interface Get<O> extends Others {
  get: O;
  post?: never;
}
interface Post<O> extends Others {
  get?: never;
  post: O;
}

type Progress = z.input<typeof emailProgressSchema>;

declare module './api-schema.js' {
  interface paths {
    '/api/admin/v1/posts/{id}/email': Get<NoBody<{ email: Progress | null }>>;
    '/api/admin/v1/emails/{id}': Get<NoBody<{ email: z.input<typeof emailReportSchema> }>>;
    '/api/admin/v1/emails/{id}/cancel': Post<NoBody<{ email: Progress }>>;
    '/api/admin/v1/emails/{id}/retry': Post<
      Op<NonNullable<z.input<typeof emailRetrySchema>>, { email: Progress }>
    >;
    '/api/admin/v1/members/{id}/newsletters': Get<
      NoBody<{
        newsletters: {
          newsletter: z.input<typeof newsletterSchema>;
          isSubscribed: boolean;
          source: z.input<typeof subscriptionSourceSchema> | null;
          changedAt: string | null;
        }[];
        emails: {
          emailId: string;
          subject: string;
          state: string;
          reply: string | null;
          updatedAt: string;
        }[];
        suppression: { reason: string; source: string; createdAt: string } | null;
      }>
    >;
  }
}
