import type {
  EmailAccess,
  EmailContent,
  EmailSite,
  EmailTrackingFlags,
  EmailTrackingLinks,
  Newsletter,
  RenderedEmail,
} from '../../features/newsletters/index.js';
import type { Post, PostsService } from '../../features/posts/index.js';
import type { MediaService } from '../../features/media/index.js';
import type { SettingsService } from '../../features/settings/index.js';
import { collectMediaIds, collectRelatedPostIds } from '../../shared/richtext/index.js';
import { addEmailTracking } from './email-tracking.js';
import { renderEmail } from './render-email.js';

/** One email to render: a story, or the digest of a local date. */
export interface EmailToRender {
  id: string;
  newsletter: Newsletter;
  postId: string | null;
  digest: { date: string; intro: string | null } | null;
}

/** How far back a digest looks, and how much it may hold (a briefing, not an archive). */
const digestWindowMs = 24 * 3600_000;
const digestStories = 8;
const digestBriefs = 20;

/** What an email is made from (named here, not through the runtime's types: no cycle). */
interface PreparationServices {
  posts: Pick<PostsService, 'byId' | 'publishedByIds' | 'latestPublished'>;
  media: Pick<MediaService, 'byIds'>;
  settings: Pick<SettingsService, 'get'>;
}

/**
 * Builds an email's content from the newsroom's data and renders it once per access level (the
 * sender stores the result, so a process that takes over sends exactly the same thing).
 * Lookups are batched: the posts, then every image and related story they refer to at once.
 */
export function createEmailPreparation(deps: {
  services: PreparationServices;
  publicUrl: string;
  now: () => Date;
  /** The pixel and signed redirect URLs, for sends that track (settings at their start). */
  trackingLinks?: EmailTrackingLinks;
}) {
  const base = deps.publicUrl.replace(/\/+$/, '');

  async function siteOf(): Promise<{ site: EmailSite; timeZone: string }> {
    const settings = await deps.services.settings.get();
    return {
      site: {
        name: settings.siteName,
        url: base,
        accentColor: settings.accentColor,
        postalAddress: settings.postalAddress,
        locale: settings.locale,
        timeZone: settings.timezone,
        language: settings.language,
      },
      timeZone: settings.timezone,
    };
  }

  async function refsFor(posts: readonly Post[]) {
    const related = await deps.services.posts.publishedByIds([
      ...new Set(posts.flatMap((p) => collectRelatedPostIds(p.body))),
    ]);
    const mediaIds = new Set<string>();
    for (const post of [...posts, ...related]) {
      if (post.leadImage) mediaIds.add(post.leadImage.mediaId);
    }
    for (const post of posts) for (const id of collectMediaIds(post.body)) mediaIds.add(id);
    const media = await deps.services.media.byIds([...mediaIds]);
    return {
      media: new Map(media.map((m) => [m.id, m])),
      related: new Map(related.map((p) => [p.id, p])),
    };
  }

  /** The digest's posts: the day's stories (editors' top stories first), then its briefs. */
  async function digestPosts(): Promise<{ stories: Post[]; briefs: Post[] }> {
    const since = deps.now().getTime() - digestWindowMs;
    const isRecent = (post: Post) =>
      post.publishedAt !== null && new Date(post.publishedAt).getTime() >= since;
    const [articles, briefs] = await Promise.all([
      deps.services.posts.latestPublished({ limit: 50, kinds: ['article'] }),
      deps.services.posts.latestPublished({ limit: digestBriefs, kinds: ['brief'] }),
    ]);
    const recent = articles.items.filter(isRecent);
    const ranked = [
      ...recent
        .filter((p) => p.topStoryOrder !== null)
        .sort((a, b) => (a.topStoryOrder ?? 0) - (b.topStoryOrder ?? 0)),
      ...recent.filter((p) => p.topStoryOrder === null),
    ];
    return { stories: ranked.slice(0, digestStories), briefs: briefs.items.filter(isRecent) };
  }

  return {
    /** Whether a digest would have anything in it (no digest when nothing new was published). */
    async hasDigestContent(): Promise<boolean> {
      const { stories, briefs } = await digestPosts();
      return stories.length + briefs.length > 0;
    },

    async content(email: EmailToRender): Promise<EmailContent> {
      const { site, timeZone } = await siteOf();
      const newsletter = {
        id: email.newsletter.id,
        name: email.newsletter.name,
        slug: email.newsletter.slug,
        design: email.newsletter.design,
      };
      const viewInBrowserUrl = `${base}/email/${email.id}/`;
      if (email.postId) {
        const post = await deps.services.posts.byId(email.postId);
        return {
          kind: 'story',
          emailId: email.id,
          site,
          newsletter,
          post,
          viewInBrowserUrl,
          refs: await refsFor([post]),
        };
      }
      const { stories, briefs } = await digestPosts();
      return {
        kind: 'digest',
        emailId: email.id,
        site,
        newsletter,
        date: email.digest?.date ?? '',
        timeZone,
        intro: email.digest?.intro ?? null,
        stories,
        briefs,
        viewInBrowserUrl,
        refs: await refsFor(stories),
      };
    },

    /**
     * Both renders of an email: in full, and the teaser for readers not entitled to it. With
     * tracking (a send that starts while it is switched on), the HTML gets the open pixel and
     * signed click redirects; the text part keeps the real links. Without it, nothing changes.
     */
    async render(
      email: EmailToRender,
      tracking?: EmailTrackingFlags,
    ): Promise<Record<EmailAccess, RenderedEmail>> {
      const content = await this.content(email);
      const track = (rendered: RenderedEmail): RenderedEmail => {
        const links = deps.trackingLinks;
        if (!links || !tracking || (!tracking.isTrackingOpens && !tracking.isTrackingClicks))
          return rendered;
        return {
          ...rendered,
          html: addEmailTracking(rendered.html, { emailId: email.id, links, ...tracking }),
        };
      };
      return {
        full: track(renderEmail(content, 'full')),
        teaser: track(renderEmail(content, 'teaser')),
      };
    },
  };
}

export type EmailPreparation = ReturnType<typeof createEmailPreparation>;
