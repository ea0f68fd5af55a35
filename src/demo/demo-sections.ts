// Navigation sections and the extra tags stories can carry.

export const navigationSectionKeys = [
  'war',
  'politics',
  'business',
  'society',
  'investigations',
  'culture',
  'world',
  'opinion',
] as const;

export const tagKeys = [
  'analysis',
  'explainer',
  'photo-story',
  'energy',
  'refugees',
  'front-line',
  'reconstruction',
] as const;

export type NavigationSectionKey = (typeof navigationSectionKeys)[number];
export type TagKey = (typeof tagKeys)[number];
export type DemoSectionKey = NavigationSectionKey | TagKey;

export interface DemoSection {
  key: DemoSectionKey;
  name: string;
  slug: string;
  description: string;
  isNavigation: boolean;
  /** Position in the site navigation; null for tags that are not in it. */
  navigationOrder: number | null;
}

const details: Record<DemoSectionKey, { name: string; description: string }> = {
  war: {
    name: 'War',
    description:
      'Reporting from the front line and the cities under attack, checked and in context.',
  },
  politics: {
    name: 'Politics',
    description:
      'The government, the National Assembly and the decisions that shape a country at war.',
  },
  business: {
    name: 'Business',
    description: 'Energy, trade, jobs and money: how the economy keeps going under fire.',
  },
  society: {
    name: 'Society',
    description: 'Schools, hospitals, displaced families and the everyday life of Karsovans.',
  },
  investigations: {
    name: 'Investigations',
    description: 'Long-form, documented reporting on corruption, war crimes and abuse of power.',
  },
  culture: {
    name: 'Culture',
    description: 'Books, music, theatre and the artists who keep working through the war.',
  },
  world: {
    name: 'World',
    description: 'Diplomacy, allies and the wider region, seen from Velmora.',
  },
  opinion: {
    name: 'Opinion',
    description: 'Columns and essays by our writers and guest contributors.',
  },
  analysis: { name: 'Analysis', description: 'Our reporters explain what the news means.' },
  explainer: { name: 'Explainer', description: 'The background you need, in plain words.' },
  'photo-story': { name: 'Photo story', description: 'Stories told mainly through photographs.' },
  energy: { name: 'Energy', description: 'Power plants, the grid, gas and the winter ahead.' },
  refugees: {
    name: 'Refugees',
    description: 'People forced from their homes, in Karsova and abroad.',
  },
  'front-line': {
    name: 'Front line',
    description: 'Dispatches from towns near the line of contact.',
  },
  reconstruction: { name: 'Reconstruction', description: 'Rebuilding homes, roads and the grid.' },
};

export function demoSections(): DemoSection[] {
  const navigation = navigationSectionKeys.map((key, index) => ({
    key,
    ...details[key],
    slug: key,
    isNavigation: true,
    navigationOrder: index + 1,
  }));
  const tags = tagKeys.map((key) => ({
    key,
    ...details[key],
    slug: key,
    isNavigation: false,
    navigationOrder: null,
  }));
  return [...navigation, ...tags];
}
