export { createEventsService } from './events.service.js';
export type { EventsService, EventListener, EventInput } from './events.service.js';
export { createOutboxConsumer } from './outbox-consumer.js';
export type { OutboxConsumer } from './outbox-consumer.js';
export { eventTypes, isPublicEventType, publicEventTypes } from './event.js';
export type {
  EventPayloadInputs,
  EventPayloads,
  EventType,
  OutboxEvent,
  PublicEventType,
} from './event.js';
export type { EventsTables } from './events.table.js';
