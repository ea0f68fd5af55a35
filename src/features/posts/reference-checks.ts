import type { AuthorsService } from '../authors/index.js';
import type { MediaService } from '../media/index.js';
import type { TagsService } from '../tags/index.js';
import type { ReferenceChecks } from './post-validation.js';
import { createPostsRepository, type PostsDb } from './posts.repository.js';

const missing = (wanted: readonly string[], found: Array<{ id: string }>) => {
  const have = new Set(found.map((f) => f.id));
  return wanted.filter((id) => !have.has(id));
};

/** The lookups post validation needs, answered by the features that own those things. */
export function createReferenceChecks(deps: {
  db: PostsDb;
  authors: AuthorsService;
  tags: TagsService;
  media: MediaService;
}): ReferenceChecks {
  const posts = createPostsRepository(deps.db);
  return {
    missingAuthors: async (ids) => missing(ids, await deps.authors.byIds(ids)),
    missingTags: async (ids) => missing(ids, await deps.tags.byIds(ids)),
    missingMedia: async (ids) => missing(ids, await deps.media.byIds(ids)),
    slugTakenByOther: (slug, postId) => posts.slugTakenByOther(slug, postId),
  };
}
