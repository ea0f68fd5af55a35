import { z } from 'zod';
import { authorInputSchema, type AuthorsService } from '../features/authors/index.js';
import { campaignInputSchema, type CampaignsService } from '../features/campaigns/index.js';
import type { LiveService } from '../features/live/index.js';
import type { MediaItem, MediaService } from '../features/media/index.js';
import type { NewslettersService } from '../features/newsletters/index.js';
import type { ImportedPost, PostsService } from '../features/posts/index.js';
import { siteSettingsPatchSchema, type SettingsService } from '../features/settings/index.js';
import { createStaffInputSchema, type StaffService } from '../features/staff/index.js';
import { createStandardPages } from '../features/site-pages/index.js';
import { tagInputSchema, type TagsService } from '../features/tags/index.js';
import { newId } from '../platform/ids.js';
import { parseInput } from '../platform/validation.js';
import { mediaUpdateSchema } from '../shared/contracts/media.js';
import type { Doc } from '../shared/richtext/index.js';
import { demoArticles, type DemoArticle } from './demo-articles.js';
import { demoBriefs, type DemoBrief } from './demo-briefs.js';
import { renderDemoAvatar, renderDemoPhoto } from './demo-images.js';
import { demoLivePage } from './demo-live.js';
import { loadLivePage } from './demo-live-loader.js';
import { demoCampaign, demoSettings } from './demo-newsroom.js';
import { demoNewsletters } from './demo-newsletters.js';
import { demoSections } from './demo-sections.js';
import { demoStaffForSeed } from './demo-staff.js';

export interface DemoServices {
  settings: SettingsService;
  staff: StaffService;
  authors: AuthorsService;
  tags: TagsService;
  media: MediaService;
  posts: PostsService;
  campaigns: CampaignsService;
  newsletters: NewslettersService;
  live: LiveService;
}

export interface DemoLoadOptions {
  now: Date;
  seed?: number | string;
  articles?: number;
  briefs?: number;
  /** Distinct lead photos; articles share them (a newsroom's archive reuses pictures too). */
  photos?: number;
  /** Called with 0 when a phase starts, then after each batch written. */
  onProgress?: (phase: 'articles' | 'briefs', done: number, total: number) => void;
}

export interface DemoLoadResult {
  owner: { email: string; password: string };
  counts: { staff: number; sections: number; articles: number; briefs: number; photos: number };
  /** Milliseconds spent: staff, sections and photos; writing the stories; planner statistics. */
  timings: { setup: number; stories: number; statistics: number };
}

/** What was loaded, so that `masthead demo remove` can take exactly that away again. */
export const demoMarkerSchema = z.object({
  loadedAt: z.string(),
  authorIds: z.array(z.string()),
  staffIds: z.array(z.string()),
  tagIds: z.array(z.string()),
  mediaIds: z.array(z.string()),
  campaignIds: z.array(z.string()),
  /** Absent in markers written before newsletters existed. */
  newsletterIds: z.array(z.string()).default([]),
});
export type DemoMarker = z.output<typeof demoMarkerSchema>;

export const demoMarkerKey = 'demo';
const batchSize = 1000;

function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Writes batches in order, each in its own transaction, preparing the next one (generating its
 * stories, deriving their rows) while the previous one is being written: on PostgreSQL the
 * server indexes one batch while this process builds the next. At most two batches are in
 * flight. On a failure the batch still in flight is waited for (it may commit: every batch is
 * whole), then the error is thrown.
 */
async function writePipelined<T>(
  source: Iterable<T[]>,
  write: (batch: T[]) => Promise<void>,
  onDone: (done: number) => void,
): Promise<void> {
  let pending: { writing: Promise<void>; size: number } | undefined;
  let done = 0;
  try {
    for (const batch of source) {
      const writing = write(batch);
      // Never left unobserved: a rejection is seen when this batch is awaited below.
      writing.catch(() => undefined);
      if (pending) {
        const previous = pending;
        pending = undefined;
        try {
          await previous.writing;
        } catch (error) {
          await writing.catch(() => undefined);
          throw error;
        }
        done += previous.size;
        onDone(done);
      }
      pending = { writing, size: batch.length };
    }
    if (pending) {
      await pending.writing;
      done += pending.size;
      onDone(done);
    }
  } finally {
    if (pending) await pending.writing.catch(() => undefined);
  }
}

/**
 * Loads the generated demo newsroom through the feature services: settings, staff with avatars,
 * sections, lead photos, articles and briefs in batched transactions, and a running drive.
 */
export async function loadDemoNewsroom(
  services: DemoServices,
  options: DemoLoadOptions,
): Promise<DemoLoadResult> {
  const seed = options.seed ?? 2025;
  const articleCount = options.articles ?? 300;
  const briefCount = options.briefs ?? 150;
  const photoCount = Math.max(1, Math.min(options.photos ?? 36, articleCount));
  const timings: DemoLoadResult['timings'] = { setup: 0, stories: 0, statistics: 0 };
  const started = Date.now();
  const marker: DemoMarker = {
    loadedAt: options.now.toISOString(),
    authorIds: [],
    staffIds: [],
    tagIds: [],
    mediaIds: [],
    campaignIds: [],
    newsletterIds: [],
  };

  // The demo writes like a front door: each input parsed with the schema an editor's would be.
  await services.settings.update(
    parseInput(siteSettingsPatchSchema, { ...demoSettings(), socialLinks: {} }),
  );
  // About, Contact and Privacy, in the demo's name (kept by `demo remove`: they are the site's).
  await createStandardPages(services, { now: options.now });

  const authorIdByKey = new Map<string, string>();
  let owner: DemoLoadResult['owner'] | undefined;
  for (const [index, person] of demoStaffForSeed(seed).entries()) {
    const avatar = await services.media.upload({
      bytes: await renderDemoAvatar({ name: person.name, seed: index + 1 }),
      originalName: `${person.slug}.png`,
      meta: parseInput(mediaUpdateSchema, { alt: `Portrait of ${person.name}` }),
    });
    marker.mediaIds.push(avatar.media.id);
    if (person.isDesk || person.email === null || person.role === null) {
      const desk = await services.authors.create(
        parseInput(authorInputSchema, {
          name: person.name,
          roleTitle: person.roleTitle,
          bio: person.bio,
          avatarMediaId: avatar.media.id,
          isDesk: true,
        }),
      );
      authorIdByKey.set(person.key, desk.id);
      marker.authorIds.push(desk.id);
      continue;
    }
    const created = await services.staff.create(
      parseInput(createStaffInputSchema, {
        email: person.email,
        name: person.name,
        role: person.role,
        generatePassword: person.role === 'owner',
        profile: {
          roleTitle: person.roleTitle,
          bio: person.bio,
          location: person.location,
          avatarMediaId: avatar.media.id,
          links: Object.fromEntries(
            Object.entries(person.links).filter((e): e is [string, string] => e[1] !== undefined),
          ),
        },
      }),
    );
    authorIdByKey.set(person.key, created.author.id);
    marker.authorIds.push(created.author.id);
    marker.staffIds.push(created.user.id);
    if (created.generatedPassword)
      owner = { email: created.user.email, password: created.generatedPassword };
  }
  if (!owner) throw new Error('the demo staff has no owner');

  const tagIdByKey = new Map<string, string>();
  const sections = demoSections();
  for (const section of sections) {
    const tag = await services.tags.create(
      parseInput(tagInputSchema, {
        name: section.name,
        slug: section.slug,
        description: section.description,
        isNavigation: section.isNavigation,
        navigationOrder: section.navigationOrder,
      }),
    );
    tagIdByKey.set(section.key, tag.id);
    marker.tagIds.push(tag.id);
  }

  const photoIds: string[] = [];
  const photos: MediaItem[] = [];
  for (let i = 0; i < photoCount; i++) {
    const photo = await services.media.upload({
      bytes: await renderDemoPhoto({ seed: i + 1 }),
      originalName: `demo-photo-${i + 1}.jpg`,
      meta: parseInput(mediaUpdateSchema, { credit: 'Masthead Demo' }),
    });
    photoIds.push(photo.media.id);
    photos.push(photo.media);
    marker.mediaIds.push(photo.media.id);
  }

  timings.setup = Date.now() - started;
  // Recorded before the stories too: a load interrupted part way (each batch of stories is whole)
  // can then be taken away with `masthead demo remove` and run again.
  await services.settings.putInternal(demoMarkerKey, marker);

  const ids = (keys: readonly string[], map: Map<string, string>, what: string) =>
    keys.map((key) => {
      const id = map.get(key);
      if (!id) throw new Error(`demo ${what} "${key}" is unknown`);
      return id;
    });

  const toArticle = (a: DemoArticle): ImportedPost => ({
    id: a.id,
    kind: 'article',
    slug: a.slug,
    title: a.title,
    dek: a.dek,
    body: a.body as unknown as Doc,
    authorIds: ids(a.authorKeys, authorIdByKey, 'author'),
    tagIds: ids(a.sectionKeys, tagIdByKey, 'section'),
    status: 'published',
    visibility: a.visibility,
    publishedAt: a.publishedAt.toISOString(),
    publicUpdatedAt: a.updatedAt?.toISOString() ?? null,
    leadImage: {
      mediaId: photoIds[a.photo.seed % photoIds.length] ?? '',
      alt: a.photo.alt,
      caption: a.photo.caption,
      credit: a.photo.credit,
    },
    isFeatured: a.isFeatured,
    isBreaking: a.isBreaking,
    corrections: (a.corrections ?? []).map((c) => ({
      id: newId(),
      kind: c.kind,
      text: c.text,
      createdAt: c.at.toISOString(),
    })),
  });

  const toBrief = (b: DemoBrief): ImportedPost => ({
    id: b.id,
    kind: 'brief',
    slug: b.slug,
    title: b.title,
    body: b.body as unknown as Doc,
    authorIds: ids(b.authorKeys, authorIdByKey, 'author'),
    tagIds: ids(b.sectionKeys, tagIdByKey, 'section'),
    status: 'published',
    publishedAt: b.publishedAt.toISOString(),
    isBreaking: b.isBreaking,
  });

  // Articles and briefs share one slug space on the site (/<slug>/): briefs get a suffix on clash.
  const articleSlugs = new Set<string>();
  const startedStories = Date.now();
  await services.posts.bulkImport(async () => {
    options.onProgress?.('articles', 0, articleCount);
    await writePipelined(
      batches(
        demoArticles({ seed, count: articleCount, now: options.now, newId: () => newId() }),
        batchSize,
      ),
      (batch) => {
        for (const a of batch) articleSlugs.add(a.slug);
        return services.posts.importBatch(batch.map(toArticle));
      },
      (done) => options.onProgress?.('articles', done, articleCount),
    );
    options.onProgress?.('briefs', 0, briefCount);
    await writePipelined(
      batches(
        demoBriefs({ seed, count: briefCount, now: options.now, newId: () => newId() }),
        batchSize,
      ),
      (batch) =>
        services.posts.importBatch(
          batch.map((b) =>
            toBrief(articleSlugs.has(b.slug) ? { ...b, slug: `${b.slug}-brief` } : b),
          ),
        ),
      (done) => options.onProgress?.('briefs', done, briefCount),
    );
  });
  await loadLivePage(services, {
    page: demoLivePage(options.now),
    authorId: (key) => ids([key], authorIdByKey, 'author')[0] ?? null,
    tagIds: (keys) => ids(keys, tagIdByKey, 'section'),
    photos,
  });
  timings.stories = Date.now() - startedStories;

  // A fresh archive of any size: plan its queries for what was just written (issue #14).
  const startedStatistics = Date.now();
  await services.posts.refreshStatistics();
  timings.statistics = Date.now() - startedStatistics;

  const drive = demoCampaign(options.now);
  const campaign = await services.campaigns.create(
    parseInput(campaignInputSchema, {
      name: drive.name,
      headline: drive.headline,
      body: drive.text,
      goal: drive.goal,
      metric: drive.metric,
      startsAt: drive.startsAt.toISOString(),
      endsAt: drive.endsAt.toISOString(),
      buttons: drive.buttons,
      placements: drive.placements,
      texts: drive.texts,
    }),
  );
  marker.campaignIds.push(campaign.id);
  // A newsroom that already has a list of the same slug keeps it (the demo adds, never replaces).
  for (const list of demoNewsletters())
    if (!(await services.newsletters.bySlug(list.slug ?? '')))
      marker.newsletterIds.push((await services.newsletters.create(list)).id);
  await services.settings.putInternal(demoMarkerKey, marker);

  return {
    owner,
    counts: {
      staff: marker.staffIds.length,
      sections: sections.length,
      articles: articleCount,
      briefs: briefCount,
      photos: photoCount,
    },
    timings,
  };
}
