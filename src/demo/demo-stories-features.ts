// Story templates for Investigations, Culture, World and Opinion.
import type { StoryKind } from './demo-story-kind.js';

export const featureStories: readonly StoryKind[] = [
  {
    key: 'procurement',
    section: 'investigations',
    tags: ['analysis'],
    weight: 3,
    headlines: [
      'Documents show {company2} won {n} defence contracts without competition',
      'Repairs paid for, never done: where the money for {city}’s shelters went',
      'A contractor, a deputy and a {smallSum} school roof',
      'How a {city} firm with no track record won {smallSum} in repair work',
    ],
    deks: [
      'Our reporters reviewed procurement records, company filings and property registers over [four|six|eight] months.',
      'Officials say all rules were followed. The documents raise questions they have not answered.',
    ],
    leads: [
      'A company with no prior experience in construction received contracts worth {smallSum} to repair bomb shelters in {city} last year, according to procurement records reviewed by our reporters. Inspections later found that work at [several|{n}] sites had not been done.',
      'Over the past [year|two years], {company2} has won {n} contracts from regional authorities, all without open tenders, under emergency rules introduced at the start of the war.',
    ],
    beats: [
      {
        headings: ['The contracts', 'What the records show'],
        paragraphs: [
          'The contracts were signed under wartime procedures that allow authorities to skip open tenders for urgent work. Prices per square metre were on average {pct} per cent above those in comparable tenders in neighbouring regions.',
          'Company filings show that the firm was registered [three|five|eight] months before the first contract. Its sole director previously worked as an aide to a member of the regional council.',
        ],
      },
      {
        headings: ['The response', 'What officials say'],
        paragraphs: [
          'The regional administration said in a written reply that the contracts had been audited and that defects were being fixed at the contractor’s expense. It did not answer questions about the choice of company.',
          'The company’s director did not respond to [repeated requests for comment|calls and written questions sent over two weeks].',
        ],
      },
      {
        headings: ['How we reported this', 'Our methods'],
        paragraphs: [
          'We compared {n2} contracts in the public procurement system with inspection reports obtained through freedom of information requests, and visited [{n}|several] of the sites in person.',
        ],
      },
    ],
    quotes: [
      {
        text: 'Emergency rules were meant for emergencies, not for three years of business as usual',
        by: 'lawyer',
      },
      {
        text: 'We have nothing to hide. Every contract passed through the audit office',
        by: 'official',
      },
    ],
    facts: {
      title: 'Key findings',
      items: [
        '{n} contracts worth {smallSum} in total, none put to open tender',
        'Prices about {pct}% above comparable contracts',
        'Work at several sites not completed, inspections found',
        'The company’s director had worked for a regional councillor',
      ],
    },
    photo: {
      alts: ['Stacks of documents on a desk', 'An unfinished concrete shelter entrance'],
      captions: [
        'Procurement documents reviewed for this investigation.',
        'A shelter entrance in {city} where repairs were paid for.',
      ],
    },
  },
  {
    key: 'warcrimes',
    section: 'investigations',
    tags: ['front-line'],
    weight: 2,
    headlines: [
      'Reconstructing the attack on {town}: what happened in the [fourteen|twenty] minutes',
      'Investigators identify the unit behind the shelling of {town}',
    ],
    deks: [
      'Using satellite images, witness interviews and fragments collected at the scene, we pieced together the timeline.',
    ],
    leads: [
      'On a [morning|afternoon] in {lastMonth}, shells landed on the central square of {town} while residents queued for humanitarian aid. We spent [weeks|two months] establishing what happened and who was responsible.',
    ],
    beats: [
      {
        headings: ['The timeline', 'Minute by minute'],
        paragraphs: [
          'Witnesses told our reporters that the first shell hit a parking area at the edge of the square. The second landed near the queue about a minute later.',
          'Satellite images taken the next day show [{n}|several] craters consistent with artillery fire from the north-east.',
        ],
      },
      {
        headings: ['The evidence', 'Who fired'],
        paragraphs: [
          'Prosecutors say they have identified the {enemyAdj} artillery unit deployed in the area at the time. The case has been shared with international investigators.',
          '{ombudsman,} said the attack bore the hallmarks of a deliberate strike on civilians.',
        ],
      },
    ],
    quotes: [
      { text: 'We were standing in line for flour. There were no soldiers there', by: 'resident' },
      {
        text: 'The evidence is consistent, detailed and, in our view, sufficient to open proceedings',
        by: 'lawyer',
      },
    ],
    photo: {
      alts: ['A town square with damaged buildings', 'An investigator measuring a crater'],
      captions: ['The central square of {town}.', 'Investigators document a crater in {town}.'],
    },
  },
  {
    key: 'festival',
    section: 'culture',
    tags: ['photo-story'],
    weight: 3,
    headlines: [
      'A film festival in {city} sells out despite air-raid alerts',
      'The {city} Philharmonic returns to its damaged hall',
      'Between sirens, {city}’s theatres are fuller than before the war',
    ],
    deks: [
      'Organisers say audiences want stories about the war, and stories that have nothing to do with it.',
    ],
    leads: [
      'Every screening at this year’s festival in {city} sold out, organisers said {day}, even though [three|four] evenings were interrupted by air-raid alerts and audiences had to move to a shelter.',
    ],
    beats: [
      {
        headings: ['On stage', 'The programme'],
        paragraphs: [
          'The programme included {n2} films, [most of them|many of them] by {adj} directors, and a retrospective of documentary work from the first year of the invasion.',
          'The winning film, a quiet drama about a family of railway workers, was shot in {city2} over [two|three] summers.',
        ],
      },
      {
        headings: ['The audience', 'Why people come'],
        paragraphs: [
          'Ticket sales at cultural venues in {city} are higher than before the invasion, according to the city’s culture department. Performances start earlier so that audiences can get home before the curfew.',
        ],
      },
    ],
    quotes: [
      {
        text: 'People come to be together. For two hours, they are not alone with the news',
        by: 'artist',
      },
      {
        text: 'We do not make films about the war. We make films about people who happen to live through it',
        by: 'artist',
      },
    ],
    photo: {
      alts: ['An audience in a darkened cinema', 'Musicians rehearsing on a stage'],
      captions: ['The audience at a screening in {city}.', 'A rehearsal in {city}.'],
    },
  },
  {
    key: 'book',
    section: 'culture',
    tags: [],
    weight: 2,
    headlines: [
      'A debut novel about life in {town} becomes an unlikely bestseller',
      'Book review: a quiet, devastating account of an occupied village',
      'Poets of the front line: a new anthology collects {n2} voices',
    ],
    deks: ['The author wrote most of it on a phone, in a shelter, between shifts as a paramedic.'],
    leads: [
      'The first print run of {n3} copies sold out in a week. The book, a short novel set in a village near {town}, has no battle scenes and barely mentions the army.',
    ],
    beats: [
      {
        headings: ['The book', 'What it is about'],
        paragraphs: [
          'The story follows a retired schoolteacher who stays behind when her neighbours leave, and the small routines she keeps to stay sane.',
          'Critics have praised its restraint. The war is present on every page, but mostly as an absence: empty houses, unanswered calls, a bus that stops coming.',
        ],
      },
      {
        headings: ['The author', 'Writing in a shelter'],
        paragraphs: [
          'The author, {artist}, grew up in {province} province and worked as a paramedic for [two|three] years before turning to writing full-time.',
        ],
      },
    ],
    quotes: [{ text: 'I wanted to write about the people who never make the news', by: 'artist' }],
    photo: {
      alts: ['A stack of books on a table', 'A writer at a desk by a window'],
      captions: ['The novel on sale in a bookshop in {city}.', '{artist} at home in {city}.'],
    },
  },
  {
    key: 'diplomacy',
    section: 'world',
    tags: ['analysis'],
    weight: 3,
    headlines: [
      '{foreignMinisterName} seeks more air defence at {bloc} meeting',
      '{Bloc} agrees new aid package for {country}',
      'What the {alliance} summit means for {country}',
      '{country} and {bloc} sign {sum} energy repair deal',
    ],
    deks: ['Diplomats say the package is larger than expected, but deliveries will take months.'],
    leads: [
      '{foreignMinister} said {day} that partners had agreed to send additional air-defence systems, after talks with {bloc} ministers that ran late into the night.',
    ],
    beats: [
      {
        headings: ['The package', 'What was agreed'],
        paragraphs: [
          'The package, worth about {sum}, includes ammunition, generators and money for the repair of energy infrastructure. Some elements still need national approval.',
          'Officials said the first deliveries could arrive [within weeks|before winter], but declined to give details for security reasons.',
        ],
      },
      {
        headings: ['Disagreements', 'The sticking points'],
        paragraphs: [
          'Several members had objected to the size of the package, citing their own budgets. A compromise extended the payment schedule over [two|three] years.',
          '{enemy} called the decision a provocation and said it would “respond appropriately”, without giving details.',
        ],
      },
    ],
    quotes: [
      {
        text: 'Every system we receive protects a city. We are grateful, and we need more',
        by: 'foreignMinister',
      },
      { text: 'The direction is clear; the speed is still the problem', by: 'expert' },
    ],
    photo: {
      alts: ['Flags outside a conference building', 'Diplomats at a long table'],
      captions: ['Ministers arrive for the talks.', '{foreignMinister} before the meeting.'],
    },
  },
  {
    key: 'refugees-abroad',
    section: 'world',
    tags: ['refugees'],
    weight: 2,
    headlines: [
      'Karsovans abroad weigh whether to come home',
      'Host countries extend protection for Karsovan refugees by another year',
    ],
    deks: ['Many have found work and school places for their children. Few feel settled.'],
    leads: [
      'More than [two|three] million Karsovans live abroad because of the war, according to government estimates. Host countries in {bloc} agreed {day} to extend their temporary protection for another year.',
    ],
    beats: [
      {
        headings: ['Staying or leaving', 'A decision deferred'],
        paragraphs: [
          'Surveys show that about {pct2} per cent of refugees want to return eventually, but most say they will wait until the fighting stops or their home towns are safe.',
          'The government in {capital} has launched a programme to encourage skilled workers to return, offering help with housing and recognition of foreign qualifications.',
        ],
      },
    ],
    quotes: [
      {
        text: 'My children speak two languages now. Every year it gets harder to decide',
        by: 'resident',
      },
    ],
    photo: {
      alts: ['A family with suitcases at a bus station', 'A language class for adults'],
      captions: ['A family waits for a bus home.', 'An evening language class for refugees.'],
    },
  },
  {
    key: 'column',
    section: 'opinion',
    tags: ['analysis'],
    weight: 3,
    headlines: [
      'We cannot let fatigue decide the outcome of this war',
      'A letter from {city}, {n} months into the blackouts',
      'The emergency rules have outlived the emergency',
      'The reconstruction money must come with sunlight',
      'What {city} taught me about patience',
      'Our democracy is also on the front line',
    ],
    deks: [
      'The hardest battles are not always the loudest ones.',
      'Accountability is not a luxury we can postpone until after the war.',
    ],
    leads: [
      'It has become common in {capital} to say that people are tired. It is true. But tiredness is not the same as giving up, and we should stop confusing the two.',
      'Every week, I receive messages from readers asking the same question: why should we report on corruption when the country is at war? My answer has not changed.',
    ],
    beats: [
      {
        headings: ['The argument', 'What is at stake'],
        paragraphs: [
          'A country that defends itself with the help of others must be able to show where every kors goes. That is not a favour to our partners; it is a duty to the people who pay taxes and the soldiers who depend on the supplies.',
          'The emergency rules introduced in the first weeks of the invasion made sense then. [Three|Two] years on, many of them have become a convenient way to avoid scrutiny.',
        ],
      },
      {
        headings: ['What should change', 'A modest proposal'],
        paragraphs: [
          'Publish the contracts. Publish the inspection reports. Let journalists and citizens check them. Most officials are honest, and they have nothing to lose from this.',
          'Resilience is not only air defence and generators. It is also trust: the belief that sacrifices are shared fairly.',
        ],
      },
    ],
    quotes: [{ text: 'Tiredness is not the same as giving up', by: 'author' }],
    photo: {
      alts: ['A city street at dusk with few people', 'A view over rooftops in the rain'],
      captions: ['An evening in {city}.', 'Rooftops of {capital}.'],
    },
  },
];
