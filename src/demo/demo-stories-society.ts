// Story templates for the Society section.
import type { StoryKind } from './demo-story-kind.js';

export const societyStories: readonly StoryKind[] = [
  {
    key: 'school',
    section: 'society',
    tags: ['photo-story'],
    weight: 3,
    headlines: [
      'In {city}, a school moves its lessons underground',
      'Teachers in {city} say pupils are falling behind after [two|three] years of disruption',
      'A new underground school opens in {city}',
    ],
    deks: [
      'Lessons run in shifts in a converted shelter, with ventilation, lights and a small library.',
      'Parents say the shelter classrooms are the first time in years their children have learned in a room with other pupils.',
    ],
    leads: [
      'When the air-raid siren sounds in {city}, the {n3} pupils of School No. {n2} no longer have to stop their lessons. Since {lastMonth}, their classrooms have been [underground|in a converted shelter].',
    ],
    beats: [
      {
        headings: ['Underground', 'A school below the street'],
        paragraphs: [
          'The shelter has {n} classrooms, a canteen and a room for the school psychologist. Classes run in two shifts so that every year group has at least [three|four] days of in-person lessons a week.',
          'The project cost {smallSum}, paid for by the city and a grant from {charity}.',
        ],
      },
      {
        headings: ['Catching up', 'Lost learning'],
        paragraphs: [
          'National test results show that pupils in regions near the front are on average about a year behind their peers in the west of the country, according to the education ministry.',
          'Teachers say the biggest problem is not the curriculum but concentration. Many children sleep badly after night-time attacks.',
        ],
      },
    ],
    quotes: [
      {
        text: 'For the first time in a long time, the children are loud in the corridors. That is a good sign',
        by: 'resident',
      },
      {
        text: 'Online lessons kept the system alive, but they cannot replace a classroom',
        by: 'expert',
      },
    ],
    photo: {
      alts: [
        'Children at desks in a brightly lit basement classroom',
        'A corridor painted with murals',
      ],
      captions: [
        'Pupils in an underground classroom in {city}.',
        'The entrance to the shelter school.',
      ],
    },
  },
  {
    key: 'hospital',
    section: 'society',
    tags: ['front-line'],
    weight: 2,
    headlines: [
      'A hospital near the front keeps operating on generator power',
      'Doctors in {city} train volunteers to treat wounds',
      'Rural clinics in {province} struggle to keep staff',
      'In {city}, surgeons operate in the basement during alerts',
    ],
    deks: [
      'Medical staff describe long shifts, shortages of specialists and patients who arrive late because roads are dangerous.',
    ],
    leads: [
      'The regional hospital in {city} treats about {n3} patients a week, [civilians and soldiers alike|most of them civilians]. Since {lastMonth}, it has run for long stretches on generator power.',
    ],
    beats: [
      {
        headings: ['The wards', 'Inside the hospital'],
        paragraphs: [
          'Operating theatres have been moved to the basement. Staff say they can complete routine surgery even during air-raid alerts.',
          'About {pct} per cent of the hospital’s doctors have left the region since the invasion. Surgeons from {capital} come on rotation for [two|three] weeks at a time.',
        ],
      },
      {
        headings: ['Help from outside', 'Supplies'],
        paragraphs: [
          'Equipment has come from partner hospitals abroad and from {charity}, which donated [two|three] ambulances and a mobile X-ray unit this year.',
        ],
      },
    ],
    quotes: [
      {
        text: 'We do not have the luxury of being tired. Tomorrow there will be more patients',
        by: 'resident2',
      },
    ],
    photo: {
      alts: ['Surgeons in a basement operating room', 'An ambulance outside a hospital at dusk'],
      captions: [
        'Surgeons at the regional hospital in {city}.',
        'An ambulance arrives at the hospital.',
      ],
    },
  },
  {
    key: 'displaced',
    section: 'society',
    tags: ['refugees'],
    weight: 2,
    headlines: [
      'Displaced families in {city} face rising rents',
      'A dormitory in {city} has housed displaced people for [two|three] years. Now it must close',
      'Survey: most displaced people want to return home, but few expect to soon',
      'In {city}, {n3} displaced people wait to hear where they will live next',
    ],
    deks: [
      'Housing support has not kept up with rents, and collective shelters were meant to be temporary.',
    ],
    leads: [
      'About {n3} displaced people live in collective shelters in {city}, according to the city council. The largest, a former university dormitory, is due to close in {month}.',
    ],
    beats: [
      {
        headings: ['Housing', 'Nowhere to go'],
        paragraphs: [
          'Rents in {city} have risen by about {pct} per cent in a year, as people moved west from regions near the front, estate agents say.',
          'The state pays a small allowance to displaced people, but it has not been raised since [last year|the start of the war].',
        ],
      },
      {
        headings: ['Home', 'Going back'],
        paragraphs: [
          'In a survey by {institute}, {pct2} per cent of displaced people said they wanted to return to their home towns, but fewer than a third expected to do so within a year.',
        ],
      },
    ],
    quotes: [
      {
        text: 'We were told it would be a few weeks. It has been more than two years',
        by: 'resident',
      },
      {
        text: 'The shelters were an emergency solution. The emergency became permanent',
        by: 'volunteer',
      },
    ],
    photo: {
      alts: ['A family in a small room with bunk beds', 'A dormitory corridor with laundry drying'],
      captions: [
        'A family in a collective shelter in {city}.',
        'The former dormitory that houses displaced people in {city}.',
      ],
    },
  },
];
