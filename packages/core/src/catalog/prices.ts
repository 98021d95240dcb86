import type { Price } from './types.js';

/**
 * Prices, with when they were seen.
 *
 * Conventions (every entry follows them; each source note says where a figure deviates):
 * - usd is nominal US dollars at the date given, not inflation-adjusted. EUR/NOK figures are converted
 *   at the rate stated in the note.
 * - Each note says what kind of number it is: LIST (a vendor's or reseller's published price), STREET
 *   (a reported transaction or quote), ANALYST (a published third-party estimate) or ESTIMATE (derived
 *   here from the figures named in the note, because no public price was found). Estimates are for
 *   order-of-magnitude planning only and should be replaced by a quote.
 * - Hardware prices exclude support contracts, installation, shipping and tax unless the note says so.
 * - Cloud rent is on-demand Linux in the region named, instance price divided by GPUs per instance.
 * - Electricity is the average retail price paid by industrial / non-household users, not a wholesale
 *   price and not a negotiated data-center tariff.
 */

type Source = Price['sources'][number];

const EUR_USD = 1.08;

// Systems.

const EPOCH_HARDWARE_PRICES: Source = {
  title: 'Epoch AI, training-cost-trends repository, "data/Hardware prices.csv"',
  url: 'https://github.com/epoch-research/training-cost-trends',
  note:
    'Per-GPU prices derived from whole-system prices, with the primary source of each row: DGX A100 ' +
    '$24,875/GPU x 8 = $199,000 (NVIDIA launch, 2020-05); DGX H100 640GB $44,489.88/GPU x 8 from ' +
    'Delta Computer list EUR 369,855.51 (2022-09-29); SemiAnalysis "around $270,000" for DGX H100 (2023-05).',
};

const NVIDIA_DGX_A100_LAUNCH: Source = {
  title: 'NVIDIA newsroom, "NVIDIA Ships World\'s Most Advanced AI System - NVIDIA DGX A100" (May 2020)',
  url: 'https://nvidianews.nvidia.com/news/nvidia-ships-worlds-most-advanced-ai-system-nvidia-dgx-a100-to-fight-covid-19-third-generation-dgx-packs-record-5-petaflops-of-ai-performance',
  note: 'LIST: DGX A100 (8x A100 40GB, 320 GB) launched at $199,000.',
};

const DELTA_DGX_H100: Source = {
  title: 'Delta Computer, "NVIDIA DGX H100 640GB" product page (archived 2022-09-29)',
  url: 'https://web.archive.org/web/20220929115124/https://www.deltacomputer.com/nvidia-dgx-h100-640gb.html',
  note:
    'LIST: EUR 369,855.51, converted by Epoch AI to $355,919 (their $44,489.88 per GPU x 8). A later ' +
    'listing (2023-12) was EUR 306,403.66 (about $329,580).',
};

const SEMIANALYSIS_DGX_H100: Source = {
  title: 'SemiAnalysis, "AI Server Cost Analysis - Memory Is The Biggest Loser" (May 2023)',
  url: 'https://www.semianalysis.com/p/ai-server-cost-analysis-memory-is',
  note: 'ANALYST: "Nvidia sells DGX H100\'s at around $270,000" (as quoted by Epoch AI); a cross-check only.',
};

const THINKMATE_HGX_H100: Source = {
  title: 'Public H100 cluster cost sheet (Aug 2024), citing a Thinkmate HGX H100 quotation',
  url: 'https://docs.google.com/spreadsheets/d/1Ft3RbeZ-w43kYSiLfYc1vxO41mK5lmJpcPC9GOYHAWc/edit?usp=sharing',
  note:
    'STREET: 8x H100 node with 8x 400G InfiniBand quoted at $317k by Thinkmate (archived ' +
    'web.archive.org/web/20240822233446/https://www.thinkmate.com/quotation-request?a=YToxOntzOjI6ImlkIjtpOjc0OTY2Mzt9); ' +
    '64-port 400G InfiniBand switch $36k (FS.com variant) vs about $50k NVIDIA-branded.',
};

const AIINFRAMAP_GPU_STREET: Source = {
  title: 'AI Infra Map, "H100 vs H200 vs B200 TCO" tool, assumptions',
  url: 'https://www.aiinframap.com/tools/chips/h100-vs-h200-vs-b200-tco',
  note:
    'ANALYST (rough, mid-2026): street price per GPU H100 about $30,000, H200 about $35,000, B200 about ' +
    '$40,000, stated as +/-20-40%.',
};

const VENGINEER_DGX_B200: Source = {
  title: 'Vengineer blog, NVIDIA DGX B200 unboxing post (2025-03-16)',
  url: 'https://vengineer.hatenablog.com/entry/2025/03/16/080000',
  note:
    'LIST (reported): DGX B200 price "$515K" (over JPY 70 million), quoted from an earlier published ' +
    'listing. Not confirmed against an NVIDIA or partner price sheet.',
};

const GB200_NVL72_REPORTS: Source = {
  title: 'Trade-press reporting on GB200 NVL72 rack pricing (2024-2025)',
  url: 'https://fetchlogic.net/memory-now-costs-more-than-the-processor-in-ai-chips-and-that-changes-everything-about-who-can-afford-to-compete/',
  note:
    'ANALYST: a GB200 NVL72 rack "costs $3.1 million"; other summaries (e.g. awesomeagents.ai/hardware/' +
    'nvidia-gb200-nvl72, kshirol-dev.github.io/learnAI) give "$2-3 million per rack". NVIDIA publishes ' +
    'no list price. $3.0M is taken as the round figure across them.',
};

const B300_SYSTEM_REPORTS: Source = {
  title: 'iFactory, "NVIDIA DGX B200 vs B300" buyer page (2026)',
  url: 'https://ifactoryapp.com/sap-integration/on-prem-ai/nvidia-dgx-b200-b300-blackwell-systems',
  note:
    'ANALYST: "$300K-$350K full 8-GPU system (2026)" for B300; B200 GPUs "$35K-$40K per GPU ' +
    '(April 2026)".',
};

const MI300X_STREET: Source = {
  title: 'AwesomeAgents, "AMD Instinct MI300X" hardware page',
  url: 'https://awesomeagents.ai/hardware/amd-mi300x',
  note: 'ANALYST: MI300X "street pricing around $10,000-$15,000" per GPU. AMD publishes no list price.',
};

// Networking.

const FS_NDR_SWITCH: Source = {
  ...THINKMATE_HGX_H100,
  note:
    'STREET: "64 Port 400Gbps Infiniband Switch ... $36k ... based on the FS.com variant which is cheaper ' +
    'than the nvidia official variant (approx 50k)", with the FS.com listing archived at ' +
    'web.archive.org/web/20240822234224/https://www.fs.com/products/206473.html (Aug 2024).',
};

const SWITCH_PORT_RULE =
  'ESTIMATE: no public price found. Scaled from the Quantum-2 QM9700 street range ($36k-$50k for 64x ' +
  '400G, about $700 per 400G port-equivalent at the midpoint).';

const LUXOPTX_800G_TCO: Source = {
  title: 'Luxoptx, "800G Optical Module Cost Analysis: TCO Optimization for AI Data Centers"',
  url: 'https://luxoptx.com/blogs/news/800g-optical-module-cost-analysis-tco-optimization-for-ai-data-centers',
  note:
    'VENDOR BLOG (volume pricing, 1,000+ units, third-party optics): 800G OSFP-DR8 $1,100-1,400; 800G ' +
    'OSFP-FR4 $1,500-1,900; 400G QSFP-DD $600-800; "64-port 800G switch costs $150,000-250,000". OEM ' +
    'optics carry a 30-50% premium over third-party compatible modules.',
};

const OPTICS_NOTE =
  'ESTIMATE for a third-party compatible part (NVIDIA/OEM-branded parts typically cost 1.5-3x more); ' +
  'no per-SKU public price was retrieved.';

// Storage and facility.

const SOLIDIGM_VAST_TCO: Source = {
  title: 'Solidigm, "The Economics of Exabyte Storage" (QLC SSDs with VAST Data vs HDD with Ceph)',
  url: 'https://www.solidigm.com/products/technology/economics-of-exabyte-data-storage.html',
  note:
    'VENDOR ANALYSIS: 1 EB usable on 122 TB QLC SSDs with VAST, 10-year hardware cost $29.06M, i.e. about ' +
    '$29 per usable TB for hardware alone at exabyte scale, excluding VAST software and support.',
};

const CUSHMAN_DC_COST_2025: Source = {
  title: 'Cushman & Wakefield, "Data Center Development Cost Guide 2025" (United States), pp. 8-9',
  url: 'https://cushwake.cld.bz/Data-Center-Development-Cost-Guide-2025/8-9',
  note:
    'ANALYST: across 19 US markets the cost to develop 1 MW of critical load ranged from $9.3M (San ' +
    'Antonio) to $15.0M (Reno), average $11.7M; excludes owner-furnished equipment, land, design/soft ' +
    'costs and owner contingency. Data through October 2024.',
};

const JLL_DC_OUTLOOK_2026: Source = {
  title: 'JLL, "2026 Global Data Center Outlook" (as reported by MBA NewsLink, Jan 2026)',
  url: 'https://newslink.mba.org/mba-newslinks/2026/january//jll-data-center-market-continues-to-grow',
  note:
    'ANALYST cross-check: average global construction cost rose from $7.7M/MW (2020) to $10.7M/MW (2025), ' +
    'forecast $11.3M/MW for 2026.',
};

// Cloud.

const AWS_ONDEMAND_2025: Source = {
  title: 'AWS EC2 on-demand pricing, us-east-1 (N. Virginia), Linux, after the June 2025 price reduction',
  url: 'https://aws.amazon.com/ec2/pricing/on-demand/',
  note:
    'LIST: p5.48xlarge (8x H100) $55.04/h; p5en.48xlarge (8x H200) $63.296/h; p6-b200.48xlarge (8x B200) ' +
    '$113.9328/h; p4d.24xlarge (8x A100 40GB) $21.957642/h. Values as recorded from the ec2instances.info ' +
    'price feed; before the cut p5.48xlarge listed at $98.32/h and p4d.24xlarge at $32.77/h.',
};

const AWS_P5_CUT_REPORT: Source = {
  title: 'Usage.ai, "LLM Cost Optimization on AWS" (2026) and CompuX, "GPU pricing trends in 2026"',
  url: 'https://compux.net/docs/guides/gpu-pricing-trends-2026',
  note:
    'Confirms the June 2025 cut: P5 (H100) on-demand pricing dropped by up to 45% (44% for p5.48xlarge), ' +
    'to $6.88 per H100-hour on AWS on-demand.',
};

const SEMIANALYSIS_RENTAL_INDEX: Source = {
  title: 'SemiAnalysis GPU rental price index, as reported by TechReader Daily and CompuX (April 2026)',
  url: 'https://www.techreaderdaily.com/article.html?slug=h100-reserved-capacity-hits-2-35-hour-floor-in-2026',
  note:
    'ANALYST: one-year reserved H100 80GB through a neocloud / tier-2 provider at $2.35 per GPU-hour in ' +
    'March 2026, up from a $1.70 trough in October 2025.',
};

// Electricity.

const EIA_INDUSTRIAL_2023: Source = {
  title:
    'US EIA, average retail price of electricity to the industrial sector, 2023 (via Statista, Mar 2024)',
  url: 'https://www.statista.com/statistics/190680/us-industrial-consumer-price-estimates-for-retail-electricity-since-1970/',
  note: 'LIST (statistical average): 8.06 cents/kWh in 2023, down from 8.3 cents in 2022.',
};

const EUROSTAT_NONHOUSEHOLD: Source = {
  title: 'Eurostat, Statistics Explained, "Electricity price statistics" (Oct 2024 and Apr 2025 editions)',
  url: 'https://ec.europa.eu/eurostat/statistics-explained/index.php?title=Electricity_price_statistics',
  note:
    'Non-household prices (excluding VAT and recoverable taxes): EU average fell 7% from H2 2023 to ' +
    'H1 2024 and stayed broadly stable in H2 2024; highest in H1 2024 was Ireland at EUR 0.256/kWh, ' +
    'lowest Finland at EUR 0.0939/kWh.',
};

const SSB_NORWAY: Source = {
  title: 'Statistics Norway (SSB), "Electricity prices", quarterly table, 4th quarter 2024',
  url: 'https://ssb.no/en/energi-og-industri/energi/statistikk/elektrisitetspriser',
  note:
    'Business electricity price excluding taxes, manufacturing excluding energy-intensive: 51.7 ore/kWh ' +
    'in Q4 2024 (34.2 in Q3 2024). Energy only: grid rent is not included.',
};

const CHINA_BRIEFING_POWER: Source = {
  title: 'China Briefing (Dezan Shira), "China\'s Industrial Power Rates: A Guide for Investors"',
  url: 'https://china-briefing.com/news/china-electricity-prices-industrial-consumers',
  note: 'The average industrial power rate in China was about $0.088/kWh in 2024 (up from $0.084 in 2019).',
};

export const PRICES: readonly Price[] = [
  // Systems, per unit (an 8-GPU node unless stated).
  {
    item: 'dgx-a100',
    usd: 199_000,
    per: 'unit',
    date: '2020-05',
    sources: [NVIDIA_DGX_A100_LAUNCH, EPOCH_HARDWARE_PRICES],
  },
  {
    item: 'rtx-2080-node',
    usd: 5_800,
    per: 'unit',
    date: '2018-09',
    sources: [
      {
        title: 'NVIDIA GeForce RTX 2080 launch price, September 2018: $699 (Founders Edition $799)',
        url: 'https://www.nvidia.com/en-us/geforce/news/geforce-rtx-20-series/',
        note:
          'ESTIMATE for the node: 4 × $699 and about $3,000 for the host (desktop-class CPU, board, ' +
          '64 GB, 1.6 kW PSU, 10 GbE, 4U chassis), no public quote for such a node.',
      },
    ],
  },
  {
    item: 'dgx-h100',
    usd: 355_919,
    per: 'unit',
    date: '2022-09',
    sources: [
      DELTA_DGX_H100,
      SEMIANALYSIS_DGX_H100,
      {
        ...EPOCH_HARDWARE_PRICES,
        note: 'LIST at launch (European reseller, converted); hyperscale buyers paid less (SemiAnalysis).',
      },
    ],
  },
  {
    item: 'hgx-h200',
    usd: 350_000,
    per: 'unit',
    date: '2024-08',
    sources: [
      {
        ...THINKMATE_HGX_H100,
        note:
          'ESTIMATE: no public HGX H200 system price found. Thinkmate 8x H100 node quote $317k (Aug 2024) ' +
          'plus the H200-over-H100 street premium (about $5k per GPU, see next source), rounded.',
      },
      AIINFRAMAP_GPU_STREET,
    ],
  },
  {
    item: 'dgx-b200',
    usd: 515_000,
    per: 'unit',
    date: '2025-03',
    sources: [VENGINEER_DGX_B200],
  },
  {
    item: 'gb200-nvl72',
    usd: 3_000_000,
    per: 'rack',
    date: '2025-01',
    sources: [GB200_NVL72_REPORTS],
  },
  {
    item: 'hgx-b300',
    usd: 400_000,
    per: 'unit',
    date: '2026-04',
    sources: [
      {
        ...B300_SYSTEM_REPORTS,
        note:
          `${B300_SYSTEM_REPORTS.note} ESTIMATE: $400k sits between that range and 8x a B300 street price ` +
          'of about $42.5k (figure used in several public cost models) plus about $60k of host, NICs and ' +
          'chassis. No OEM list price was found.',
      },
    ],
  },
  {
    item: 'mi300x-platform',
    usd: 220_000,
    per: 'unit',
    date: '2025-01',
    sources: [
      {
        ...MI300X_STREET,
        note:
          `${MI300X_STREET.note} ESTIMATE: 8x $12.5k (midpoint) = $100k for GPUs plus about $120k for an ` +
          '8U OAM host (2x EPYC, 1.5 TB DDR5, 8x 400G NICs, NVMe), e.g. Supermicro AS-8125GS-TNMR2; ' +
          'no system list price was found.',
      },
    ],
  },

  // Switches, per unit.
  {
    item: 'quantum-2-qm9700',
    usd: 36_000,
    per: 'unit',
    date: '2024-08',
    sources: [FS_NDR_SWITCH],
  },
  {
    item: 'quantum-x800-q3400',
    usd: 200_000,
    per: 'unit',
    date: '2024-08',
    sources: [
      {
        ...FS_NDR_SWITCH,
        note:
          `${SWITCH_PORT_RULE} Q3400: 144x 800G = 288 port-equivalents x $700 = about $200k. A vendor ` +
          'blog puts a 64-port 800G switch at $150k-250k, which would scale higher (see next source).',
      },
      LUXOPTX_800G_TCO,
    ],
  },
  {
    item: 'spectrum-4-sn5600',
    usd: 90_000,
    per: 'unit',
    date: '2024-08',
    sources: [
      {
        ...FS_NDR_SWITCH,
        note: `${SWITCH_PORT_RULE} SN5600: 64x 800GbE = 128 port-equivalents x $700 = about $90k.`,
      },
      LUXOPTX_800G_TCO,
    ],
  },
  {
    item: 'quantum-hdr-qm8700',
    usd: 20_000,
    per: 'unit',
    date: '2024-08',
    sources: [
      {
        ...FS_NDR_SWITCH,
        note:
          'ESTIMATE: no public price found. 40x 200G HDR (20 port-equivalents of 400G) would be $14k by ' +
          'the $700 rule; previous-generation switches held higher per-port prices, so $20k is used.',
      },
    ],
  },
  {
    item: 'sn2201',
    usd: 8_000,
    per: 'unit',
    date: '2024-08',
    sources: [
      {
        title: 'NVIDIA Spectrum SN2201 (48x 1GbE RJ45 + 4x 100GbE management switch)',
        note:
          'ESTIMATE: no public price found; typical reseller range for a 1U 48-port 1GbE switch with ' +
          '100G uplinks and a NOS licence is $5k-10k. The midpoint is rounded up.',
      },
    ],
  },
  {
    item: 'sn4600c',
    usd: 22_000,
    per: 'unit',
    date: '2024-08',
    sources: [
      {
        title: 'NVIDIA Spectrum-3 SN4600C (64x 100GbE, 2U)',
        note:
          'ESTIMATE: no public price found. 64x 100GbE at about $350 per 100G port (a quarter of the ' +
          '400G-port rule, plus a premium for the older part), about $22k.',
      },
    ],
  },

  // Link media, per unit (a cable counts once; a transceiver is one end).
  {
    item: 'dac-400g',
    usd: 200,
    per: 'unit',
    date: '2025-06',
    sources: [{ title: '400G passive copper (DAC), 1-3 m', note: OPTICS_NOTE }],
  },
  {
    item: 'dac-800g',
    usd: 350,
    per: 'unit',
    date: '2025-06',
    sources: [{ title: '800G twin-port OSFP passive copper (DAC), 1-3 m', note: OPTICS_NOTE }],
  },
  {
    item: 'aoc-400g',
    usd: 650,
    per: 'unit',
    date: '2025-06',
    sources: [
      {
        ...LUXOPTX_800G_TCO,
        note: `${OPTICS_NOTE} An AOC replaces two transceivers and a fiber; priced near one 400G module.`,
      },
    ],
  },
  {
    item: 'osfp-400g-sr4',
    usd: 650,
    per: 'unit',
    date: '2025-06',
    sources: [
      {
        ...LUXOPTX_800G_TCO,
        note: `${OPTICS_NOTE} Midpoint of the vendor blog's 400G module range ($600-800).`,
      },
    ],
  },
  {
    item: 'osfp-400g-dr4',
    usd: 750,
    per: 'unit',
    date: '2025-06',
    sources: [
      {
        ...LUXOPTX_800G_TCO,
        note: `${OPTICS_NOTE} Upper part of the 400G range: single-mode DR4 costs more than multimode SR4.`,
      },
    ],
  },
  {
    item: 'osfp-800g-2xsr4',
    usd: 1_000,
    per: 'unit',
    date: '2025-06',
    sources: [
      {
        ...LUXOPTX_800G_TCO,
        note:
          `${OPTICS_NOTE} Below the blog's 800G DR8 range ($1,100-1,400) because multimode VCSEL optics ` +
          'are cheaper than single-mode.',
      },
    ],
  },
  {
    item: 'osfp-800g-2xdr4',
    usd: 1_250,
    per: 'unit',
    date: '2025-06',
    sources: [
      {
        ...LUXOPTX_800G_TCO,
        note: `${OPTICS_NOTE} Midpoint of the blog's 800G OSFP-DR8 range ($1,100-1,400).`,
      },
    ],
  },
  {
    item: 'qsfp56-200g-sr4',
    usd: 350,
    per: 'unit',
    date: '2025-06',
    sources: [{ title: '200G QSFP56 SR4 multimode transceiver (HDR)', note: OPTICS_NOTE }],
  },
  {
    item: 'qsfp28-100g-sr4',
    usd: 60,
    per: 'unit',
    date: '2025-06',
    sources: [
      {
        title: 'Hytopto, "100G QSFP28 Transceivers for Data Centers" (May 2026)',
        url: 'https://ru.hytoptodevice.com/blog-detail/100g-qsfp28-transceivers-for-data-centers-sr4,-lr4,-and-cwdm4-explained',
        note:
          `${OPTICS_NOTE} SR4 is the lowest-cost 100G module and third-party parts sell 70-90% below OEM ` +
          'pricing (source); $60 is an assumed third-party price.',
      },
    ],
  },

  // Storage, capital cost per TB.
  {
    item: 'nvme-tb',
    usd: 100,
    per: 'TB',
    date: '2025-01',
    sources: [
      {
        title: 'Enterprise NVMe SSD street prices (TLC, U.2/E3.S, 7.68-30.72 TB)',
        url: 'https://www.hdt-project.org/flash-prices-rise-by-25-manufacturers-pursue-increased-profitability/',
        note:
          'ESTIMATE: flash cost per GB bottomed near $0.075 in late 2023 and rose about 27% to $0.095 in ' +
          'early 2024 (source); enterprise TLC NVMe carries a premium over that, so about $100/TB raw. ' +
          'NAND prices moved sharply again in 2025-2026; requote.',
      },
    ],
  },
  {
    item: 'parallel-fs-appliance',
    usd: 125_000,
    per: 'server',
    date: '2025-06',
    sources: [
      {
        ...SOLIDIGM_VAST_TCO,
        note:
          `${SOLIDIGM_VAST_TCO.note} ESTIMATE: about $250 per usable TB for an all-flash parallel file ` +
          'system appliance (DDN EXAScaler, VAST, WEKA) with software and support at petabyte scale, ' +
          'taken as several times the hardware-only floor above; vendors publish no list prices. ' +
          'Per appliance of 500 usable TB (catalog/storage.ts): 500 × $250.',
      },
    ],
  },
  {
    item: 'small-nas',
    usd: 5_000,
    per: 'server',
    date: '2025-01',
    sources: [
      {
        title: 'Four 7.68 TB SATA SSDs at the nvme-tb price, plus a 1U four-bay NAS chassis',
        note:
          'ESTIMATE: 30.7 TB × about $100/TB ≈ $3k of drives and about $2k for a 1U four-bay NAS with ' +
          '10 GbE; rack NAS units of this class list at $1.5k-3k without drives.',
      },
    ],
  },
  {
    item: 'nvme-file-server',
    usd: 30_000,
    per: 'server',
    date: '2025-01',
    sources: [
      {
        title: '24 × 3.84 TB enterprise NVMe at the nvme-tb price, plus a 2U dual-socket server',
        note:
          'ESTIMATE: 92 TB raw × $100/TB (nvme-tb above) ≈ $9k of drives, and about $20k for a 2U ' +
          'dual-socket server with memory and two 100 GbE ports (list prices of mainstream 2U servers ' +
          'configured alike run $15k-30k); NFS needs no licence.',
      },
    ],
  },

  // Facility.
  {
    item: 'datacenter-capex-mw',
    usd: 11_700_000,
    per: 'MW',
    date: '2025-01',
    sources: [CUSHMAN_DC_COST_2025, JLL_DC_OUTLOOK_2026],
  },
  {
    item: 'rack',
    usd: 7_000,
    per: 'rack',
    date: '2025-01',
    sources: [
      {
        title: '42U/48U server rack enclosure with two metered/switched rack PDUs',
        note:
          'ESTIMATE: no single public source retrieved. Enclosure about $2k-3k plus two intelligent PDUs ' +
          'at about $1.5k-2.5k each; excludes liquid-cooling manifolds and rear-door heat exchangers.',
      },
    ],
  },

  // Cloud rent, per GPU-hour.
  {
    item: 'cloud-h100-gpu-hour',
    usd: 55.04 / 8,
    per: 'gpu-hour',
    date: '2025-06',
    sources: [
      { ...AWS_ONDEMAND_2025, note: `${AWS_ONDEMAND_2025.note} Here: p5.48xlarge $55.04/h / 8 = $6.88.` },
      AWS_P5_CUT_REPORT,
    ],
  },
  {
    item: 'cloud-a100-gpu-hour',
    usd: 21.957642 / 8,
    per: 'gpu-hour',
    date: '2025-06',
    sources: [
      {
        ...AWS_ONDEMAND_2025,
        note: `${AWS_ONDEMAND_2025.note} Here: p4d.24xlarge (A100 40GB) $21.957642/h / 8 = $2.74.`,
      },
    ],
  },
  {
    item: 'cloud-h200-gpu-hour',
    usd: 63.296 / 8,
    per: 'gpu-hour',
    date: '2025-06',
    sources: [
      { ...AWS_ONDEMAND_2025, note: `${AWS_ONDEMAND_2025.note} Here: p5en.48xlarge $63.296/h / 8 = $7.91.` },
    ],
  },
  {
    item: 'cloud-b200-gpu-hour',
    usd: 113.9328 / 8,
    per: 'gpu-hour',
    date: '2025-06',
    sources: [
      {
        ...AWS_ONDEMAND_2025,
        note: `${AWS_ONDEMAND_2025.note} Here: p6-b200.48xlarge $113.9328/h / 8 = $14.24.`,
      },
    ],
  },
  {
    item: 'cloud-h100-gpu-hour-reserved',
    usd: 2.35,
    per: 'gpu-hour',
    date: '2026-03',
    sources: [SEMIANALYSIS_RENTAL_INDEX],
  },

  // Electricity, per kWh.
  {
    item: 'electricity-us-industrial',
    usd: 0.0806,
    per: 'kWh',
    date: '2024-03',
    sources: [EIA_INDUSTRIAL_2023],
  },
  {
    item: 'electricity-eu-industrial',
    usd: 0.19 * EUR_USD,
    per: 'kWh',
    date: '2024-12',
    sources: [
      {
        ...EUROSTAT_NONHOUSEHOLD,
        note:
          `${EUROSTAT_NONHOUSEHOLD.note} ESTIMATE of the level: the EU-27 average itself was not ` +
          'retrieved; EUR 0.19/kWh is taken as consistent with the reported moves and the ' +
          'Ireland/Finland bounds. ' +
          `Converted at ${EUR_USD} USD/EUR.`,
      },
    ],
  },
  {
    item: 'electricity-ie-industrial',
    usd: 0.256 * EUR_USD,
    per: 'kWh',
    date: '2024-06',
    sources: [
      {
        ...EUROSTAT_NONHOUSEHOLD,
        note: `${EUROSTAT_NONHOUSEHOLD.note} Here: Ireland H1 2024, EUR 0.256 at ${EUR_USD} USD/EUR.`,
      },
    ],
  },
  {
    item: 'electricity-no-industrial',
    usd: 0.517 / 11,
    per: 'kWh',
    date: '2024-12',
    sources: [
      {
        ...SSB_NORWAY,
        note:
          `${SSB_NORWAY.note} Converted at 11 NOK/USD (Q4 2024). Add grid rent for an all-in figure; ` +
          'quarterly prices swing widely with hydrology.',
      },
    ],
  },
  {
    item: 'electricity-cn-industrial',
    usd: 0.088,
    per: 'kWh',
    date: '2024-12',
    sources: [CHINA_BRIEFING_POWER],
  },
];
