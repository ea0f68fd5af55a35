import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { narrow } from '../../platform/db/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { EventsTables } from '../events/index.js';
import { paymentsRepository as repo } from './payments.repository.js';
import type { PaymentsTables } from './payments.table.js';

/**
 * Tells a reader, once, that their delayed payment (a bank debit) failed and nothing was
 * granted. Claimed by a compare-and-set on the payment's row; if sending fails the claim is
 * released and the error thrown, so Stripe's next delivery of the event tries again.
 */
export async function tellPaymentFailed(
  deps: {
    db: Kysely<PaymentsTables & EventsTables>;
    clock: Clock;
    mailer: Mailer;
    publicUrl: string;
  },
  sessionId: string,
): Promise<void> {
  const db = narrow(deps.db).to<PaymentsTables>();
  const row = await repo.checkoutPayment(db, sessionId);
  if (!row?.email || row.status !== 'failed') return;
  const isClaimed = await repo.moveCheckoutPayment(
    db,
    sessionId,
    { status: ['failed'], isNotified: false },
    { notified_at: deps.clock.now().toISOString() },
  );
  if (!isClaimed) return;
  const what =
    row.kind === 'gift' ? 'gift membership' : row.kind === 'donation' ? 'donation' : 'membership';
  const retry = row.kind === 'gift' ? '/membership/gift/' : '/membership/';
  try {
    await deps.mailer.send({
      to: row.email,
      subject: `Your payment for a ${what} did not go through`,
      text: [
        'Hello,',
        '',
        `Your bank did not complete the payment for your ${what}, so nothing was charged and`,
        `nothing has started.`,
        '',
        `You can try again, with another payment method if you like: ${deps.publicUrl}${retry}`,
      ].join('\n'),
    });
  } catch (error) {
    await repo.moveCheckoutPayment(db, sessionId, { status: ['failed'] }, { notified_at: null });
    throw error;
  }
}
