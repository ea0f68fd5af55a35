// A News Feed brief in one call: created, then published by a role that may publish or sent for
// review by one that may not. Both steps run in the draft's own transaction, each with its audit
// entry and event, so a brief that cannot go out leaves nothing behind for the writer to find and
// clean up, and its events are announced once, after the commit.
import type { z } from 'zod';
import type { postBriefCreateSchema } from '../../shared/contracts/post-briefs.js';
import { can, type Actor } from '../staff/index.js';
import type { Post } from './post.js';
import type { PostWorkflow } from './post-workflow.js';
import type { PostWrites } from './post-writes.js';

type PostBriefInput = z.infer<typeof postBriefCreateSchema>;

export function createPostBrief(writes: PostWrites, workflow: PostWorkflow) {
  return (actor: Actor, input: PostBriefInput): Promise<Post> =>
    writes.createDraft(actor, { ...input, kind: 'brief' }, async (tx, draft) => {
      if (can(actor, 'posts.publish.own')) await workflow.publishDraftIn(tx, actor, draft);
      else await workflow.submitIn(tx.trx, actor, draft);
    });
}
