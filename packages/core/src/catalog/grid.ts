import type { GridIntensity, Source } from './types.js';

/**
 * Location-based carbon intensity of grid electricity, and embodied emissions of hardware.
 *
 * Conventions (every entry follows them; each source note says where a figure deviates):
 * - Country figures are Ember's yearly electricity data (generation-based, lifecycle CO2e: upstream
 *   methane, supply chain and plant manufacturing included, 100-year GWP) for 2023, as republished by
 *   Our World in Data and Statista. Ember's lifecycle basis runs higher than direct-combustion factors.
 * - US regions use EPA eGRID2023 subregion total output emission rates, CO2e (combustion only, at the
 *   generator), converted at 1 lb/MWh = 0.45359237 g/kWh. They exclude upstream emissions and grid losses
 *   (about 4-5%), so they are not on Ember's basis; the US national figure uses eGRID too, so that the
 *   three regions and the nation compare like with like.
 * - Where neither was retrievable the national statistical or regulator figure is used and its basis
 *   stated (EEA for the EU, electricity-industry council for Japan, EMA for Singapore).
 * - year is the year the electricity was generated, not the publication year.
 */

const LB_PER_MWH = 0.45359237;

const OWID_EMBER_2023: Source = {
  title:
    'Our World in Data, "Carbon intensity of electricity generation" table, 1990 to 2023 ' +
    '(Ember, Energy Institute)',
  url: 'https://ourworldindata.org/grapher/carbon-intensity-electricity?tab=table',
  note: '2023 column, gCO2e/kWh: Australia 549, China 582, France 56, Germany 381, India 713, Ireland 291.',
};

const STATISTA_EMBER_2023: Source = {
  title:
    'Statista, "Electricity generation emission intensity in selected countries worldwide in 2023" ' +
    '(Ember, Jul 2024)',
  url: 'https://statista.com/statistics/943137/global-emissions-intensity-power-sector-by-country',
  note: 'World average 481 gCO2/kWh in 2023; India 713; Norway 30.',
};

const STATISTA_EU_EMBER_2023: Source = {
  title: 'Statista, "Carbon intensity of the power sector in the European Union in 2023, by country" (Ember)',
  note: 'Lifecycle basis: Sweden 40.7 gCO2e/kWh (lowest in the EU), Poland about 662, Cyprus about 530.',
};

const EGRID_2023: Source = {
  title:
    'US EPA, eGRID2023 summary tables rev. 2 (June 2025), Table 1, subregion total output emission rates',
  url: 'https://www.epa.gov/system/files/documents/2025-06/summary_tables_rev2.xlsx',
  note:
    'CO2e total output rates, lb/MWh: CAMX (WECC California) 429.983, ERCT (ERCOT All) 736.629, ' +
    'U.S. 770.884; SRVC (SERC Virginia/Carolina) 0.271 kg/kWh. Values as transcribed in public code ' +
    'citing the workbook; the workbook itself was not opened here.',
};

const EEA_EU_INTENSITY: Source = {
  title: 'EEA indicator, "Greenhouse gas emission intensity of electricity generation in Europe"',
  url: 'https://www.eea.europa.eu/en/analysis/indicators/greenhouse-gas-emission-intensity-of-1',
  note:
    'EU-27 2023 estimated 58% below 1990 and 19% below 2022. The 2020 edition of the indicator gives ' +
    '1990 = 510 gCO2e/kWh, so 2023 = 510 x 0.42 = about 214 (derived here). Direct emissions, not lifecycle.',
};

const CARBON_BRIEF_UK_2023: Source = {
  title: 'Carbon Brief analysis of UK electricity in 2023 (as reported by Energy Magazine, Jan 2024)',
  url: 'https://energymagz.com/13646/uk-witnesses-historic-drop-in-fossil-fuel-electricity-generation-reaches-lowest-levels-since-1957',
  note:
    'UK electricity generated in 2023 averaged 162 gCO2/kWh, the lowest on record (direct CO2). The UK ' +
    'government (DESNZ) reporting factor used for Scope 2 is about 207 gCO2e/kWh, on a two-year-lagged ' +
    'basis.',
};

const ELCS_JAPAN: Source = {
  title:
    'Argus Media, "Japan\'s power sector cuts CO2 emissions in 2023-24" ' +
    '(Electric Power Council for a Low Carbon Society data)',
  url: 'https://argusmedia.com/zh/news-and-insights/latest-market-news/2616297-japan-s-power-sector-cuts-co2-emissions-in-2023-24',
  note:
    'Japanese power suppliers (91.4% of sales) emitted 311 Mt CO2 in fiscal 2023 (April 2023 - March ' +
    '2024): 0.421 kg/kWh of electricity sold, down from 0.437 the year before. CO2 only, per kWh sold.',
};

const EMA_SINGAPORE: Source = {
  title:
    'The Business Times, "A new local one-stop for emission factors" (NetZeroHub.sg), citing the ' +
    'Energy Market Authority grid emission factor',
  url: 'https://data.gov.sg/datasets/d_3de362b580b2dd2fd50cc1006d4edd4f/view',
  note:
    'Singapore grid emission factor (EMA, average operating margin) was 0.42 kgCO2e per kWh generated in ' +
    "2022, as rounded in the article. Gas-fired grid; direct emissions. The url is EMA's grid emission " +
    'factor series on data.gov.sg.',
};

export const GRID_INTENSITIES: readonly GridIntensity[] = [
  { id: 'world', name: 'World average', gCo2ePerKWh: 481, year: 2023, sources: [STATISTA_EMBER_2023] },
  {
    id: 'us',
    name: 'United States (national)',
    gCo2ePerKWh: Math.round(770.884 * LB_PER_MWH),
    year: 2023,
    sources: [
      { ...EGRID_2023, note: `${EGRID_2023.note} Here: U.S. 770.884 lb/MWh = 350 g/kWh.` },
      {
        title: 'Statista, "Power sector carbon intensity in the United States in 2023, by state"',
        url: 'https://statista.com/statistics/1133295/electric-sector-carbon-dioxide-emission-rate-by-state-united-states',
        note: 'Cross-check: the US power sector fell to roughly 760 lb CO2/MWh (345 g/kWh) in 2023.',
      },
    ],
  },
  {
    id: 'us-tx',
    name: 'Texas (ERCOT, eGRID ERCT)',
    gCo2ePerKWh: Math.round(736.629 * LB_PER_MWH),
    year: 2023,
    sources: [{ ...EGRID_2023, note: `${EGRID_2023.note} Here: ERCT 736.629 lb/MWh = 334 g/kWh.` }],
  },
  {
    id: 'us-va',
    name: 'Northern Virginia (PJM Dominion zone, eGRID SRVC)',
    gCo2ePerKWh: 271,
    year: 2023,
    sources: [
      {
        ...EGRID_2023,
        note:
          `${EGRID_2023.note} Here: SRVC, the eGRID subregion that contains Dominion's Northern Virginia ` +
          'service area (PJM as a whole spans RFCE/RFCM/RFCW and SRVC, about 270-440 g/kWh).',
      },
      {
        title: 'Hugging Face Open LLM Leaderboard docs, "CO2 calculation"',
        url: 'https://huggingface.co/docs/leaderboards/en/open_llm_leaderboard/emissions',
        note: 'Cross-check: uses 269.8 gCO2/kWh for Virginia.',
      },
    ],
  },
  {
    id: 'us-ca',
    name: 'California (CAISO, eGRID CAMX)',
    gCo2ePerKWh: Math.round(429.983 * LB_PER_MWH),
    year: 2023,
    sources: [{ ...EGRID_2023, note: `${EGRID_2023.note} Here: CAMX 429.983 lb/MWh = 195 g/kWh.` }],
  },
  { id: 'eu', name: 'European Union (EU-27)', gCo2ePerKWh: 214, year: 2023, sources: [EEA_EU_INTENSITY] },
  { id: 'de', name: 'Germany', gCo2ePerKWh: 381, year: 2023, sources: [OWID_EMBER_2023] },
  { id: 'fr', name: 'France', gCo2ePerKWh: 56, year: 2023, sources: [OWID_EMBER_2023] },
  { id: 'ie', name: 'Ireland', gCo2ePerKWh: 291, year: 2023, sources: [OWID_EMBER_2023] },
  { id: 'no', name: 'Norway', gCo2ePerKWh: 30, year: 2023, sources: [STATISTA_EMBER_2023] },
  { id: 'se', name: 'Sweden', gCo2ePerKWh: 41, year: 2023, sources: [STATISTA_EU_EMBER_2023] },
  { id: 'uk', name: 'United Kingdom', gCo2ePerKWh: 162, year: 2023, sources: [CARBON_BRIEF_UK_2023] },
  { id: 'cn', name: 'China', gCo2ePerKWh: 582, year: 2023, sources: [OWID_EMBER_2023] },
  { id: 'in', name: 'India', gCo2ePerKWh: 713, year: 2023, sources: [OWID_EMBER_2023, STATISTA_EMBER_2023] },
  { id: 'jp', name: 'Japan', gCo2ePerKWh: 421, year: 2023, sources: [ELCS_JAPAN] },
  { id: 'sg', name: 'Singapore', gCo2ePerKWh: 420, year: 2022, sources: [EMA_SINGAPORE] },
  { id: 'au', name: 'Australia', gCo2ePerKWh: 549, year: 2023, sources: [OWID_EMBER_2023] },
];

/**
 * Embodied (cradle-to-gate manufacturing) emissions per unit, where a public product carbon footprint
 * (PCF) or life-cycle assessment exists. Use phase and end of life are excluded in every entry.
 * Per-GPU rows derived from a baseboard PCF carry one eighth of the baseboard (NVSwitch chips, board,
 * thermals included), not the bare GPU module. Servers around a baseboard (CPUs, DRAM, NVMe, chassis, PSUs)
 * have no vendor PCF here and must be added separately.
 */

const NVIDIA_HGX_H100_PCF: Source = {
  title: 'NVIDIA, "Product Carbon Footprint (PCF) Summary for NVIDIA HGX H100"',
  url: 'https://images.nvidia.com/aem-dam/Solutions/documents/HGX-H100-PCF-Summary.pdf',
  note:
    'Cradle-to-gate 1,312 kg CO2e for one HGX H100 8-GPU baseboard (24 kg); memory about 42% (546 kg), ' +
    'ICs about 25%, thermals about 18%. ISO 14067-reviewed PCF performed by WSP.',
};

const NVIDIA_HGX_B200_PCF: Source = {
  title: 'NVIDIA, "Product Carbon Footprint (PCF) Summary for NVIDIA HGX B200" (July 24, 2025)',
  url: 'https://images.nvidia.com/aem-dam/Solutions/documents/HGX-B200-PCF-Summary.pdf',
  note:
    'Cradle-to-gate 2,274 kg CO2e for one HGX B200 8-GPU baseboard (32 kg); materials and components ' +
    '94%, assembly 5.6%, transport 0.3%. ISO 14067-reviewed PCF performed by WSP.',
};

const NVIDIA_B200_BLOG: Source = {
  title: 'NVIDIA Technical Blog, "NVIDIA HGX B200 Reduces Embodied Carbon Emissions Intensity" (2025)',
  url: 'https://developer.nvidia.com/blog/?p=106112',
  note: 'Embodied carbon per FP16 exaflop: 0.66 g (HGX H100) vs 0.50 g (HGX B200), a 24% reduction.',
};

const FALK_A100_LCA: Source = {
  title: '"More than Carbon", cradle-to-grave LCA of the NVIDIA A100 GPU (arXiv:2509.00093, 2025)',
  url: 'https://arxiv.org/abs/2509.00093',
  note:
    'Primary-data LCA (ISO 14040/44, EU PEF): 127.6 kg CO2e cradle-to-gate for one A100 SXM 40GB ' +
    'module.',
};

export const EMBODIED: readonly { item: string; kgCo2e: number; per: 'unit'; sources: readonly Source[] }[] =
  [
    { item: 'hgx-h100-baseboard', kgCo2e: 1312, per: 'unit', sources: [NVIDIA_HGX_H100_PCF] },
    {
      item: 'hgx-b200-baseboard',
      kgCo2e: 2274,
      per: 'unit',
      sources: [NVIDIA_HGX_B200_PCF, NVIDIA_B200_BLOG],
    },
    {
      item: 'h100-sxm',
      kgCo2e: 1312 / 8,
      per: 'unit',
      sources: [{ ...NVIDIA_HGX_H100_PCF, note: `${NVIDIA_HGX_H100_PCF.note} Here: one eighth, 164 kg.` }],
    },
    {
      item: 'b200',
      kgCo2e: 2274 / 8,
      per: 'unit',
      sources: [{ ...NVIDIA_HGX_B200_PCF, note: `${NVIDIA_HGX_B200_PCF.note} Here: one eighth, 284.25 kg.` }],
    },
    { item: 'a100-sxm-40gb', kgCo2e: 127.6, per: 'unit', sources: [FALK_A100_LCA] },
  ];
