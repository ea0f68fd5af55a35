import type { z } from 'zod';
import type { Config } from '../config/index.js';
import type { servicesStatusSchema } from '../shared/contracts/settings.js';

export type ServicesStatus = z.infer<typeof servicesStatusSchema>;

/**
 * The state of mail and payments for staff to see, taken from the configuration field by field.
 * It copies only what is safe to show (host, port, From address, test or live mode), never the
 * SMTP URL, its user name or password, nor any Stripe key or secret; the web layer receives this
 * summary, not the configuration, so a later change there cannot leak one by accident.
 */
export function servicesStatusOf(
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'stripe'>,
): ServicesStatus {
  const smtp = config.smtpUrl ? new URL(config.smtpUrl) : null;
  const key = config.stripe?.secretKey;
  const keyShape = key ? /^(sk|rk)_(test|live)_/.exec(key) : null;
  return {
    mail: {
      isConfigured: smtp !== null,
      host: smtp ? smtp.hostname : null,
      port: smtp?.port ? Number(smtp.port) : null,
      isImplicitTls: smtp ? smtp.protocol === 'smtps:' : null,
      fromAddress: config.mailFrom,
    },
    payments: {
      isConfigured: key !== undefined,
      mode: keyShape ? (keyShape[2] as 'test' | 'live') : null,
      isRestrictedKey: keyShape ? keyShape[1] === 'rk' : null,
      hasWebhookSecret: Boolean(config.stripe?.webhookSecret),
    },
  };
}
