// The demo newsroom's staff. Keys and roles are fixed so stories can refer to them; names and
// details are drawn from the seed.
import { createRng, type Rng } from './random.js';
import { cities, firstNames, surnames } from './demo-world.js';

export type DemoStaffRole = 'owner' | 'administrator' | 'editor' | 'author' | 'contributor';

export interface DemoStaffLinks {
  website?: string;
  x?: string;
  telegram?: string;
  email?: string;
}

export interface DemoStaff {
  key: string;
  name: string;
  /** Null for the desk byline, which is not a login. */
  email: string | null;
  slug: string;
  role: DemoStaffRole | null;
  roleTitle: string;
  bio: string;
  location: string;
  links: DemoStaffLinks;
  isDesk: boolean;
}

interface Position {
  key: string;
  role: DemoStaffRole;
  roleTitle: string;
  /** `{first}` is replaced by the first name; `{city}` by the location. */
  bio: string;
  /** Null means "wherever the seed puts them". */
  location: string | null;
}

const positions: readonly Position[] = [
  {
    key: 'editor-in-chief',
    role: 'owner',
    roleTitle: 'Editor-in-Chief',
    location: 'Velmora',
    bio: '{first} founded the newsroom with a small team of reporters and a promise to readers: no owners, no advertisers, no one to answer to but them. Before that, {first} spent a decade covering politics for national newspapers.',
  },
  {
    key: 'managing-editor',
    role: 'administrator',
    roleTitle: 'Managing editor',
    location: 'Velmora',
    bio: '{first} runs the newsroom day to day, from the morning meeting to the last edit at night. {first} also looks after our membership programme and newsletters.',
  },
  {
    key: 'news-editor',
    role: 'editor',
    roleTitle: 'News editor',
    location: 'Velmora',
    bio: '{first} edits breaking news and the News Feed. Previously a reporter in {city}, {first} has covered the war since its first day.',
  },
  {
    key: 'investigations-editor',
    role: 'editor',
    roleTitle: 'Investigations editor',
    location: 'Velmora',
    bio: '{first} leads our investigations team. {first}’s reporting on public procurement has led to several criminal cases.',
  },
  {
    key: 'photo-editor',
    role: 'editor',
    roleTitle: 'Photo editor',
    location: null,
    bio: '{first} chooses and edits the photographs we publish, and works with photographers across the country. {first} is based in {city}.',
  },
  {
    key: 'senior-reporter',
    role: 'author',
    roleTitle: 'Senior reporter',
    location: null,
    bio: '{first} reports from the regions near the front line and from the cities under attack. Based in {city}, {first} has won two national awards for war reporting.',
  },
  {
    key: 'reporter-politics',
    role: 'author',
    roleTitle: 'Political reporter',
    location: 'Velmora',
    bio: '{first} covers the government, the National Assembly and the courts. Before joining us, {first} worked at a regional radio station.',
  },
  {
    key: 'reporter-economy',
    role: 'author',
    roleTitle: 'Business reporter',
    location: null,
    bio: '{first} writes about energy, trade and the wartime economy. {first} is based in {city} and studied economics at Solvenka State University.',
  },
  {
    key: 'reporter-society',
    role: 'author',
    roleTitle: 'Reporter',
    location: null,
    bio: '{first} writes about schools, hospitals and displaced families. {first} is based in {city}.',
  },
  {
    key: 'data-journalist',
    role: 'author',
    roleTitle: 'Data journalist',
    location: 'Velmora',
    bio: '{first} builds our databases of attacks, contracts and budgets, and turns them into stories and charts. {first} previously worked as a software developer.',
  },
  {
    key: 'foreign-correspondent',
    role: 'author',
    roleTitle: 'Foreign correspondent',
    location: 'Aldenburg',
    bio: '{first} covers diplomacy and the Karsovan diaspora from Aldenburg, seat of the Continental Union. Before moving abroad, {first} reported from the south of Karsova for five years.',
  },
  {
    key: 'fact-checker',
    role: 'contributor',
    roleTitle: 'Fact-checker',
    location: 'Velmora',
    bio: '{first} checks claims made by officials on both sides of the war and runs our corrections desk. Send {first} anything you think we got wrong.',
  },
  {
    key: 'columnist',
    role: 'contributor',
    roleTitle: 'Columnist',
    location: null,
    bio: '{first} writes a weekly column on politics and public life. {first} teaches history at a university in {city}.',
  },
];

export const newsDeskKey = 'news-desk';

export function slugifyName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function demoStaff(rng: Rng): DemoStaff[] {
  const firsts = rng.shuffle(firstNames);
  const lasts = rng.shuffle(surnames);
  const staff = positions.map((position, index): DemoStaff => {
    const first = firsts[index] ?? 'Alex';
    const name = `${first} ${lasts[index] ?? 'Demo'}`;
    const slug = slugifyName(name);
    const location = position.location ?? rng.pick(cities.slice(1));
    const email = `${slug.replace('-', '.')}@demo.masthead.example`;
    const links: DemoStaffLinks = { email };
    if (rng.chance(0.6)) links.x = `https://x.com/${slug.replace('-', '_')}_demo`;
    if (rng.chance(0.4)) links.telegram = `https://t.me/${slug.replace('-', '_')}_demo`;
    if (position.role === 'owner' || rng.chance(0.2)) links.website = `https://${slug}.example.org`;
    return {
      key: position.key,
      name,
      email,
      slug,
      role: position.role,
      roleTitle: position.roleTitle,
      bio: position.bio.replaceAll('{first}', first).replaceAll('{city}', location),
      location,
      links,
      isDesk: false,
    };
  });
  staff.push({
    key: newsDeskKey,
    name: 'News desk',
    email: null,
    slug: newsDeskKey,
    role: null,
    roleTitle: 'News desk',
    bio: 'Short updates from our newsroom, written and checked by the editors on duty.',
    location: 'Velmora',
    links: {},
    isDesk: true,
  });
  return staff;
}

/** The staff list that demoArticles and demoBriefs assume for a seed (names in credits, bylines). */
export function demoStaffForSeed(seed: number | string): DemoStaff[] {
  return demoStaff(createRng(`${seed}:staff`));
}
