export { createPostsService } from './posts.service.js';
export type { PostsService } from './posts.service.js';
export type { ImportedPost } from './post-import.js';
export type { PostsTables } from './posts.table.js';
export * from './post.js';
