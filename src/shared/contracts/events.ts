import { z } from 'zod';

/**
 * The outbox's vocabulary: every change other parts of Masthead react to, with the shape of what
 * it carries. Features record these in the transaction of the change; the page cache, webhooks
 * and (next) newsletters, the mirror and CDN purges read them.
 *
 * Two kinds:
 * - public events, which webhooks can subscribe to; their payloads are a published interface
 *   (docs/webhooks.md) and only grow;
 * - internal events, which tell Masthead's own consumers (the page cache first) that something a
 *   reader page shows has changed; they are never sent outside.
 *
 * Payload objects are loose: fields a later version adds pass through to webhooks unchanged, and
 * rows written by an older version parse with defaults.
 */

const ids = z.array(z.string()).default([]);

/** What every post event carries: enough to find each page that showed the post, even once deleted. */
const postPayload = z.looseObject({
  slug: z.string().default(''),
  kind: z.string().default('story'),
  /** Bylines before and after the change. */
  authorIds: ids,
  /** Sections and tags before and after the change. */
  tagIds: ids,
  /** Set when the change moved the post to a new address. */
  previousSlug: z.string().optional(),
});

export const publicEventSchemas = {
  'post.published': postPayload.extend({
    /** Published by the scheduler after its time had passed (the server was down). */
    isLate: z.boolean().optional(),
  }),
  'post.updated': postPayload.extend({
    /** A correction or clarification was added (its id). */
    correction: z.string().optional(),
  }),
  'post.unpublished': postPayload,
  'post.deleted': postPayload.extend({ wasPublished: z.boolean().optional() }),
  'member.created': z.looseObject({
    email: z.string().default(''),
    /** Who added the member: absent when they joined themselves. */
    source: z.string().optional(),
  }),
  'member.updated': z.looseObject({ changed: z.array(z.string()).default([]) }),
  'member.deleted': z.looseObject({}),
} as const;

const slugChange = {
  slug: z.string().default(''),
  /** The address before a rename, whose page must be dropped too. */
  previousSlug: z.string().optional(),
};

/** What a live update event carries: which update of which live page, and whether it is a key event. */
const liveUpdatePayload = z.looseObject({
  postId: z.string().default(''),
  updateId: z.string().default(''),
  slug: z.string().default(''),
  /** A key event shows on home and the News Feed too (before or after the change). */
  isKeyEvent: z.boolean().default(false),
});

export const internalEventSchemas = {
  /** A section or tag was created, renamed, reordered in the navigation or changed. */
  'tag.updated': z.looseObject(slugChange),
  'tag.deleted': z.looseObject(slugChange),
  /** An author profile (name, bio, photo, links) changed, by staff or through their own profile. */
  'author.updated': z.looseObject(slugChange),
  'author.deleted': z.looseObject(slugChange),
  /** Site settings changed (name, navigation, colours, the drive…): the keys that changed. */
  'settings.updated': z.looseObject({ keys: z.array(z.string()).default([]) }),
  /** An image's alt text, caption or credit changed, or it was deleted. */
  'media.updated': z.looseObject({}),
  'media.deleted': z.looseObject({}),
  /** A membership campaign (the drive banner's goal and texts) was created, changed or removed. */
  'campaign.updated': z.looseObject({}),
  'campaign.deleted': z.looseObject({}),
  /** A newsletter (list) was created or changed: the sign-up forms list them. */
  'newsletter.updated': z.looseObject({}),
  /**
   * Live blogs: an update was posted, changed (body, pin, key event) or removed, or coverage
   * ended. The subject is the live post's id. The page cache drops that live page (and home and
   * the News Feed for a key event); the SSE hub (`/<slug>/live`) fans them out to readers.
   */
  'live.update.published': liveUpdatePayload,
  'live.update.changed': liveUpdatePayload,
  'live.update.deleted': liveUpdatePayload,
  'live.ended': z.looseObject({ postId: z.string().default(''), slug: z.string().default('') }),
} as const;

export const eventSchemas = { ...publicEventSchemas, ...internalEventSchemas } as const;

export type PublicEventType = keyof typeof publicEventSchemas;
export type InternalEventType = keyof typeof internalEventSchemas;
export type EventType = keyof typeof eventSchemas;

export const publicEventTypes = Object.keys(publicEventSchemas) as PublicEventType[];
export const internalEventTypes = Object.keys(internalEventSchemas) as InternalEventType[];
export const eventTypes = Object.keys(eventSchemas) as EventType[];

/** What each event type carries, as read back (defaults filled in). */
export type EventPayloads = { [K in EventType]: z.output<(typeof eventSchemas)[K]> };
/** What a feature passes when it records an event (defaulted fields may be left out). */
export type EventPayloadInputs = { [K in EventType]: z.input<(typeof eventSchemas)[K]> };

export const isEventType = (value: string): value is EventType =>
  Object.hasOwn(eventSchemas, value);
export const isPublicEventType = (value: string): value is PublicEventType =>
  Object.hasOwn(publicEventSchemas, value);
