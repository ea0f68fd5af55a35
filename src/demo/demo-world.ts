// The invented world the demo newsroom reports on. Every place, person and organisation here is
// fictional; the fixed cast keeps names consistent across thousands of generated stories.
import type { Rng } from './random.js';

export const world = {
  country: 'Karsova',
  adj: 'Karsovan',
  people: 'Karsovans',
  capital: 'Velmora',
  enemy: 'Morvast',
  enemyAdj: 'Morvastian',
  enemyCapital: 'Drekhov',
  currency: 'kors',
  parliament: 'the National Assembly',
  bloc: 'the Continental Union',
  alliance: 'the Northern Compact',
} as const;

/** Cities away from the front; they still see missile and drone attacks. */
export const cities = [
  'Velmora',
  'Tarnovets',
  'Solvenka',
  'Brezhyn',
  'Koletsa',
  'Lisvoda',
  'Orlevo',
  'Sarvel',
  'Marevka',
  'Istrel',
  'Dubrin',
  'Halven',
] as const;

/** Towns and villages near the line of contact. */
export const frontTowns = [
  'Drovna',
  'Kaldor',
  'Yaremna',
  'Pelvitsa',
  'Stari Brod',
  'Hostyn',
  'Zorivka',
  'Nemyra',
  'Ulnik',
  'Vesnyany',
  'Rudets',
  'Krasyl',
] as const;

export const provinces = [
  'Kaldor',
  'Marvesh',
  'Ilvan',
  'Tarnovets',
  'Sarvel',
  'Upper Drava',
] as const;
export const rivers = ['Velna', 'Sorva', 'Ostrel'] as const;

export const cast = {
  president: 'President Tomas Radvan',
  presidentName: 'Radvan',
  primeMinister: 'Prime Minister Vera Solnik',
  primeMinisterName: 'Solnik',
  defenceMinister: 'Defence Minister Andrei Kostal',
  defenceMinisterName: 'Kostal',
  foreignMinister: 'Foreign Minister Mira Dvoran',
  foreignMinisterName: 'Dvoran',
  energyMinister: 'Energy Minister Pavel Hrenko',
  energyMinisterName: 'Hrenko',
  financeMinister: 'Finance Minister Lidia Brannik',
  financeMinisterName: 'Brannik',
  commander: 'General Oren Vashko, the commander-in-chief',
  commanderName: 'Vashko',
  mayor: 'Katya Morel, the mayor of Velmora',
  mayorName: 'Morel',
  opposition: 'Yuri Tadesko, who leads the opposition Civic Renewal party',
  oppositionName: 'Tadesko',
  ombudsman: 'Nadia Kerel, the parliamentary human rights commissioner',
  ombudsmanName: 'Kerel',
  bankGovernor: 'Stefan Orlyk, governor of the National Bank',
  bankGovernorName: 'Orlyk',
  airForce: 'Colonel Ivo Halas, an air force spokesperson',
  airForceName: 'Halas',
  enemyLeader: 'Chairman Aurel Gorsky',
  enemyLeaderName: 'Gorsky',
} as const;

export const firstNames = [
  'Olena',
  'Marek',
  'Ilona',
  'Taras',
  'Sofia',
  'Dmitri',
  'Anya',
  'Petro',
  'Kira',
  'Luka',
  'Daria',
  'Bohdan',
  'Irina',
  'Milan',
  'Zoya',
  'Roman',
  'Vesna',
  'Artem',
  'Lesya',
  'Nikola',
  'Halyna',
  'Oleg',
  'Mila',
  'Stepan',
  'Yana',
  'Viktor',
  'Nina',
  'Ivan',
  'Tamara',
  'Filip',
  'Alina',
  'Kostya',
  'Maryna',
  'Emil',
  'Rada',
  'Sergei',
  'Lina',
  'Hnat',
  'Eva',
  'Denys',
] as const;

export const surnames = [
  'Varga',
  'Halvan',
  'Petrenko',
  'Dorosh',
  'Kovar',
  'Melnyk',
  'Savchuk',
  'Lesko',
  'Tarasenko',
  'Holub',
  'Ziman',
  'Kravets',
  'Oliynyk',
  'Marchak',
  'Rudenko',
  'Sokil',
  'Vasko',
  'Hrytsak',
  'Demchuk',
  'Lavrik',
  'Shevel',
  'Bondar',
  'Yurchak',
  'Tkach',
  'Moroz',
  'Fedak',
  'Kuzmin',
  'Polishko',
  'Zavada',
  'Ostap',
  'Klymko',
  'Reva',
  'Danko',
  'Soroka',
  'Marko',
] as const;

export const occupations = [
  'teacher',
  'nurse',
  'retired engineer',
  'bus driver',
  'shop owner',
  'volunteer',
  'farmer',
  'pharmacist',
  'student',
  'electrician',
  'baker',
  'accountant',
  'paramedic',
  'librarian',
  'mechanic',
  'social worker',
  'pensioner',
  'café owner',
  'welder',
  'school principal',
] as const;

export const institutes = [
  'the Velmora Institute for Policy Studies',
  'the Centre for Security Research in Tarnovets',
  'the Karsovan Economic Forum',
  'Solvenka State University',
  'the independent Open Budget group',
  'the Sarvel Maritime Institute',
] as const;

export const companies = [
  'Karsenergo',
  'Velna Steel',
  'Sarvel Port Holding',
  'Brezhyn Agro',
  'Orlevo Rail',
  'Dubrin Pharma',
  'Polar Grain Traders',
  'Halven Glassworks',
  'Istrel Telecom',
  'Marevka Machine Works',
] as const;

export const charities = [
  'the Karsovan Relief Network',
  'Warm Homes Karsova',
  'the International Relief Council',
  'Open Doors Sarvel',
  'the Frontline Medics Fund',
] as const;

export const weekdays = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

export const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export function personName(rng: Rng): string {
  return `${rng.pick(firstNames)} ${rng.pick(surnames)}`;
}

export function surnameOf(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf(' ') + 1);
}
