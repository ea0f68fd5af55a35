// Live blogs (issue #16): the updates posted to a post of kind `live`, as the Admin API takes and
// answers them. Shared so the admin's composer checks the same rules before sending. Live
// updates are not the correction kind `update` (contracts/posts.ts): the names stay apart.
import { z } from 'zod';
import { idSchema } from './common.js';

/** A new update: its short document (checked by the richtext validator) and its flags. */
export const liveUpdateCreateSchema = z.strictObject({
  body: z.unknown().refine((v) => v !== undefined, 'is required'),
  keyEvent: z.boolean().optional(),
  pinned: z.boolean().optional(),
});
export type LiveUpdateCreateInput = z.infer<typeof liveUpdateCreateSchema>;

/** A change names the version it edited; a stale one is answered 409 (someone changed it meanwhile). */
export const liveUpdatePatchSchema = z.strictObject({
  version: z.number().int().min(1),
  body: z.unknown().optional(),
  keyEvent: z.boolean().optional(),
  pinned: z.boolean().optional(),
});
export type LiveUpdatePatchInput = z.infer<typeof liveUpdatePatchSchema>;

/** Removing an update may say why; the page notes the removal either way. */
export const liveUpdateDeleteQuerySchema = z.strictObject({
  note: z.string().trim().max(300).optional(),
});

export const liveUpdateParamsSchema = z.strictObject({ id: idSchema, updateId: idSchema });

export const liveUpdateSchema = z.object({
  id: z.string(),
  postId: z.string(),
  body: z.unknown(),
  /** The author profile of who posted it (null for an API token). */
  authorId: z.string().nullable(),
  publishedAt: z.string(),
  /** Set when the update was changed after it went out ("Edited at …"). */
  editedAt: z.string().nullable(),
  pinned: z.boolean(),
  keyEvent: z.boolean(),
  /** Set when it was removed ("An update was removed at …"); the body is then empty. */
  deletedAt: z.string().nullable(),
  deletedNote: z.string().nullable(),
  version: z.number().int(),
});
export type LiveUpdateView = z.infer<typeof liveUpdateSchema>;

/** When coverage started (first publication) and ended (null while it goes on). */
export const liveCoverageSchema = z.object({
  postId: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
});
export type LiveCoverageView = z.infer<typeof liveCoverageSchema>;
