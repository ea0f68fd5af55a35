export { createPostsService } from './posts.service.js';
export { createReferenceChecks } from './reference-checks.js';
export type { PostIndexer, PostsDeps } from './posts-context.js';
export type { PostsService } from './posts.service.js';
export type { ImportedPost } from './post-import.js';
export type { PublishedPostEntry, PublishedPostPage } from './post-sitemap.js';
export * from './post.js';
export type { GhostPostOrderField, GhostPostsQuery } from './post-ghost-query.js';
export { ghostPostOrderColumns } from './post-ghost-query.js';
