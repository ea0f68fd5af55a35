import { Fragment, h } from '../../jsx/index.js';
import type { SiteContext } from '../../site-context.js';
import { paymentPage } from './payment-page.js';

/** /membership/thanks/: where Checkout sends the reader back after paying. */
export function renderThanksPage(site: SiteContext): string {
  return paymentPage(
    site,
    'Thank you',
    '/membership/thanks/',
    <>
      <h1>Thank you</h1>
      <p>
        Your payment went through. It can take a minute to show on your account; a receipt is on its
        way by email.
      </p>
      <p>
        <a href="/">Back to the front page</a>
      </p>
    </>,
  );
}
