// A News Feed brief posted in one call: the fields of a post it takes (the server sets the kind),
// shared so the admin's composer checks the same rules before sending.
import { postCreateSchema } from './posts.js';

export const postBriefCreateSchema = postCreateSchema.pick({
  title: true,
  body: true,
  authorIds: true,
  tagIds: true,
});
