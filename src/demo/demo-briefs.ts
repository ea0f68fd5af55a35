// Short News Feed items: a headline and two to five sentences, mostly from the last week.
import type { DemoDoc } from './demo-document.js';
import { paragraph, text } from './demo-document.js';
import type { DemoSectionKey, NavigationSectionKey, TagKey } from './demo-sections.js';
import { createSlugRegistry, slugify } from './demo-slug.js';
import { createStoryContext, fill } from './demo-template.js';
import { createRng, type Rng } from './random.js';

export interface DemoBrief {
  id: string;
  title: string;
  slug: string;
  body: DemoDoc;
  authorKeys: string[];
  sectionKeys: DemoSectionKey[];
  publishedAt: Date;
  isBreaking: boolean;
}

export interface DemoBriefsOptions {
  seed: number | string;
  /** Defaults to DEFAULT_BRIEF_COUNT. */
  count?: number;
  now: Date;
  newId: () => string;
}

interface BriefKind {
  section: NavigationSectionKey;
  tag?: TagKey;
  reporter: string;
  titles: readonly string[];
  sentences: readonly string[];
  isBreakingLikely?: boolean;
}

export const DEFAULT_BRIEF_COUNT = 150;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

// Each kind is one topic: the first sentence always leads, later ones are kept in order.
const kinds: readonly BriefKind[] = [
  {
    section: 'war',
    reporter: 'senior-reporter',
    isBreakingLikely: true,
    titles: [
      'Air-raid alert across {province} province',
      'Air-raid alert in {capital} and [five|six|seven] regions',
    ],
    sentences: [
      'An air-raid alert was declared in {province} province and neighbouring regions.',
      'The air force warned of [drones|ballistic missiles|cruise missiles] heading west.',
      'Residents are urged to stay in shelters until the alert is lifted.',
      'We will update this item as information comes in.',
    ],
  },
  {
    section: 'war',
    reporter: 'senior-reporter',
    isBreakingLikely: true,
    titles: ['Explosions reported in {city}', 'Drone attack on {city}: air defences active'],
    sentences: [
      'Local officials reported explosions on the outskirts of {city}.',
      'Air defences are working, the regional administration said.',
      'Debris fell on a [warehouse|parking lot|private house], starting a small fire that has been put out.',
      'There is no information yet about casualties.',
    ],
  },
  {
    section: 'war',
    tag: 'front-line',
    reporter: 'senior-reporter',
    titles: [
      'General staff: {n2} attacks repelled near {town}',
      'Heavy fighting continues near {town}',
    ],
    sentences: [
      'The general staff said its forces had repelled {n2} assaults near {town} over the past day.',
      'The heaviest fighting was reported on the road between {town} and {town2}.',
      'The figures could not be independently verified.',
    ],
  },
  {
    section: 'war',
    tag: 'front-line',
    reporter: 'senior-reporter',
    titles: ['Shelling damages homes in {town}', 'Artillery hits the centre of {town}'],
    sentences: [
      '{enemyAdj} artillery hit residential streets in {town}, damaging [{n}|several] houses and a shop, the regional administration said.',
      'A [62|58|71]-year-old man was taken to hospital with shrapnel wounds.',
      'Gas supply to part of the town has been cut while engineers inspect the pipes.',
    ],
  },
  {
    section: 'war',
    tag: 'energy',
    reporter: 'reporter-economy',
    titles: [
      'Power restored to most of {city} after overnight strike',
      'Karsenergo: outage schedules in {city} {day}',
    ],
    sentences: [
      'Karsenergo said power had been restored to about {pct2} per cent of affected households in {city}.',
      'Engineers are still working on [a damaged substation|the high-voltage lines] in the [northern|western] districts.',
      'Scheduled outages of up to {n} hours will apply in the region, the operator said.',
    ],
  },
  {
    section: 'politics',
    reporter: 'reporter-politics',
    titles: ['{Parliament} backs bill on veterans’ housing', 'Deputies pass veterans’ housing law'],
    sentences: [
      'Deputies approved a bill on housing for veterans in its final reading with {votes} votes in favour.',
      'The law would give veterans priority for state-funded flats and cheaper mortgages.',
      'It now goes to {president} for signature.',
    ],
  },
  {
    section: 'politics',
    reporter: 'reporter-politics',
    titles: ['Cabinet approves {smallSum} for school shelters'],
    sentences: [
      'The cabinet approved {smallSum} to build and repair shelters at schools.',
      '{primeMinister} said the money would be allocated to regions within a month.',
      'The opposition Civic Renewal party said the sum covered only a fraction of the need.',
    ],
  },
  {
    section: 'business',
    reporter: 'reporter-economy',
    titles: [
      'Inflation slows to {pct} per cent in {lastMonth}',
      'Consumer prices: inflation eases in {lastMonth}',
    ],
    sentences: [
      'Consumer prices rose {pct} per cent from a year earlier in {lastMonth}, the statistics service said.',
      'Food and transport costs rose fastest.',
      'Analysts expect the National Bank to keep its key rate unchanged at its next meeting.',
    ],
  },
  {
    section: 'business',
    tag: 'reconstruction',
    reporter: 'reporter-economy',
    titles: ['{company} resumes production at its {city} plant'],
    sentences: [
      '{company} said it had resumed production in {city} after repairs that took [three|five|seven] weeks.',
      'The plant was damaged in an attack in {lastMonth}.',
      'About {n3} people work there, the company said.',
    ],
  },
  {
    section: 'society',
    tag: 'refugees',
    reporter: 'reporter-society',
    titles: ['Evacuation buses leave {town} for {city}', '{n2} people evacuated from {town}'],
    sentences: [
      'A total of {n2} people, including [{n}|several] children, were evacuated from {town} {day}.',
      'They will be housed temporarily in {city}, the regional administration said.',
      'Volunteers say more residents are expected to leave as the shelling intensifies.',
    ],
  },
  {
    section: 'society',
    reporter: 'reporter-society',
    titles: ['Schools in {city} switch to remote lessons'],
    sentences: [
      'Schools in {city} will hold lessons online for the rest of the week after the overnight attack, the city council said.',
      'Kindergartens with shelters will stay open.',
      'The council will review the decision on Friday.',
    ],
  },
  {
    section: 'world',
    reporter: 'foreign-correspondent',
    titles: ['{foreignMinisterName} meets Continental Union counterparts in Aldenburg'],
    sentences: [
      '{foreignMinister} is in Aldenburg for talks with ministers from {bloc}.',
      'The meeting is expected to focus on air defence and the energy system.',
      'A joint statement is expected later in the day.',
    ],
  },
  {
    section: 'culture',
    reporter: 'reporter-society',
    titles: ['{city} Philharmonic announces its winter season'],
    sentences: [
      'The {city} Philharmonic will open its winter season with a concert of works by {adj} composers.',
      'All concerts will take place in the hall’s renovated basement, which doubles as a shelter.',
      'Proceeds from the opening night will go to {charity}.',
    ],
  },
];

/**
 * Yields briefs oldest first: most spread over the last seven days, the newest few minutes apart
 * this morning. Slugs end in the publication date so they cannot clash with article slugs.
 */
export function* demoBriefs(options: DemoBriefsOptions): Generator<DemoBrief> {
  const count = options.count ?? DEFAULT_BRIEF_COUNT;
  const rng = createRng(`${options.seed}:briefs`);
  const uniqueSlug = createSlugRegistry();
  const nowMs = options.now.getTime();

  // The newest few, counted back from now with gaps of 6–40 minutes.
  const todayCount = Math.min(count, Math.max(1, Math.round(count * 0.06)));
  const todayTimes: number[] = [];
  let cursor = nowMs - rng.int(2, 12) * MINUTE_MS;
  for (let index = 0; index < todayCount; index++) {
    todayTimes.unshift(cursor);
    cursor -= rng.int(6, 40) * MINUTE_MS;
  }
  const olderCount = count - todayCount;
  const olderEnd = cursor;
  const olderStart = nowMs - 7 * DAY_MS;

  for (let index = 0; index < count; index++) {
    const time =
      index < olderCount
        ? olderStart + ((index + rng.next()) / olderCount) * Math.max(0, olderEnd - olderStart)
        : (todayTimes[index - olderCount] ?? nowMs);
    const publishedAt = new Date(Math.floor(time / 1000) * 1000);
    const kind = rng.pick(kinds);
    const context = createStoryContext(rng, publishedAt);
    const f = (template: string): string => fill(template, context, rng);
    const standalone = (template: string): string => fill(template, context, rng, true);

    const title = standalone(rng.pick(kind.titles));
    const sentences = orderedSubset(kind.sentences, rng.int(2, kind.sentences.length), rng).map(f);
    const split =
      sentences.length > 3 && rng.chance(0.6) ? rng.int(1, sentences.length - 1) : sentences.length;
    const paragraphs = [sentences.slice(0, split), sentences.slice(split)].filter(
      (group) => group.length > 0,
    );
    const isNewest = index >= count - 3;

    yield {
      id: options.newId(),
      title,
      slug: uniqueSlug(
        `${slugify(title)}-${publishedAt.toISOString().slice(0, 10).replaceAll('-', '')}`,
      ),
      body: { type: 'doc', content: paragraphs.map((group) => paragraph(text(group.join(' ')))) },
      authorKeys: rng.chance(0.8) ? ['news-desk'] : [kind.reporter],
      sectionKeys: kind.tag && rng.chance(0.5) ? [kind.section, kind.tag] : [kind.section],
      publishedAt,
      isBreaking: kind.isBreakingLikely === true && rng.chance(isNewest ? 0.6 : 0.08),
    };
  }
}

/** The first item, then `size - 1` of the rest in their original order. */
function orderedSubset(items: readonly string[], size: number, rng: Rng): string[] {
  const [first, ...rest] = items;
  const keep = new Set(rng.sample(rest, size - 1));
  return [first ?? '', ...rest.filter((item) => keep.has(item))];
}
