import { describe, expect, it } from 'vitest';
import { DEFAULT_BRIEF_COUNT, demoBriefs, type DemoBrief } from './demo-briefs.js';
import { demoCampaign, demoSettings } from './demo-newsroom.js';
import { demoSections, navigationSectionKeys } from './demo-sections.js';
import { demoStaff, demoStaffForSeed } from './demo-staff.js';
import { createRng } from './random.js';

const now = new Date('2025-11-20T10:00:00Z');
const HOUR_MS = 60 * 60 * 1000;

describe('demoStaff', () => {
  const staff = demoStaff(createRng('staff'));

  it('has about a dozen people, exactly one owner, and the news desk byline', () => {
    const people = staff.filter((member) => !member.isDesk);
    expect(people.length).toBeGreaterThanOrEqual(11);
    expect(people.length).toBeLessThanOrEqual(14);
    const owners = staff.filter((member) => member.role === 'owner');
    expect(owners).toHaveLength(1);
    expect(owners[0]?.roleTitle).toBe('Editor-in-Chief');
    const desk = staff.filter((member) => member.isDesk);
    expect(desk).toEqual([
      expect.objectContaining({ key: 'news-desk', role: null, name: 'News desk' }),
    ]);
  });

  it('gives everyone unique keys, slugs, names and example emails', () => {
    const people = staff.filter((member) => !member.isDesk);
    for (const field of ['key', 'slug', 'name', 'email'] as const) {
      expect(new Set(staff.map((member) => member[field])).size).toBe(staff.length);
    }
    for (const member of people) {
      expect(member.email).toMatch(/^[a-z]+\.[a-z-]+@demo\.masthead\.example$/);
      expect(member.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(member.bio.split('. ').length).toBeGreaterThanOrEqual(2);
      expect(member.bio).not.toMatch(/[{}]/);
      expect(member.location.length).toBeGreaterThan(0);
    }
  });

  it('is reproducible for a seed', () => {
    expect(demoStaffForSeed(4)).toEqual(demoStaffForSeed(4));
    expect(demoStaff(createRng('staff'))).toEqual(staff);
  });
});

describe('demoSections', () => {
  it('lists the navigation sections in order, then tags outside the navigation', () => {
    const sections = demoSections();
    const navigation = sections.filter((section) => section.isNavigation);
    expect(navigation.map((section) => section.key)).toEqual([...navigationSectionKeys]);
    expect(navigation.map((section) => section.navigationOrder)).toEqual(
      navigation.map((_, index) => index + 1),
    );
    const tags = sections.filter((section) => !section.isNavigation);
    expect(tags.length).toBeGreaterThanOrEqual(4);
    for (const tag of tags) expect(tag.navigationOrder).toBeNull();
    expect(new Set(sections.map((section) => section.slug)).size).toBe(sections.length);
  });
});

describe('demoBriefs', () => {
  const generate = (seed: string): DemoBrief[] => {
    let n = 0;
    return [...demoBriefs({ seed, now, newId: () => `b${n++}` })];
  };
  const briefs = generate('briefs');

  it('yields the default count, deterministically', () => {
    expect(briefs).toHaveLength(DEFAULT_BRIEF_COUNT);
    expect(generate('briefs')).toEqual(briefs);
  });

  it('is mostly from the last seven days, with several this morning minutes apart', () => {
    const times = briefs.map((brief) => brief.publishedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const time of times) {
      expect(time).toBeLessThanOrEqual(now.getTime());
      expect(time).toBeGreaterThanOrEqual(now.getTime() - 7 * 24 * HOUR_MS);
    }
    const lastHours = times.filter((time) => time > now.getTime() - 5 * HOUR_MS);
    expect(lastHours.length).toBeGreaterThanOrEqual(5);
  });

  it('has short bodies, desk bylines mostly, unique slugs and a few breaking items', () => {
    const slugs = new Set(briefs.map((brief) => brief.slug));
    expect(slugs.size).toBe(briefs.length);
    const deskShare =
      briefs.filter((brief) => brief.authorKeys[0] === 'news-desk').length / briefs.length;
    expect(deskShare).toBeGreaterThan(0.6);
    expect(deskShare).toBeLessThan(1);
    const breaking = briefs.filter((brief) => brief.isBreaking).length;
    expect(breaking).toBeGreaterThan(0);
    expect(breaking).toBeLessThan(briefs.length / 5);
    for (const brief of briefs) {
      expect(brief.body.content.length).toBeGreaterThanOrEqual(1);
      expect(brief.body.content.length).toBeLessThanOrEqual(2);
      expect(JSON.stringify(brief.body)).not.toMatch(/\{[a-zA-Z]+,?\}|\[[^\]]*\|/);
      const sentences = brief.body.content
        .flatMap((block) => (block.type === 'paragraph' ? (block.content ?? []) : []))
        .map((inline) => inline.text)
        .join(' ')
        .split(/(?<=\.) /);
      expect(sentences.length).toBeGreaterThanOrEqual(2);
      expect(sentences.length).toBeLessThanOrEqual(5);
      expect(navigationSectionKeys).toContain(brief.sectionKeys[0]);
    }
  });
});

describe('demoSettings and demoCampaign', () => {
  it('describes the newsroom with a real time zone', () => {
    const settings = demoSettings();
    expect(() => new Intl.DateTimeFormat('en-US', { timeZone: settings.timezone })).not.toThrow();
    expect(settings.accentColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(settings.locale).toBe('en-US');
  });

  it('runs the membership drive from a few weeks ago to the end of the year', () => {
    const campaign = demoCampaign(now);
    expect(campaign.goal).toBe(25000);
    expect(campaign.startsAt.getTime()).toBeLessThan(now.getTime());
    expect(campaign.startsAt.getTime()).toBeGreaterThan(now.getTime() - 35 * 24 * HOUR_MS);
    expect(campaign.endsAt.toISOString()).toBe('2025-12-31T23:59:59.000Z');
    expect(campaign.buttons.map((button) => button.url)).toEqual([
      '/membership/',
      '/membership/gift/',
    ]);
    expect(campaign.placements).toEqual(['banner', 'home', 'story_end']);
  });
});
