// Generates the demo newsroom's articles, oldest first, as a stream so that very large runs
// (hundreds of thousands) never hold more than a small window of earlier stories in memory.
import type { DemoDoc } from './demo-document.js';
import type { DemoSectionKey, NavigationSectionKey } from './demo-sections.js';
import { demoSettings } from './demo-newsroom.js';
import { createSlugRegistry, slugify } from './demo-slug.js';
import { demoStaffForSeed } from './demo-staff.js';
import type { EarlierStory } from './demo-story-body.js';
import { buildStoryBody } from './demo-story-body.js';
import type { StoryKind } from './demo-story-kind.js';
import { civicStories } from './demo-stories-civic.js';
import { featureStories } from './demo-stories-features.js';
import { societyStories } from './demo-stories-society.js';
import { warStories } from './demo-stories-war.js';
import { createStoryContext, fill } from './demo-template.js';
import { personName } from './demo-world.js';
import { createRng, type Rng } from './random.js';

export type DemoVisibility = 'public' | 'members' | 'paid';

export interface DemoPhoto {
  /** Seed for renderDemoPhoto. */
  seed: number;
  alt: string;
  caption: string;
  credit: string;
}

export interface DemoCorrection {
  kind: 'correction' | 'clarification' | 'update';
  text: string;
  at: Date;
}

export interface DemoArticle {
  id: string;
  title: string;
  slug: string;
  dek: string;
  body: DemoDoc;
  /** Staff keys; the first is the primary author. */
  authorKeys: string[];
  /** The primary navigation section first, then optional tags. */
  sectionKeys: DemoSectionKey[];
  publishedAt: Date;
  updatedAt?: Date;
  visibility: DemoVisibility;
  isFeatured: boolean;
  isBreaking: boolean;
  photo: DemoPhoto;
  corrections?: DemoCorrection[];
}

export interface DemoArticlesOptions {
  seed: number | string;
  /** Defaults to DEFAULT_ARTICLE_COUNT. */
  count?: number;
  now: Date;
  newId: () => string;
}

export const DEFAULT_ARTICLE_COUNT = 540;
/** Above this count slugs take the article's index instead of a registry of every slug seen. */
const INDEXED_SLUG_THRESHOLD = 100_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const RECENT_WINDOW = 40;

const sectionWeights: Record<NavigationSectionKey, number> = {
  war: 30,
  politics: 13,
  business: 12,
  society: 14,
  investigations: 6,
  culture: 8,
  world: 9,
  opinion: 8,
};

const bylines: Record<NavigationSectionKey, readonly string[]> = {
  war: ['senior-reporter', 'senior-reporter', 'news-editor', 'data-journalist', 'photo-editor'],
  politics: ['reporter-politics', 'reporter-politics', 'managing-editor'],
  business: ['reporter-economy', 'reporter-economy', 'data-journalist'],
  society: ['reporter-society', 'reporter-society', 'senior-reporter'],
  investigations: ['investigations-editor', 'data-journalist', 'reporter-politics'],
  culture: ['reporter-society', 'columnist', 'photo-editor'],
  world: ['foreign-correspondent', 'foreign-correspondent', 'reporter-politics'],
  opinion: ['columnist', 'columnist', 'editor-in-chief', 'managing-editor'],
};

const corrections: Record<DemoCorrection['kind'], readonly string[]> = {
  correction: [
    'An earlier version of this article misspelled the name of a village in {province} province.',
    'An earlier version of this article gave the wrong job title for a regional official.',
    'An earlier version of this article misstated the date of a previous attack.',
  ],
  clarification: [
    'This article has been updated to make clear that the figures came from the regional administration and could not be independently verified.',
    'We have clarified that the people quoted were interviewed in person.',
  ],
  update: [
    'This article was updated with the latest figures from the regional administration.',
    'This article was updated with a response from the ministry.',
  ],
};

const agencies = ['Masthead Demo', 'Masthead Demo', 'Velna Press Agency', 'Courier Pictures'];

const allKinds: readonly StoryKind[] = [
  ...warStories,
  ...civicStories,
  ...societyStories,
  ...featureStories,
];

/** A flat table where each kind appears in proportion to its section's share and its weight. */
function buildKindTable(): StoryKind[] {
  const table: StoryKind[] = [];
  for (const [section, sectionWeight] of Object.entries(sectionWeights)) {
    const kinds = allKinds.filter((kind) => kind.section === section);
    const kindTotal = kinds.reduce((sum, kind) => sum + kind.weight, 0);
    for (const kind of kinds) {
      const slots = Math.max(1, Math.round((sectionWeight * 10 * kind.weight) / kindTotal));
      for (let slot = 0; slot < slots; slot++) table.push(kind);
    }
  }
  return table;
}

/** Days covered: 90 for the default count, growing with the count, capped at twenty years. */
export function articleSpanDays(count: number): number {
  return Math.min(20 * 365, Math.max(90, Math.round((90 * count) / DEFAULT_ARTICLE_COUNT)));
}

export function* demoArticles(options: DemoArticlesOptions): Generator<DemoArticle> {
  const count = options.count ?? DEFAULT_ARTICLE_COUNT;
  const rng = createRng(`${options.seed}:articles`);
  const staff = new Map(demoStaffForSeed(options.seed).map((member) => [member.key, member]));
  const siteName = demoSettings().siteName;
  const kindTable = buildKindTable();
  const photographers = Array.from({ length: 8 }, () => personName(rng));
  const photoEditor = staff.get('photo-editor')?.name ?? 'Photo desk';
  const uniqueSlug = count > INDEXED_SLUG_THRESHOLD ? undefined : createSlugRegistry();

  const end = options.now.getTime() - 20 * 60 * 1000;
  const workStart = workingOffset(end - articleSpanDays(count) * DAY_MS);
  const workSpan = workingOffset(end) - workStart;
  const recent: EarlierStory[] = [];
  const recentBySection = new Map<NavigationSectionKey, EarlierStory[]>();

  for (let index = 0; index < count; index++) {
    const position = (index + rng.next()) / count;
    const publishedAt = new Date(
      fromWorkingOffset(workStart + Math.floor((position * workSpan) / 1000) * 1000),
    );
    const kind = rng.pick(kindTable);
    const context = createStoryContext(rng, publishedAt);
    const f = (template: string): string => fill(template, context, rng, true);

    const title = f(rng.pick(kind.headlines));
    const base = slugify(title);
    const slug = uniqueSlug ? uniqueSlug(base) : `${base}-${index + 1}`;
    const authorKeys = pickAuthors(kind.section, rng);
    const primary = staff.get(authorKeys[0] ?? '');
    const authorName = primary?.name ?? 'Staff writer';

    const sectionRecent = recentBySection.get(kind.section) ?? [];
    const earlier = sectionRecent.length >= 3 && rng.chance(0.7) ? sectionRecent : recent;
    const body = buildStoryBody({
      kind,
      context,
      rng,
      earlier,
      authorName,
      authorNote: `${authorName} is ${describeRole(primary?.roleTitle)} at ${siteName}. The views expressed are the author’s own.`,
    });

    const tagCount = kind.tags.length === 0 ? 0 : rng.chance(0.5) ? 0 : rng.chance(0.7) ? 1 : 2;
    const sectionKeys: DemoSectionKey[] = [kind.section, ...rng.sample(kind.tags, tagCount)];
    const visibilityRoll = rng.next();
    const photographer =
      rng.next() < 0.25
        ? `${photoEditor} / ${siteName}`
        : `${rng.pick(photographers)} / ${rng.pick(agencies)}`;

    const article: DemoArticle = {
      id: options.newId(),
      title,
      slug,
      dek: f(rng.pick(kind.deks)),
      body,
      authorKeys,
      sectionKeys,
      publishedAt,
      visibility: visibilityRoll < 0.03 ? 'paid' : visibilityRoll < 0.13 ? 'members' : 'public',
      isFeatured: rng.chance(0.04),
      isBreaking: (kind.section === 'war' || kind.section === 'politics') && rng.chance(0.02),
      photo: {
        seed: rng.int(1, 2_147_483_647),
        alt: f(rng.pick(kind.photo.alts)),
        caption: f(rng.pick(kind.photo.captions)),
        credit: photographer,
      },
    };

    const nowMs = options.now.getTime();
    if (rng.chance(0.05)) {
      const kinds = ['correction', 'clarification', 'update'] as const;
      const correctionKind = rng.pick(kinds);
      const at = new Date(Math.min(nowMs, publishedAt.getTime() + rng.int(1, 48) * HOUR_MS));
      article.corrections = [
        { kind: correctionKind, text: f(rng.pick(corrections[correctionKind])), at },
      ];
      article.updatedAt = at;
    } else if (rng.chance(0.15)) {
      article.updatedAt = new Date(
        Math.min(nowMs, publishedAt.getTime() + rng.int(10, 600) * 60_000),
      );
    }

    yield article;

    const story: EarlierStory = { id: article.id, slug, title };
    remember(recent, story, RECENT_WINDOW * 4);
    remember(sectionRecent, story, RECENT_WINDOW);
    recentBySection.set(kind.section, sectionRecent);
  }
}

// Publication times fall within working hours: 04:00–21:00 UTC (06:00–23:00 in the newsroom).
const WORK_START_MS = 4 * HOUR_MS;
const WORK_DAY_MS = 17 * HOUR_MS;

/** Working milliseconds between the epoch and `time`. */
function workingOffset(time: number): number {
  const day = Math.floor(time / DAY_MS);
  const withinDay = time - day * DAY_MS - WORK_START_MS;
  return day * WORK_DAY_MS + Math.min(Math.max(withinDay, 0), WORK_DAY_MS);
}

function fromWorkingOffset(offset: number): number {
  const day = Math.floor(offset / WORK_DAY_MS);
  return day * DAY_MS + WORK_START_MS + (offset - day * WORK_DAY_MS);
}

function pickAuthors(section: NavigationSectionKey, rng: Rng): string[] {
  const pool = bylines[section];
  const primary = rng.pick(pool);
  if (!rng.chance(0.2)) return [primary];
  const second = rng.pick(pool.filter((key) => key !== primary));
  return [primary, second];
}

function remember(list: EarlierStory[], story: EarlierStory, limit: number): void {
  list.push(story);
  if (list.length > limit) list.shift();
}

function describeRole(roleTitle: string | undefined): string {
  if (roleTitle === undefined) return 'a contributor';
  return roleTitle === 'Columnist' ? 'a columnist' : `the ${roleTitle.toLowerCase()}`;
}
