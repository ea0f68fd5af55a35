import type { BulkMailer } from '../mail/bulk-mailer.js';
import type { Metrics } from './metrics.js';

/**
 * The bulk mailer, counting each message's outcome: the newsletter sender records outcomes
 * through this port already, so wrapping it at the composition root counts every message
 * without the feature knowing metrics exist. A throw (the port promises answers, not throws)
 * counts as uncertain, as the sender records it.
 */
export function countedBulkMailer(
  mailer: BulkMailer,
  metrics: Pick<Metrics, 'countNewsletterMessage'>,
): BulkMailer {
  return {
    get poolSize() {
      return mailer.poolSize;
    },
    async send(message) {
      try {
        const outcome = await mailer.send(message);
        metrics.countNewsletterMessage(outcome.status);
        return outcome;
      } catch (error) {
        metrics.countNewsletterMessage('uncertain');
        throw error;
      }
    },
    close: () => mailer.close(),
  };
}
