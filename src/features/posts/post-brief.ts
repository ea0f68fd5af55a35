// A News Feed brief in one call: created, then published by a role that may publish or sent for
// review by one that may not. The two steps are the service's own create and publish/submit,
// each with its audit entry and event; if the second fails the draft is removed again, so a
// failed brief leaves nothing behind for the writer to find and clean up.
import type { z } from 'zod';
import type { postBriefCreateSchema } from '../../shared/contracts/post-briefs.js';
import { can, type Actor } from '../staff/index.js';
import type { Post } from './post.js';
import type { PostsService } from './posts.service.js';

type PostBriefInput = z.infer<typeof postBriefCreateSchema>;

export function createPostBriefs(
  posts: Pick<PostsService, 'create' | 'publish' | 'submit' | 'delete'>,
) {
  return {
    async post(actor: Actor, input: PostBriefInput): Promise<Post> {
      const draft = await posts.create(actor, { ...input, kind: 'brief' });
      try {
        return can(actor, 'posts.publish.own')
          ? await posts.publish(actor, draft.id)
          : await posts.submit(actor, draft.id);
      } catch (error) {
        // The draft is the caller's own and unpublished, so removing it is always allowed.
        await posts.delete(actor, draft.id).catch(() => undefined);
        throw error;
      }
    },
  };
}
