// Site settings and the running membership campaign for the demo newsroom.

export interface DemoSettings {
  siteName: string;
  description: string;
  timezone: string;
  locale: string;
  language: string;
  accentColor: string;
  postalAddress: string;
}

export function demoSettings(): DemoSettings {
  return {
    siteName: 'The Velmora Courier',
    description:
      'Independent, reader-funded reporting on the war in Karsova and the lives it touches.',
    // A real zone with the fictional region's offset (UTC+2, +3 in summer).
    timezone: 'Europe/Bucharest',
    locale: 'en-US',
    language: 'en',
    accentColor: '#b4232a',
    postalAddress: 'The Velmora Courier, 14 Lantern Row, Velmora 04112, Karsova',
  };
}

export interface DemoCampaignButton {
  label: string;
  url: string;
}

export interface DemoCampaign {
  name: string;
  headline: string;
  text: string;
  goal: number;
  metric: 'paying_members';
  startsAt: Date;
  endsAt: Date;
  buttons: DemoCampaignButton[];
  placements: Array<'banner' | 'home' | 'story_end'>;
  texts: { running: string; reached: string; ended: string };
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function demoCampaign(now: Date): DemoCampaign {
  const threeWeeksAgo = new Date(now.getTime() - 21 * DAY_MS);
  const startsAt = new Date(
    Date.UTC(
      threeWeeksAgo.getUTCFullYear(),
      threeWeeksAgo.getUTCMonth(),
      threeWeeksAgo.getUTCDate(),
    ),
  );
  return {
    name: 'Year-end membership drive',
    // ICU messages: the numbers follow the drive's goal and count when it is edited.
    headline: 'Help us reach {goal, number} members by the end of the year',
    text: 'Quality journalism takes work — and a community that cares.',
    goal: 25000,
    metric: 'paying_members',
    startsAt,
    endsAt: new Date(Date.UTC(now.getUTCFullYear(), 11, 31, 23, 59, 59)),
    buttons: [
      { label: 'Become a member', url: '/membership/' },
      { label: 'Gift membership', url: '/membership/gift/' },
    ],
    placements: ['banner', 'home', 'story_end'],
    texts: {
      running:
        'Our reporting from the front line and the cities under attack is free to read because members pay for it. Join them: {remaining, plural, one {one more member} other {# more members}} to our goal.',
      reached:
        'We reached our goal of {goal, number} members. Thank you — you can still join and help us do more next year.',
      ended:
        'Our year-end drive is over. Thank you to everyone who joined. You can become a member at any time.',
    },
  };
}
