import { AppError, forbidden } from '../../platform/errors.js';
import type { PostBulkInput } from '../../shared/contracts/posts.js';
import type { Actor } from '../staff/index.js';
import { assertCanEdit, assertCanPublish } from './post-access.js';
import { checkReferences } from './post-validation.js';
import type { Post } from './post.js';
import type { PostWorkflow } from './post-workflow.js';
import { snapshotOf } from './post-fields.js';
import { assertDeletable, type PostWrites } from './post-writes.js';
import { inTransaction, type PostsDeps } from './posts-context.js';

export interface PostBulkResult {
  /** The stories the action changed, as they are now (none for delete). */
  posts: Post[];
  /** Ids deleted (delete only). */
  deletedIds: string[];
  /** Ids left as they were because the action did not apply (e.g. unpublishing a draft). */
  skippedIds: string[];
}

const ownership = (post: Post) => ({
  status: post.status,
  createdBy: post.createdBy,
  createdByToken: post.createdByToken,
  authorIds: post.authors.map((a) => a.id),
});

/** One action over many stories: every role check first, then all of it in one transaction. */
export function createPostBulk(deps: PostsDeps, writes: PostWrites, workflow: PostWorkflow) {
  /** Refuses the whole request (403) when the actor may not act on one of the stories. */
  function check(actor: Actor, input: PostBulkInput, posts: Post[]): void {
    for (const post of posts) {
      try {
        if (input.action === 'unpublish') assertCanPublish(actor, ownership(post));
        else if (input.action === 'delete')
          assertDeletable(actor, post, { unpublishFirst: input.unpublishFirst ?? false });
        else assertCanEdit(actor, ownership(post));
      } catch (error) {
        if (error instanceof AppError && error.status === 403)
          throw forbidden(`${error.message} (“${post.title}”); nothing was changed`);
        throw error;
      }
    }
  }

  return async (actor: Actor, input: PostBulkInput): Promise<PostBulkResult> => {
    const ids = [...new Set(input.ids)];
    const posts = await Promise.all(ids.map((id) => writes.reload(id)));
    check(actor, input, posts);
    if (input.action === 'addTags' || input.action === 'setAuthors') {
      const probe = snapshotOf(posts[0] as Post);
      await checkReferences(
        input.action === 'addTags'
          ? { ...probe, tagIds: input.tagIds }
          : { ...probe, authorIds: input.authorIds },
        deps.refs,
      );
    }
    const changed: string[] = [];
    const skippedIds: string[] = [];
    const deletedIds: string[] = [];
    await inTransaction(deps, async (trx, record, audit) => {
      const tx = { trx, record, audit };
      const details = { bulk: input.action, count: posts.length };
      for (const post of posts) {
        switch (input.action) {
          case 'unpublish':
            if (post.status !== 'published' && post.status !== 'scheduled') {
              skippedIds.push(post.id);
              break;
            }
            await workflow.unpublishIn(tx, actor, post);
            changed.push(post.id);
            break;
          case 'delete':
            await writes.removeIn(tx, actor, post);
            deletedIds.push(post.id);
            break;
          case 'addTags': {
            const before = snapshotOf(post);
            const tagIds = [...new Set([...before.tagIds, ...input.tagIds])];
            if (tagIds.length === before.tagIds.length) {
              skippedIds.push(post.id);
              break;
            }
            await writes.writeSnapshot(tx, actor, post, { ...before, tagIds }, post.version, {
              ...details,
              tagIds: input.tagIds,
            });
            changed.push(post.id);
            break;
          }
          case 'setAuthors': {
            const before = snapshotOf(post);
            if (before.authorIds.join() === input.authorIds.join()) {
              skippedIds.push(post.id);
              break;
            }
            await writes.writeSnapshot(
              tx,
              actor,
              post,
              { ...before, authorIds: input.authorIds },
              post.version,
              { ...details, authorIds: input.authorIds },
            );
            changed.push(post.id);
            break;
          }
        }
      }
    });
    return {
      posts: await Promise.all(changed.map((id) => writes.reload(id))),
      deletedIds,
      skippedIds,
    };
  };
}
