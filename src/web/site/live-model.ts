import type { Author } from '../../features/authors/index.js';
import type { LiveCoverage, LiveUpdate } from '../../features/live/index.js';
import type { Audience } from '../../features/members/index.js';
import type { MediaItem } from '../../features/media/index.js';
import type { Post } from '../../features/posts/index.js';
import type { SiteContext } from './site-context.js';

/** One update as a reader page shows it: its body's HTML only for an entitled audience. */
export interface ShownUpdate {
  update: LiveUpdate;
  author: Author | undefined;
  /** A line for the key-events list, titles and JSON-LD (the body's first text). */
  headline: string;
  /** The plain text (JSON-LD's articleBody), empty when the audience may not read it. */
  text: string;
  /** Undefined when the reader is not entitled to it (members-only, paid live pages). */
  html: string | undefined;
}

export interface LivePageModel {
  site: SiteContext;
  post: Post;
  audience: Audience;
  /** The audience may read this live page's updates (its visibility allows them). */
  isEntitled: boolean;
  coverage: LiveCoverage;
  /** Newest first, pinned on top. */
  updates: ShownUpdate[];
  summaryHtml: string | undefined;
  media: ReadonlyMap<string, MediaItem>;
}
