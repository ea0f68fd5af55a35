import type { NewsletterInput } from '../features/newsletters/index.js';

/**
 * The demo newsroom's three lists (issue #13): a daily digest new members get by default, a
 * weekly one sent by hand, and alerts members choose. Written for the demo, like its stories.
 */
export const demoNewsletters = (): NewsletterInput[] => [
  {
    name: 'The Daily Briefing',
    slug: 'daily-briefing',
    description:
      'The day’s most important stories from our reporters, with the news in brief, before breakfast.',
    cadence: 'Every morning',
    digestTime: '07:00',
    subscribeOnSignup: true,
    sortOrder: 1,
    design: { showSiteName: true, footerText: 'You get this because you asked for our briefing.' },
  },
  {
    name: 'Investigations',
    slug: 'investigations',
    description:
      'Our longest reporting, with the documents behind it and a note from the reporter on how it was done.',
    cadence: 'Weekly',
    sortOrder: 2,
    design: { showSiteName: true },
  },
  {
    name: 'Breaking News',
    slug: 'breaking-news',
    description: 'Only the news that cannot wait: a few emails a week, sometimes none.',
    cadence: 'As it happens',
    sortOrder: 3,
    design: { showSiteName: true },
  },
];
