export { createWebhooksService } from './webhooks.service.js';
export type { WebhooksService, WebhooksDeps } from './webhooks.service.js';
export type { DeliveryReport, DispatchReport } from './webhook-dispatch.js';
export {
  maxAttempts,
  retryDelaysMs,
  webhookInputSchema,
  webhookPatchSchema,
  webhookSecretPrefix,
} from './webhook.js';
export type {
  DeliveryStatus,
  Webhook,
  WebhookDelivery,
  WebhookInput,
  WebhookPatch,
} from './webhook.js';
export {
  signatureHeader,
  signWebhookPayload,
  verifyWebhookSignature,
} from './webhook-signature.js';
export { webhookSecretPurpose } from './webhook-dispatch.js';
