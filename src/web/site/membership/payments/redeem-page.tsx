import type { Gift } from '../../../../features/payments/index.js';
import { Fragment, h } from '../../jsx/index.js';
import type { SiteContext } from '../../site-context.js';
import { paymentPage } from './payment-page.js';

/** /gift/redeem: a gift's recipient sees it and redeems it once. */
export function renderRedeemPage(options: {
  site: SiteContext;
  code: string;
  gift: Gift | undefined;
  tierName: string | undefined;
  /** After redeeming: until when, and the gift days held while a paid membership runs. */
  redeemed?: { accessUntil: string | null; heldDays: number };
}): string {
  const { gift, redeemed } = options;
  const body = redeemed ? (
    <>
      <h1>Your gift is ready</h1>
      {redeemed.heldDays > 0 ? (
        <p>{`You are already a paying member, so your gift is saved: its ${redeemed.heldDays} days start when your paid membership ends${redeemed.accessUntil ? ` (${redeemed.accessUntil.slice(0, 10)})` : ''}. Your account page shows them.`}</p>
      ) : redeemed.accessUntil ? (
        <p>{`Your membership runs until ${redeemed.accessUntil.slice(0, 10)}.`}</p>
      ) : (
        <p>Your membership continues.</p>
      )}
      <p>
        <a class="button" href="/signin/">
          Sign in to read
        </a>
      </p>
    </>
  ) : !gift ? (
    <>
      <h1>We could not find this gift</h1>
      <p>Check that the whole link from the email was opened.</p>
    </>
  ) : gift.status === 'redeemed' ? (
    <>
      <h1>This gift has already been redeemed</h1>
      <p>
        <a href="/signin/">Sign in</a> to read with it.
      </p>
    </>
  ) : gift.status === 'refunded' ? (
    <h1>This gift was refunded</h1>
  ) : (
    <>
      <h1>{`A gift for ${gift.recipientName || gift.recipientEmail}`}</h1>
      <p>{`${gift.buyerEmail} gave you ${gift.months === 1 ? '1 month' : `${gift.months} months`} of ${options.tierName ?? 'membership'}.`}</p>
      {gift.message ? <blockquote>{gift.message}</blockquote> : ''}
      <form method="post" action="/gift/redeem" class="member-form">
        <input type="hidden" name="code" value={options.code} />
        <button class="button" type="submit">
          Redeem my gift
        </button>
      </form>
    </>
  );
  return paymentPage(options.site, 'Gift membership', '/gift/redeem', body);
}
