export { createEventsService } from './events.service.js';
export type { EventsService, EventListener } from './events.service.js';
export { eventTypes } from './event.js';
export type { EventType, OutboxEvent } from './event.js';
export type { EventsTables } from './events.table.js';
