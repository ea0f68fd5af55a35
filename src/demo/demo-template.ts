// Fills story templates: `[a|b|c]` picks one alternative, `{key}` inserts a value that stays the
// same for the whole story (so a reporter's town or a casualty figure never changes mid-article).
import type { Rng } from './random.js';
import {
  cast,
  charities,
  cities,
  companies,
  frontTowns,
  institutes,
  months,
  occupations,
  personName,
  provinces,
  rivers,
  surnameOf,
  weekdays,
  world,
} from './demo-world.js';

/** The newsroom's approximate UTC offset, used only to name the local weekday in copy. */
const LOCAL_OFFSET_MS = 2 * 60 * 60 * 1000;

const fixed: Record<string, string> = { ...world, ...cast };

export interface StoryContext {
  /**
   * The value for a key. People are introduced in full on first mention and by surname after;
   * `isBeforeVerb` closes an appositive ("Ana Kovar, an analyst at X, said").
   */
  value(key: string, isBeforeVerb?: boolean): string;
  /** A person's full description without counting it as a mention (captions, pull quotes). */
  describe(key: string): string;
}

/** Keys that name people, mapped to the key holding their surname. */
const people = new Set([
  'resident',
  'resident2',
  'official',
  'officer',
  'expert',
  'economist',
  'volunteer',
  'artist',
  'lawyer',
  'president',
  'primeMinister',
  'defenceMinister',
  'foreignMinister',
  'energyMinister',
  'financeMinister',
  'commander',
  'mayor',
  'opposition',
  'ombudsman',
  'bankGovernor',
  'airForce',
  'enemyLeader',
]);

const numberRanges: Record<string, readonly [number, number, number]> = {
  n: [2, 9, 1],
  n2: [11, 60, 1],
  n3: [12, 95, 10],
  pct: [3, 38, 1],
  pct2: [40, 85, 1],
  km: [3, 25, 1],
  // The National Assembly has 300 seats.
  votes: [151, 262, 1],
};

export function createStoryContext(rng: Rng, publishedAt: Date): StoryContext {
  const memo = new Map<string, string>();
  const mentioned = new Set<string>();
  const local = new Date(publishedAt.getTime() + LOCAL_OFFSET_MS);
  const person = (key: string, describe: (name: string) => string): string => {
    const name = personName(rng);
    memo.set(`${key}Name`, surnameOf(name));
    return describe(name);
  };
  const distinct = (list: readonly string[], other: string): string => {
    const first = value(other);
    let candidate = rng.pick(list);
    while (candidate === first) candidate = rng.pick(list);
    return candidate;
  };

  const compute = (key: string): string => {
    switch (key) {
      case 'city':
        return rng.pick(cities);
      case 'city2':
        return distinct(cities, 'city');
      case 'town':
        return rng.pick(frontTowns);
      case 'town2':
        return distinct(frontTowns, 'town');
      case 'province':
        return rng.pick(provinces);
      case 'river':
        return rng.pick(rivers);
      case 'company':
        return rng.pick(companies);
      case 'company2':
        return distinct(companies, 'company');
      case 'charity':
        return rng.pick(charities);
      case 'institute':
        return rng.pick(institutes);
      case 'dayName':
        return weekdays[local.getUTCDay()] ?? 'Monday';
      case 'day':
        return `on ${value('dayName')}`;
      case 'month':
        return months[local.getUTCMonth()] ?? 'January';
      case 'lastMonth':
        return months[(local.getUTCMonth() + 11) % 12] ?? 'December';
      case 'year':
        return String(local.getUTCFullYear());
      case 'sum':
        return `${rng.int(1, 9)}.${rng.int(1, 9)} billion ${world.currency}`;
      case 'smallSum':
        return `${rng.int(3, 90)} million ${world.currency}`;
      case 'resident':
        return person(
          'resident',
          (name) => `${name}, a ${rng.int(24, 78)}-year-old ${rng.pick(occupations)}`,
        );
      case 'resident2':
        return person('resident2', (name) => `${name}, ${withArticle(rng.pick(occupations))}`);
      case 'official':
        return person(
          'official',
          (name) => `${name}, head of the ${value('province')} regional administration`,
        );
      case 'officer':
        return person(
          'officer',
          (name) =>
            `${name}, a spokesperson for the ${rng.pick(['eastern', 'southern', 'northern'])} command`,
        );
      case 'expert':
        return person('expert', (name) => `${name}, an analyst at ${value('institute')}`);
      case 'economist':
        return person(
          'economist',
          (name) =>
            `${name}, chief economist at ${rng.pick(['Velna Capital', 'Solvenka Bank', 'the Karsovan Economic Forum'])}`,
        );
      case 'volunteer':
        return person(
          'volunteer',
          (name) => `${name}, who coordinates volunteers for ${value('charity')}`,
        );
      case 'artist':
        return person('artist', (name) => name);
      case 'lawyer':
        return person('lawyer', (name) => `${name}, a lawyer who has followed the case`);
      default: {
        // `n`, `nb`, `nc`… are independent numbers from the same range.
        const range = numberRanges[key.replace(/[b-e]$/, '')];
        if (range) return String(rng.int(range[0], range[1]) * range[2]);
        if (key.endsWith('Name')) {
          value(key.slice(0, -4));
          const name = memo.get(key);
          if (name !== undefined) return name;
        }
        throw new Error(`Unknown story template key: ${key}`);
      }
    }
  };

  function value(key: string): string {
    const known = fixed[key] ?? memo.get(key);
    if (known !== undefined) return known;
    const computed = compute(key);
    memo.set(key, computed);
    return computed;
  }

  return {
    value: (key, isBeforeVerb = false) => {
      if (!people.has(key)) return value(key);
      if (mentioned.has(key)) return value(`${key}Name`);
      mentioned.add(key);
      const full = value(key);
      return isBeforeVerb && full.includes(', ') ? `${full},` : full;
    },
    describe: (key) => value(key),
  };
}

export function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

const alternatives = /\[([^\]]+)\]/g;
// `{key}`, `{Key}` (capitalised) and `{key,}` (a person followed by a verb).
const slots = /\{(\w+)(,?)\}/g;

/**
 * Fills a template. Standalone text (titles, captions, lists) names people in full and does not
 * count as introducing them in the story body.
 */
export function fill(
  template: string,
  context: StoryContext,
  rng: Rng,
  isStandalone = false,
): string {
  const chosen = template.includes('[')
    ? template.replace(alternatives, (_, options: string) => rng.pick(options.split('|')))
    : template;
  if (!chosen.includes('{')) return chosen;
  return chosen.replace(slots, (_, rawKey: string, comma: string) => {
    const first = rawKey.charAt(0);
    const isCapital = first !== first.toLowerCase();
    const key = isCapital ? first.toLowerCase() + rawKey.slice(1) : rawKey;
    const result = isStandalone ? context.describe(key) : context.value(key, comma === ',');
    return isCapital ? capitalise(result) : result;
  });
}
