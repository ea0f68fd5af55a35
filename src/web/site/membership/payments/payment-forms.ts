import { z } from 'zod';
import { checkoutInputSchema, type CheckoutInput } from '../../../../features/payments/index.js';

/**
 * The paid-membership forms and queries as Zod schemas, in two steps:
 *
 * 1. `…Fields`: the form's shape (which fields, strings, bounded). A request that fails it did
 *    not come from our page, and gets the error page naming the field (`parseForm`).
 * 2. `…Form`: what the reader meant (an amount, a gift's length), giving the checkout service
 *    its input. A problem here is the reader's to fix: the route shows the form again with what
 *    they typed and the problem under its field. Whether an email or a tier is right stays the
 *    service's to say (same answer for the CLI and the API).
 */

const text = (max: number) => z.string().max(max);

/** A campaign id from a link or hidden field: kept only when it looks like one, else dropped. */
export const campaignOf = (value: string | undefined): string | undefined =>
  value !== undefined && /^[\w-]{1,64}$/.test(value) ? value : undefined;

/** A stale or mangled campaign link still shows the page: a bad id is dropped, not refused. */
const campaignParam = z.string().optional().transform(campaignOf);

/** `/membership/` and `/membership/gift/`: `?campaign=` (a drive's link); other parameters pass. */
export const membershipQuery = z.object({ campaign: campaignParam }).loose();

/** `GET /gift/redeem?code=…` (the link in the recipient's email). */
export const redeemQuery = z.object({ code: text(200).optional() }).loose();

/** `POST /gift/redeem`: the code from the page's hidden field. */
export const redeemForm = z.strictObject({
  code: z.string({ error: 'is required' }).min(1, 'is required').max(200),
});

/** The join, "choose your amount" and donation forms all post to /membership/checkout. */
export const checkoutFields = z.strictObject({
  /** `donation` on the donation form; absent on the tier forms. */
  kind: text(20).optional(),
  tierId: text(200).optional(),
  /** The join button pressed: `month` or `year`. */
  interval: text(20).optional(),
  email: text(1000).optional(),
  amount: text(40).optional(),
  campaign: text(200).optional(),
  /** The last story read (the page's script fills it from sessionStorage): analytics' attribution. */
  fromStory: text(300).optional(),
});
export type CheckoutFields = z.infer<typeof checkoutFields>;

export const giftFields = z.strictObject({
  tierId: text(200),
  months: text(20),
  recipientEmail: text(1000),
  recipientName: text(1000).optional(),
  /** The page allows 1,000 characters; the service says so when more arrive. */
  message: text(8000).optional(),
  buyerEmail: text(1000),
  campaign: text(200).optional(),
});
export type GiftFields = z.infer<typeof giftFields>;

type Issues = z.core.$RefinementCtx;

/** "7", "7.5", "7.50" or "$7.50" (major units, as readers type them) → 750 minor units. */
function minorUnitsOf(value: string | undefined, ctx: Issues): number | undefined {
  const text = (value ?? '').trim().replace(/^\$/, '');
  const match = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text);
  if (match) return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  ctx.addIssue({ code: 'custom', path: ['amount'], message: 'must be an amount like 5 or 7.50' });
  return undefined;
}

const intervals = ['month', 'year'] as const;
const isInterval = (value: string | undefined): value is (typeof intervals)[number] =>
  (intervals as readonly (string | undefined)[]).includes(value);

/**
 * Which checkout the form asks for follows from its fields: the donation form says
 * `kind=donation`; an amount means "choose your amount"; otherwise a tier at a fixed price.
 */
export const checkoutForm = checkoutFields
  .transform((form, ctx): CheckoutInput => {
    const email = form.email?.trim() || undefined;
    if (form.kind === 'donation') {
      const amount = minorUnitsOf(form.amount, ctx);
      return amount === undefined ? z.NEVER : { kind: 'donation', amount, email };
    }
    if (form.amount !== undefined && form.amount !== '') {
      const amount = minorUnitsOf(form.amount, ctx);
      return amount === undefined
        ? z.NEVER
        : { kind: 'amount', amount, tierId: form.tierId, email };
    }
    if (!isInterval(form.interval)) {
      ctx.addIssue({ code: 'custom', path: ['interval'], message: 'must be month or year' });
      return z.NEVER;
    }
    return { kind: 'subscription', tierId: form.tierId ?? '', interval: form.interval, email };
  })
  .pipe(checkoutInputSchema);

/** Which of the page's forms an attempt came from, so its problems show in that form only. */
export const checkoutFormName = (form: CheckoutFields): string =>
  form.kind === 'donation'
    ? 'donation'
    : form.amount !== undefined
      ? `amount-${form.tierId ?? ''}`
      : `tier-${form.tierId ?? ''}`;

const giftLengths = [1, 3, 6, 12] as const;
const isGiftLength = (months: number): months is (typeof giftLengths)[number] =>
  (giftLengths as readonly number[]).includes(months);

export const giftForm = giftFields
  .transform((form, ctx): CheckoutInput => {
    const months = Number(form.months);
    if (!isGiftLength(months)) {
      ctx.addIssue({ code: 'custom', path: ['months'], message: 'must be 1, 3, 6 or 12' });
      return z.NEVER;
    }
    return {
      kind: 'gift',
      tierId: form.tierId,
      months,
      recipientEmail: form.recipientEmail,
      recipientName: form.recipientName ?? '',
      message: form.message ?? '',
      buyerEmail: form.buyerEmail,
    };
  })
  .pipe(checkoutInputSchema);
