// Story templates for Politics and Business.
import type { StoryKind } from './demo-story-kind.js';

export const civicStories: readonly StoryKind[] = [
  {
    key: 'budget',
    section: 'politics',
    tags: ['analysis', 'explainer'],
    weight: 3,
    headlines: [
      'National Assembly passes wartime budget after [a late-night|a two-day] debate',
      'Deputies approve {sum} for defence in next year’s budget',
      '{FinanceMinisterName} defends budget as [regions|mayors|opposition deputies] push back',
      'Government proposes {sum} more for defence, cuts elsewhere',
      'Budget fight exposes strains in the governing coalition',
      'Budget vote: what changes for {city} and other regions',
    ],
    deks: [
      'Defence will take more than half of all spending next year. Opposition deputies say regions are paying the price.',
      'The finance ministry says the plan depends on continued support from {bloc}.',
    ],
    leads: [
      '{Parliament} approved next year’s budget {day}, with {n3} million {currency} more for the armed forces and cuts to road building and regional grants, after a debate that ran past midnight.',
      '{financeMinister} presented a revised budget {day} that would raise defence spending by {sum}, paid for partly by higher excise duties on fuel and tobacco.',
    ],
    beats: [
      {
        headings: ['What is in it', 'The numbers'],
        paragraphs: [
          'Defence and security account for about {pct2} per cent of planned spending. Pensions and social payments are protected, the ministry said, but capital investment outside the defence sector falls by about {pct} per cent.',
          'The deficit is expected to reach about [17|19|21|23] per cent of economic output, financed mainly by loans and grants from partners.',
        ],
      },
      {
        headings: ['The opposition', 'Objections'],
        paragraphs: [
          '{opposition,} said the budget relied on optimistic forecasts and did too little to cut spending on the state apparatus.',
          'Several deputies from the governing Unity Front abstained, citing cuts to regional development funds in their constituencies.',
        ],
      },
      {
        headings: ['What happens next', 'Next steps'],
        paragraphs: [
          'The budget now goes to {president} for signature. Officials expect it to be amended again in [spring|the summer], as it was this year.',
        ],
      },
    ],
    quotes: [
      {
        text: 'This is a budget for a country that intends to defend itself and to survive the winter',
        by: 'financeMinister',
      },
      {
        text: 'The government is asking people to pay more without showing where the money goes',
        by: 'opposition',
      },
      { text: 'The real test is whether the external financing arrives on time', by: 'economist' },
    ],
    facts: {
      title: 'The budget at a glance',
      items: [
        'Defence and security: about {pct2}% of spending',
        'Regional investment: down {pct}%',
        'New fuel and tobacco excise from [January|March]',
        'Regional grants cut by {smallSum}',
      ],
    },
    photo: {
      alts: ['Deputies voting in a parliament chamber', 'A minister speaking at a lectern'],
      captions: [
        'Deputies in {parliament} during the budget vote.',
        '{financeMinister} presents the budget.',
      ],
    },
  },
  {
    key: 'reshuffle',
    section: 'politics',
    tags: ['analysis'],
    weight: 2,
    headlines: [
      '{presidentName} replaces [two|three] ministers in the first reshuffle this year',
      'Reshuffle brings a new reconstruction minister from {province}',
      'Who is in and who is out: the government reshuffle explained',
      'Deputies back new ministers after [a tense|a short] session',
    ],
    deks: [
      'The changes affect the ministries responsible for reconstruction and social policy. Critics called them cosmetic.',
    ],
    leads: [
      '{president} has dismissed [two|three] ministers and proposed replacements, in a reshuffle that officials said was meant to speed up reconstruction work ahead of winter.',
    ],
    beats: [
      {
        headings: ['The changes', 'New faces'],
        paragraphs: [
          'The reconstruction ministry will be led by {official}, who oversaw repairs to bridges and schools in the region after last year’s attacks.',
          '{Parliament} confirmed the appointments by {votes} votes, [comfortably above|just above] the required majority.',
        ],
      },
      {
        headings: ['Reaction', 'Critics'],
        paragraphs: [
          'Anti-corruption campaigners welcomed the departure of one minister whose office had been searched by investigators in {lastMonth}, but said the process remained opaque.',
          '{opposition,} said the reshuffle was an attempt to move attention away from delays in paying compensation for destroyed homes.',
        ],
      },
    ],
    quotes: [
      {
        text: 'People do not care about names. They care whether the roof is fixed before the snow',
        by: 'expert',
      },
      { text: 'We need ministers who deliver, not ministers who explain', by: 'primeMinister' },
    ],
    photo: {
      alts: ['Government building in the capital', 'New ministers being sworn in'],
      captions: [
        'The government building in {capital}.',
        'New ministers take the oath in {parliament}.',
      ],
    },
  },
  {
    key: 'grid',
    section: 'business',
    tags: ['energy', 'analysis'],
    weight: 3,
    headlines: [
      'Karsenergo warns of scheduled blackouts as winter approaches',
      'Power cuts return to {city} after attacks on [substations|a thermal plant]',
      'Businesses in {city} buy generators as the grid struggles',
    ],
    deks: [
      'The grid operator says imports and repairs can cover most demand, but not during cold snaps.',
      'Small businesses say the cost of running generators is eating their margins.',
    ],
    leads: [
      'Karsenergo, the state grid operator, said {day} that households in [five|six|several] regions, including {city}, should prepare for scheduled power cuts of up to {n} hours a day.',
    ],
    beats: [
      {
        headings: ['The grid', 'Why the cuts'],
        paragraphs: [
          'Repeated attacks have damaged about {pct} per cent of the country’s generating capacity, according to the energy ministry. Engineers repair substations within days, but large plants take months.',
          'The country imports electricity from neighbours in {bloc}, but cross-border lines can cover only part of peak demand.',
        ],
      },
      {
        headings: ['Businesses adapt', 'The cost of keeping the lights on'],
        paragraphs: [
          'A survey by the Karsovan Economic Forum found that {pct2} per cent of small businesses in {city} had bought a generator or batteries since the start of the war.',
          'Running a diesel generator costs roughly [three|four] times as much per kilowatt-hour as grid electricity, owners say.',
        ],
      },
    ],
    quotes: [
      {
        text: 'We have a plan for every scenario, but every scenario depends on how many of our plants are hit',
        by: 'energyMinister',
      },
      {
        text: 'The fridges cannot wait for the power to come back. So we pay for diesel',
        by: 'resident',
      },
    ],
    list: {
      intro: 'How to prepare for outages:',
      items: [
        'Check your district’s schedule in the grid operator’s app.',
        'Keep phones and power banks charged.',
        'Store drinking water if you live above the fifth floor.',
      ],
    },
    photo: {
      alts: [
        'Power lines against an evening sky',
        'A street lit by shop windows during a blackout',
      ],
      captions: ['Power lines outside {city}.', 'A street in {city} during a scheduled outage.'],
    },
  },
  {
    key: 'port',
    section: 'business',
    tags: ['analysis'],
    weight: 2,
    headlines: [
      'Grain exports through Sarvel rise for the [third|fourth] month in a row',
      'Insurers cut premiums for ships calling at Sarvel',
      'Sarvel port traffic up {pct} per cent in {lastMonth}',
      '{company} reports higher revenue despite attacks on the port',
    ],
    deks: [
      'Ship owners are returning to the corridor, but traders warn that one serious attack could reverse the trend.',
    ],
    leads: [
      'Ports around Sarvel handled {n2} million tonnes of cargo in {lastMonth}, up about {pct} per cent on the previous month, according to figures published {day} by Sarvel Port Holding.',
    ],
    beats: [
      {
        headings: ['The corridor', 'Ships are back'],
        paragraphs: [
          'Vessels use a route along the coast, protected by the navy and coastal air defences. About {n2} ships entered the ports last month.',
          'Grain, sunflower oil and steel make up most of the cargo. Traders say buyers in the region have returned after a difficult spring.',
        ],
      },
      {
        headings: ['Risks', 'What could go wrong'],
        paragraphs: [
          'War-risk insurance remains several times more expensive than before the invasion, adding to freight costs.',
          '{economist,} said the export recovery had helped the currency stabilise, but warned that the gains were fragile.',
        ],
      },
    ],
    quotes: [
      {
        text: 'Every ship that leaves is a small victory for the farmers and for the budget',
        by: 'economist',
      },
    ],
    photo: {
      alts: ['Cranes and cargo ships at a port', 'Grain pouring into a ship’s hold'],
      captions: ['The port of Sarvel.', 'A vessel is loaded with grain in Sarvel.'],
    },
  },
  {
    key: 'rates',
    section: 'business',
    tags: ['explainer'],
    weight: 2,
    headlines: [
      'National Bank [holds|cuts|raises] its key rate as inflation [eases|edges up]',
      'Inflation slows to {pct} per cent, the lowest since the invasion',
      'What the National Bank’s decision means for your savings',
      '{BankGovernorName}: inflation risks remain high despite slowdown',
    ],
    deks: ['The central bank says risks from energy prices and labour shortages remain high.'],
    leads: [
      'The National Bank of {country} left its key interest rate unchanged {day}, saying inflation was slowing but that the outlook depended on the energy system and external financing.',
    ],
    beats: [
      {
        headings: ['Prices', 'Inflation'],
        paragraphs: [
          'Consumer prices rose {pct} per cent year on year in {lastMonth}. Food prices rose faster, driven by the cost of vegetables and dairy.',
          'Wages have grown quickly in sectors that struggle to find workers, such as construction and transport, because many men have been mobilised.',
        ],
      },
      {
        headings: ['What it means', 'For households'],
        paragraphs: [
          'Deposit rates at the largest banks are expected to stay roughly where they are. Mortgage lending remains rare outside a state programme for displaced families and military personnel.',
        ],
      },
    ],
    quotes: [
      {
        text: 'We will not declare victory over inflation while the grid is under attack',
        by: 'bankGovernor',
      },
      {
        text: 'The decision was expected. The interesting part is the bank’s tone on the labour market',
        by: 'economist',
      },
    ],
    photo: {
      alts: ['A central bank building', 'Banknotes in a cashier’s hand'],
      captions: ['The National Bank headquarters in {capital}.', 'A shop in {city}.'],
    },
  },
];
