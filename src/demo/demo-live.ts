// The demo newsroom's live page: a night of attacks on the capital, covered as it happens. Written
// for the demo (every place and person is from demo-world.ts); times count back from the load.
import type { DemoBlock, DemoDoc } from './demo-document.js';
import { paragraph, text } from './demo-document.js';
import { cast, world } from './demo-world.js';

const MINUTE_MS = 60_000;

export interface DemoLiveUpdate {
  minutesAgo: number;
  /** A staff position's key (demo-staff.ts), or the news desk. */
  authorKey: string;
  paragraphs: readonly string[];
  isKeyEvent?: boolean;
  isPinned?: boolean;
  /** Shows one of the demo's photos after the text, with this caption. */
  photo?: { alt: string; caption: string };
}

export interface DemoLivePage {
  title: string;
  dek: string;
  slug: string;
  /** The summary at the top of the page (the post's own body). */
  summary: DemoDoc;
  authorKeys: string[];
  sectionKeys: ['war'];
  publishedAt: Date;
  leadPhoto: { alt: string; caption: string; credit: string };
  updates: Array<DemoLiveUpdate & { publishedAt: Date }>;
}

const { capital, enemyAdj } = world;

/** Newest last; the page shows them newest first, the pinned one on top. */
const updates: readonly DemoLiveUpdate[] = [
  {
    minutesAgo: 290,
    authorKey: 'news-desk',
    paragraphs: [
      `An air raid alert has been declared across ${capital} and the eastern provinces. The city administration is asking residents to go to shelters or the nearest metro station and to stay away from windows.`,
    ],
  },
  {
    minutesAgo: 276,
    authorKey: 'senior-reporter',
    paragraphs: [
      'Explosions over the Riverside and Old Market districts. From the Velna embankment our reporter counted at least six blasts in ten minutes, with air defence firing over the river.',
    ],
  },
  {
    minutesAgo: 262,
    authorKey: 'reporter-politics',
    paragraphs: [
      `The air force says ${enemyAdj} forces launched a combined attack of drones and cruise missiles from three directions. A full count will be published after the alert ends.`,
    ],
  },
  {
    minutesAgo: 248,
    authorKey: 'news-editor',
    isPinned: true,
    paragraphs: [
      'Where to find help tonight: the city keeps an up-to-date map of shelters and heated "points of resilience" where you can charge a phone, get water and warm up.',
      'If you are safe and can share what you see, write to the news desk. Please do not post the locations of air defence or of strikes: it helps the attackers aim.',
    ],
  },
  {
    minutesAgo: 231,
    authorKey: 'reporter-economy',
    isKeyEvent: true,
    paragraphs: [
      `A strike has damaged a substation in the northern districts, and about 140,000 homes are without power. ${cast.energyMinister} says repair crews will go in as soon as the alert is lifted.`,
    ],
  },
  {
    minutesAgo: 214,
    authorKey: 'senior-reporter',
    paragraphs: [
      'Water pressure is falling in several northern neighbourhoods because the pumping stations there have lost power. The water company says it is switching them to generators one by one.',
    ],
  },
  {
    minutesAgo: 192,
    authorKey: 'photo-editor',
    paragraphs: [
      'Firefighters are working at a five-storey apartment block in the Old Market district, where debris from a downed drone set the top floor alight. Residents were led out before dawn.',
    ],
    photo: {
      alt: 'Firefighters on a ladder at a damaged apartment block at dawn',
      caption: 'Firefighters at the damaged apartment block in the Old Market district.',
    },
  },
  {
    minutesAgo: 171,
    authorKey: 'reporter-society',
    paragraphs: [
      `${cast.mayor}, says four people were taken to hospital with cuts and smoke inhalation. None of their injuries is thought to be life-threatening.`,
    ],
  },
  {
    minutesAgo: 140,
    authorKey: 'news-desk',
    paragraphs: [
      'The first metro trains are running, but only on the central line; the northern branch is closed while the power is out. Buses are replacing trains there.',
    ],
  },
  {
    minutesAgo: 97,
    authorKey: 'reporter-economy',
    paragraphs: [
      'Power is back for about a third of the homes that lost it overnight, the grid operator says. Scheduled outages of up to four hours will apply in the northern districts for the rest of the day.',
    ],
  },
  {
    minutesAgo: 35,
    authorKey: 'news-editor',
    isKeyEvent: true,
    paragraphs: [
      `The alert in ${capital} has ended after more than four hours. Schools in the northern districts will teach online today; kindergartens stay open where they have power.`,
    ],
  },
  {
    minutesAgo: 12,
    authorKey: 'data-journalist',
    paragraphs: [
      'We are mapping every place in the city reported hit tonight, with the time and what was damaged. It will be updated through the day as the city inspects buildings.',
    ],
  },
];

/** The live page, its summary and its updates, timed back from `now` (coverage still going). */
export function demoLivePage(now: Date): DemoLivePage {
  const at = (minutesAgo: number) =>
    new Date(Math.floor((now.getTime() - minutesAgo * MINUTE_MS) / 1000) * 1000);
  const summary: DemoBlock[] = [
    paragraph(
      text(
        `${enemyAdj} drones and missiles struck ${capital} overnight. A substation in the north was hit and tens of thousands of homes lost power; four people were hurt. The alert has ended and repair crews are at work.`,
      ),
    ),
  ];
  return {
    title: `${capital} under overnight attack: live updates`,
    dek: 'Drones and missiles struck the capital before dawn and power is out in the northern districts. Follow the latest from our reporters.',
    slug: `${capital.toLowerCase()}-overnight-attack-live-${at(300).toISOString().slice(0, 10).replaceAll('-', '')}`,
    summary: { type: 'doc', content: summary },
    authorKeys: ['senior-reporter', 'news-desk'],
    sectionKeys: ['war'],
    publishedAt: at(300),
    leadPhoto: {
      alt: 'Smoke rising over rooftops at dawn',
      caption: `Smoke over the northern districts of ${capital} after the overnight attack.`,
      credit: 'The Velmora Courier',
    },
    updates: updates.map((u) => ({ ...u, publishedAt: at(u.minutesAgo) })),
  };
}
