// The event types a webhook may subscribe to. The server's list is features/events/event.ts,
// which the admin may not import (it talks to the server only over the API); the API refuses
// any name it does not know, so a type added there and missing here is visible at once.
export const webhookEventTypes = [
  { type: 'post.published', text: 'A story is published' },
  { type: 'post.updated', text: 'A published story changes' },
  { type: 'post.unpublished', text: 'A story is unpublished' },
  { type: 'post.deleted', text: 'A story is deleted' },
  { type: 'member.created', text: 'A member joins' },
  { type: 'member.updated', text: 'A member’s details or membership change' },
  { type: 'member.deleted', text: 'A member is deleted' },
] as const;
