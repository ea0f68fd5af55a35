/** Things that happened, which webhooks, caches and later features react to. */
export const eventTypes = [
  'post.published',
  'post.updated',
  'post.unpublished',
  'post.deleted',
  'member.created',
  'member.updated',
  'member.deleted',
] as const;
export type EventType = (typeof eventTypes)[number];

export interface OutboxEvent {
  id: string;
  type: EventType;
  subjectId: string;
  payload: Record<string, unknown>;
  actor: string;
  createdAt: string;
  dispatchedAt: string | null;
}
