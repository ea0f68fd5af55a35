import type { LiveService } from '../features/live/index.js';
import type { MediaItem } from '../features/media/index.js';
import type { PostsService } from '../features/posts/index.js';
import { newId } from '../platform/ids.js';
import type { Doc } from '../shared/richtext/index.js';
import type { DemoLivePage } from './demo-live.js';

/**
 * The live page (kind `live`), published, with its summary, lead photo and timed updates;
 * coverage still going. One update carries a photo after its text, as the composer adds one.
 */
export async function loadLivePage(
  services: { live: LiveService; posts: PostsService },
  options: {
    page: DemoLivePage;
    authorId: (key: string) => string | null;
    tagIds: (keys: readonly string[]) => string[];
    photos: readonly MediaItem[];
  },
): Promise<void> {
  const { page, photos } = options;
  const lead = photos[0];
  const id = newId(page.publishedAt.getTime());
  await services.posts.importBatch([
    {
      id,
      kind: 'live',
      slug: page.slug,
      title: page.title,
      dek: page.dek,
      body: page.summary as unknown as Doc,
      authorIds: page.authorKeys.flatMap((key) => options.authorId(key) ?? []),
      tagIds: options.tagIds(page.sectionKeys),
      status: 'published',
      publishedAt: page.publishedAt.toISOString(),
      leadImage: lead ? { mediaId: lead.id, ...page.leadPhoto } : null,
    },
  ]);
  const photo = photos[1 % photos.length];
  await services.live.importUpdates(
    id,
    page.updates.map((u) => {
      const blocks: unknown[] = u.paragraphs.map((p) => ({
        type: 'paragraph',
        content: [{ type: 'text', text: p }],
      }));
      if (u.photo && photo)
        blocks.push({
          type: 'figure',
          attrs: {
            mediaId: photo.id,
            src: photo.url,
            alt: u.photo.alt,
            caption: u.photo.caption,
            credit: 'The Velmora Courier',
            width: photo.width,
            height: photo.height,
          },
        });
      return {
        id: newId(u.publishedAt.getTime()),
        body: { type: 'doc', content: blocks } as unknown as Doc,
        authorId: options.authorId(u.authorKey),
        publishedAt: u.publishedAt.toISOString(),
        pinned: u.isPinned ?? false,
        keyEvent: u.isKeyEvent ?? false,
      };
    }),
  );
}
