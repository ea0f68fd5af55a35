import type { EventPayloads, EventType } from '../../shared/contracts/events.js';

export {
  eventSchemas,
  eventTypes,
  internalEventTypes,
  isEventType,
  isPublicEventType,
  publicEventTypes,
} from '../../shared/contracts/events.js';
export type {
  EventPayloadInputs,
  EventPayloads,
  EventType,
  InternalEventType,
  PublicEventType,
} from '../../shared/contracts/events.js';

/** One recorded change, typed by its kind: `event.type` narrows `event.payload`. */
export type OutboxEvent<K extends EventType = EventType> = {
  [T in K]: {
    id: string;
    type: T;
    subjectId: string;
    payload: EventPayloads[T];
    actor: string;
    createdAt: string;
  };
}[K];
