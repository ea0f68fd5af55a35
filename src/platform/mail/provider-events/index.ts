export type {
  DeliveryEvent,
  DeliveryEventProvider,
  ProviderEvents,
  RefusalProblem,
} from './delivery-event.js';
export { refusalProblem } from './delivery-event.js';
export {
  createSnsEvents,
  createSnsHttpsFetch,
  parseTopicArn,
  type SnsEvents,
  type SnsFetch,
  type SnsOutcome,
  type SnsTopic,
} from './sns.js';
export {
  createMailgunEvents,
  mailgunSignature,
  mailgunTokenMemoryMs,
  type MailgunEvents,
  type RememberToken,
} from './mailgun.js';
