// Story templates for the War section.
import type { StoryBeat, StoryKind } from './demo-story-kind.js';

const warContext: StoryBeat = {
  headings: ['The wider picture', 'Background', 'How we got here'],
  paragraphs: [
    '{enemy} launched its full-scale invasion of {country} more than two years ago. Its forces hold parts of {province} province, and the line of contact has moved little since the [spring|autumn] fighting around {town}.',
    'Officials in {capital} have [repeatedly|again] asked {bloc} and members of {alliance} for more air-defence systems, saying the current stock cannot cover every city at once.',
    '{enemyAdj} officials did not comment on the [attack|strikes|fighting]. {enemy} denies targeting civilians, a claim contradicted by [independent monitors|the damage documented by our reporters|United Nations-style observers working with {charity}].',
  ],
};

export const warStories: readonly StoryKind[] = [
  {
    key: 'strike',
    section: 'war',
    tags: ['analysis', 'energy', 'photo-story'],
    weight: 5,
    headlines: [
      'Overnight [missile|drone] attack on {city} damages homes and power lines',
      'At least {n} killed as drones hit a residential district of {city}',
      '{city} counts the damage after the [heaviest|largest] attack in weeks',
      'Air-raid alert lasts [five|six|seven] hours as {city} is hit again',
    ],
    deks: [
      'Emergency crews worked through the night as residents cleared glass from their flats and queued for water.',
      'Air defences shot down most of the incoming drones, officials said, but falling debris started fires in [two|three|several] districts.',
      'Schools in the affected districts moved lessons online while engineers restored power street by street.',
    ],
    leads: [
      '{enemyAdj} forces struck {city} overnight with [missiles and drones|a wave of drones|cruise missiles], killing {n} people and damaging [dozens of|more than {n2}] homes, regional officials said {day}.',
      'At least {n} people were killed and {n2} injured when [drones|missiles] hit {city} in the early hours, the regional administration said {day}, in one of the largest attacks on the city this [month|season].',
    ],
    beats: [
      {
        headings: ['A night in the shelters', 'What was hit', 'The damage'],
        paragraphs: [
          'The attack began shortly after [2 a.m.|3 a.m.|midnight], when air-raid sirens sounded across the city. Residents described a series of explosions over about {n2c} minutes.',
          'Firefighters said they had put out fires in {nb} buildings, including a [school|warehouse|nine-storey apartment block|clinic] in the [northern|eastern|southern] part of the city.',
          'By morning, [volunteers|neighbours|municipal workers] were nailing plywood over broken windows. Many residents said they had spent the night in basements or in the metro.',
        ],
      },
      {
        headings: ['Air defence', 'Interceptions'],
        paragraphs: [
          'The air force said it had shot down {n2b} drones and {nc} missiles over [five|six|seven] regions. The figures could not be independently verified.',
          'Most of the drones were brought down by mobile fire groups, small teams with machine guns and searchlights that have become a fixture on the edges of {country}’s cities.',
        ],
      },
      {
        headings: ['Power and water', 'Repairs'],
        paragraphs: [
          'About {n3} households were left without electricity. Karsenergo, the state grid operator, said it expected to restore supply within [a day|two days|the week].',
          'The city council opened [{nd}|several] heating points where residents can charge phones, get hot drinks and use the internet.',
        ],
      },
      warContext,
    ],
    quotes: [
      {
        text: 'We heard the first explosion and went straight down to the basement with the children',
        by: 'resident',
      },
      {
        text: 'Every window on our floor is gone, but we are alive, and that is what matters',
        by: 'resident2',
      },
      {
        text: 'The pattern is clear: they wait until the grid is under the most strain and then they strike',
        by: 'airForce',
      },
    ],
    list: {
      intro: 'What we know so far:',
      items: [
        'At least {n} people were killed and {n2} injured.',
        'Fires broke out in {nb} buildings; all were put out by morning.',
        'About {n3} households lost power overnight.',
        'Schools in the worst-hit districts are teaching online until further notice.',
      ],
    },
    photo: {
      alts: ['A damaged apartment block at dawn', 'Firefighters at a burning building at night'],
      captions: [
        'Residents outside a damaged apartment block in {city} on {dayName} morning.',
        'Emergency workers at the site of the strike in {city}.',
      ],
    },
  },
  {
    key: 'front',
    section: 'war',
    tags: ['front-line', 'analysis'],
    weight: 4,
    headlines: [
      'Fighting intensifies near {town} as {enemyAdj} troops press south',
      'Near {town}, a small unit holds a line that keeps moving',
      '{adj} forces say they pushed back an assault on {town}',
      'Why {town} matters to both armies',
    ],
    deks: [
      'Soldiers describe daily drone attacks and a shortage of rest, as the army rotates units through the area.',
      'The town has been emptied of most of its pre-war population, but a few hundred residents refuse to leave.',
    ],
    leads: [
      '{enemyAdj} troops have stepped up attacks around {town}, in {province} province, trying to cut a supply road that links the town to {town2}, {adj} commanders said {day}.',
      'For {n2} days, the soldiers of a small {adj} infantry unit have held a line of trenches east of {town}. On a good day, they said, they are attacked only [twice|three times].',
    ],
    beats: [
      {
        headings: ['On the line', 'In the trenches'],
        paragraphs: [
          'The unit’s positions sit in a strip of woodland about {km} kilometres from the town centre. Supplies arrive at night, because any vehicle on the road during the day is quickly spotted by drones.',
          'The soldiers, most of whom asked to be identified only by their call signs under military rules, said the [cold|mud|heat] was almost as exhausting as the shelling.',
        ],
      },
      {
        headings: ['The assault', 'What the army says'],
        paragraphs: [
          'According to the general staff, {enemyAdj} forces made {n2b} attempts to advance in the area over the past [day|two days], supported by armoured vehicles and artillery.',
          'Military analysts say the [rate of|pace of] the advance has slowed, but that {enemy} is able to absorb heavy losses and keep up pressure for weeks.',
        ],
      },
      {
        headings: ['The people who stayed', 'Civilians'],
        paragraphs: [
          'About {n3} civilians remain in {town}, down from more than [10,000|15,000|20,000] before the invasion. Most are elderly. Volunteers deliver bread and medicine [twice a week|when the road allows].',
          'The regional administration has ordered the mandatory evacuation of families with children, but officials acknowledge that some parents have refused to leave.',
        ],
      },
      warContext,
    ],
    quotes: [
      {
        text: 'They send small groups, two or three men at a time, to find where we are. Then the artillery starts',
        by: 'officer',
      },
      { text: 'The next few weeks will decide whether the road stays open', by: 'expert' },
      { text: 'Where would I go? My husband is buried here, my garden is here', by: 'resident' },
    ],
    facts: {
      title: '{town} in numbers',
      items: [
        'Pre-war population: about [12,000|18,000|24,000]',
        'Residents remaining: about {n3}',
        'Distance to the line of contact: {km} km',
        'Evacuation buses: [twice a week|daily, when it is safe]',
      ],
    },
    photo: {
      alts: ['Soldiers in a trench in a forest', 'A road leading to a damaged town'],
      captions: [
        '{adj} soldiers at a position near {town}.',
        'The road into {town}, which is under regular drone attack.',
      ],
    },
  },
  {
    key: 'evacuation',
    section: 'war',
    tags: ['refugees', 'front-line'],
    weight: 3,
    headlines: [
      'Authorities order evacuation of children from {n2} villages near {town}',
      '“We packed in ten minutes”: families leave {town} as shelling gets closer',
      'Evacuation trains from {province} carry [hundreds|thousands] west to {city}',
    ],
    deks: [
      'Officials say the decision was made after weeks of shelling left several settlements without electricity or water.',
      'Volunteers help older residents who cannot walk to the buses. Many families are leaving for the second time.',
    ],
    leads: [
      'The regional administration in {province} has ordered the compulsory evacuation of families with children from {n2} villages around {town}, citing the intensity of shelling in the area.',
      'The evacuation bus leaves {town} at 7 a.m. On {dayName}, it carried {n2} people, [two cats and a dog|a caged parrot|most of a family’s winter clothes] and a pensioner who had refused to leave for [a year|two years].',
    ],
    beats: [
      {
        headings: ['Leaving', 'The last bus'],
        paragraphs: [
          'Families are taken first to a transit centre in {city}, where they are registered, given a hot meal and offered places in [dormitories|shelters|rented flats] further west.',
          'Volunteers from {charity} say they [carry|help] bedridden residents to specially equipped vans. Each trip takes several hours because of damaged roads.',
        ],
      },
      {
        headings: ['Where they go', 'A new start'],
        paragraphs: [
          'The government pays displaced people a monthly allowance of [2,000|3,000] {currency} per adult and [3,000|3,500] per child, an amount many families say does not cover rent.',
          'About {pct} per cent of the people evacuated from the region this year have [found work|enrolled their children in local schools] in their new towns, according to the social policy ministry.',
        ],
      },
      warContext,
    ],
    quotes: [
      {
        text: 'We packed what we could carry. The rest, we will see if it is still there',
        by: 'resident',
      },
      {
        text: 'People wait until the last possible moment. We understand why, but it makes our work much more dangerous',
        by: 'volunteer',
      },
    ],
    facts: {
      title: 'How to get help',
      items: [
        'Register at any transit centre or through the state services app.',
        'Displaced families can apply for a monthly allowance and free temporary housing.',
        'Volunteer hotlines run 24 hours a day for people with limited mobility.',
      ],
    },
    photo: {
      alts: ['People boarding a bus with bags', 'A train platform crowded with families'],
      captions: [
        'Residents of {town} board an evacuation bus.',
        'Families arrive at the railway station in {city}.',
      ],
    },
  },
  {
    key: 'exchange',
    section: 'war',
    tags: ['analysis'],
    weight: 2,
    headlines: [
      '{n2} prisoners of war return home in the largest exchange this year',
      'Prisoner exchange brings {n2} soldiers back to {country}',
      '“I recognised him by the way he walks”: families meet freed prisoners in {city}',
    ],
    deks: [
      'Relatives waited at the border for hours, holding photographs of men who are still missing.',
      'The exchange was mediated by neutral intermediaries after weeks of talks, officials said.',
    ],
    leads: [
      '{country} and {enemy} exchanged prisoners of war {day}, with {n2} {adj} soldiers and [two|three] civilians returning home, {president} said.',
    ],
    beats: [
      {
        headings: ['The return', 'At the border'],
        paragraphs: [
          'The men crossed the border in buses and were taken to hospitals for medical checks. Several had been held for more than a year.',
          'Families who had gathered at the crossing passed around photographs of relatives still missing, asking the returning soldiers whether they had seen them in captivity.',
        ],
      },
      {
        headings: ['Conditions in captivity', 'What returning soldiers describe'],
        paragraphs: [
          'Former prisoners interviewed by human rights monitors have described poor food, overcrowding and a lack of medical care. {enemy} has not allowed independent inspections of its detention sites.',
          '{ombudsman,} said {country} would keep pressing for regular visits by international observers.',
        ],
      },
      warContext,
    ],
    quotes: [
      { text: 'We will bring every one of them home, however long it takes', by: 'president' },
      { text: 'I recognised him by the way he walks. He lost so much weight', by: 'resident' },
    ],
    photo: {
      alts: [
        'Men in uniforms stepping off a bus',
        'A woman holding a photograph at a border crossing',
      ],
      captions: [
        'Soldiers return to {country} after the exchange.',
        'Relatives of missing soldiers wait at the border.',
      ],
    },
  },
  {
    key: 'demining',
    section: 'war',
    tags: ['reconstruction', 'photo-story', 'explainer'],
    weight: 2,
    headlines: [
      'Deminers clear fields near {town}, one metre at a time',
      'Farmers near {town} wait for deminers before the [sowing|harvest] season',
      'How long will it take to clear {country}’s minefields?',
    ],
    deks: [
      'Specialists say some areas will take years to make safe, and that farmers are already taking risks.',
      'A team of {n2} deminers works through a field that was on the front line for [a few weeks|several months].',
    ],
    leads: [
      'The deminers start at first light, walking in single file along a strip already marked safe. In a field outside {town}, they have found {n2} anti-tank mines and hundreds of pieces of unexploded ordnance since [spring|the summer].',
    ],
    beats: [
      {
        headings: ['Slow work', 'In the field'],
        paragraphs: [
          'Each square metre is checked by hand with metal detectors, then with probes. A team can clear about [half a hectare|a hectare] on a good day.',
          'The State Emergency Service estimates that about {pct} per cent of {province} province may be contaminated by mines or unexploded shells.',
        ],
      },
      {
        headings: ['The farmers', 'Waiting to plant'],
        paragraphs: [
          'Some farmers, unable to wait, have started ploughing fields themselves. Since the start of the year, {nb} people have been injured by mines in the province, most of them while working on their land.',
          'The government has promised to compensate farmers for the cost of commercial demining, but the programme has a long waiting list.',
        ],
      },
    ],
    quotes: [
      {
        text: 'You cannot rush this job. The mine does not care that you are tired',
        by: 'resident2',
      },
      {
        text: 'At the current pace, clearing the worst-hit areas will take a decade or more',
        by: 'expert',
      },
    ],
    list: {
      intro: 'If you find an unfamiliar object:',
      items: [
        'Do not touch it or try to move it.',
        'Mark the place from a distance, if you can do so safely.',
        'Call the emergency number and describe the location.',
      ],
    },
    photo: {
      alts: ['A deminer kneeling in a field with a detector', 'Red warning signs along a field'],
      captions: [
        'A deminer at work near {town}.',
        'Warning signs mark an uncleared field in {province} province.',
      ],
    },
  },
];
