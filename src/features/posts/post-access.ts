import { can, requirePermission, type Actor } from '../staff/index.js';
import { forbidden } from '../../platform/errors.js';
import type { Post, PostStatus } from './post.js';

/** What the access rules need to know about a post. */
export interface PostOwnership {
  status: PostStatus;
  createdBy: string | null;
  createdByToken: string | null;
  authorIds: readonly string[];
}

/** A staff member owns posts they created or carry their byline; a token owns what it created. */
export function ownsPost(actor: Actor, post: PostOwnership): boolean {
  if (actor.userId !== null && post.createdBy === actor.userId) return true;
  if (actor.tokenId !== null && post.createdByToken === actor.tokenId) return true;
  return actor.authorId !== null && post.authorIds.includes(actor.authorId);
}

/** The one mapping from a loaded post to what the access rules read. */
export const ownershipOf = (post: Post): PostOwnership => ({
  status: post.status,
  createdBy: post.createdBy,
  createdByToken: post.createdByToken,
  authorIds: post.authors.map((a) => a.id),
});

/** Below editor, staff see published stories and their own; others' drafts are not theirs to read. */
export function canReadPost(actor: Actor, post: PostOwnership): boolean {
  return can(actor, 'posts.edit.any') || post.status === 'published' || ownsPost(actor, post);
}

export function assertCanReadPost(actor: Actor, post: PostOwnership): void {
  if (!canReadPost(actor, post)) throw forbidden('You can read only your own unpublished stories');
}

/**
 * canReadPost as a list query applies it, in SQL before paging (so a contributor's pages are
 * full): everything, or published stories plus the ones the actor owns (see ownsPost).
 */
export type PostReadScope =
  | { kind: 'all' }
  | {
      kind: 'published-and-own';
      userId: string | null;
      tokenId: string | null;
      authorId: string | null;
    };

export function readScopeOf(actor: Actor): PostReadScope {
  if (can(actor, 'posts.edit.any')) return { kind: 'all' };
  return {
    kind: 'published-and-own',
    userId: actor.userId,
    tokenId: actor.tokenId,
    authorId: actor.authorId,
  };
}

/** Editors edit anything; authors their own posts; contributors their own posts until published. */
export function assertCanEdit(actor: Actor, post: PostOwnership): void {
  if (can(actor, 'posts.edit.any')) return;
  if (!ownsPost(actor, post)) throw forbidden('You can edit only your own stories');
  if (!can(actor, 'posts.publish.own') && !['draft', 'in_review'].includes(post.status)) {
    throw forbidden(
      'Contributors can edit only their drafts; ask an editor to change a published story',
    );
  }
}

export function assertCanPublish(actor: Actor, post: PostOwnership): void {
  if (can(actor, 'posts.publish.any')) return;
  requirePermission(actor, 'posts.publish.own');
  if (!ownsPost(actor, post)) throw forbidden('You can publish only your own stories');
}

export function assertCanDelete(actor: Actor, post: PostOwnership): void {
  if (can(actor, 'posts.delete.any')) return;
  if (!ownsPost(actor, post)) throw forbidden('You can delete only your own stories');
  if (!can(actor, 'posts.publish.own') && post.status !== 'draft' && post.status !== 'in_review') {
    throw forbidden('Contributors can delete only their drafts');
  }
}

export function assertCanSubmit(actor: Actor, post: PostOwnership): void {
  if (!ownsPost(actor, post) && !can(actor, 'posts.edit.any'))
    throw forbidden('You can submit only your own stories');
}
