import { webArea } from '../../web-area.js';
import { registerAccountRoutes } from './account-routes.js';
import type { MembershipOptions } from './membership-deps.js';
import { registerNewsletterRoutes } from './newsletter-routes.js';
import { registerPaymentRoutes } from './payments/payment-routes.js';
import { useReaderForms } from './reader-forms.js';
import { registerSignInRoutes } from './sign-in-routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every state-changing reader-form route, e.g. `POST /signin/` (for the same-origin test). */
    readerFormRoutes: readonly string[];
  }
}

/**
 * The reader's side of membership in one plugin: sign-in, the account page, and paid
 * membership (join, donate, give, redeem, billing). Every form and query in it goes through
 * reader-forms.ts: one body parser, one same-origin rule, Zod schemas.
 */
export const membership = webArea<MembershipOptions>((scope, options) => {
  const { formRoutes, ...deps } = options;
  useReaderForms(scope, {
    siteOrigin: new URL(deps.publicUrl).origin,
    onFormRoute: (route) => formRoutes.push(route),
  });
  registerSignInRoutes(scope, deps);
  registerAccountRoutes(scope, deps);
  registerPaymentRoutes(scope, deps);
  registerNewsletterRoutes(scope, deps);
});
