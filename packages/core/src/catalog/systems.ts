import type { SystemSpec } from './types.js';

/**
 * Servers and rack-scale systems built around catalog accelerators.
 *
 * Conventions (each source note says where an entry deviates):
 * - nodePowerW is the vendor's maximum system power for one node, W. For rack-scale NVL72 systems the
 *   "node" is a compute tray and nodePowerW is the rack figure divided by its 18 trays, so that
 *   nodePowerW x nodesPerRack gives the whole rack (NVLink switch trays, power-shelf losses and in-rack
 *   management switches included) rather than the trays alone.
 * - rackUnits for rack-scale systems is the rack height divided by its compute trays (48U / 18).
 * - railsPerNode x nicGbps is the back-end (compute fabric) NIC bandwidth; storage, in-band and BMC
 *   ports (BlueField-3, ConnectX dual-port cards) are not counted.
 * - nodesPerRack follows the vendor reference architecture (DGX SuperPOD) where there is one; entries
 *   without one say so and give an estimate.
 * - fieldSources says which of an entry's sources each field was taken from, as their notes tell;
 *   a field the notes do not place (e.g. cooling, when no document states it) is left to them all.
 */

type Source = SystemSpec['sources'][number];

const DGX_A100_GUIDE: Source = {
  title: 'NVIDIA DGX A100 User Guide, "Introduction to the NVIDIA DGX A100 System" (hardware overview)',
  url: 'https://docs.nvidia.com/dgx/dgxa100-user-guide/introduction-to-dgxa100.html',
  note:
    '8x A100 SXM4 on NVSwitch; 8x single-port ConnectX-6 200 Gb/s HDR InfiniBand compute NICs; six ' +
    '3 kW PSUs in 3+3, 6.5 kW max input; 6U (264 mm high).',
};

const DGX_H100_DATASHEET: Source = {
  title: 'NVIDIA DGX H100 datasheet',
  url: 'https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/nvidia-dgx-h100-datasheet.pdf',
  note:
    '8x H100 SXM5; system power usage ~10.2 kW max; 8U rackmount; 8x ConnectX-7 400 Gb/s compute ' +
    'ports (presented as 4 twin-port OSFP cages on the CPU tray).',
};

const SUPERPOD_H100_RA: Source = {
  title: 'NVIDIA DGX SuperPOD Reference Architecture, DGX H100 (RA-11333-001 V11)',
  url: 'https://docs.nvidia.com/dgx-superpod/reference-architecture-scalable-infrastructure-h100/latest/',
  note:
    'Rack design supports one, two or four DGX H100 per rack; the single-SU example layout exceeds ' +
    '40 kW per rack (4 x 10.2 kW). Compute fabric: 8x NDR400 per DGX on QM9700; in-band: SN4600C; ' +
    'OOB: SN2201.',
};

const SUPERPOD_H100_ELECTRICAL: Source = {
  title: 'NVIDIA DGX SuperPOD Data Center Design (DGX H100), "Electrical"',
  url: 'https://docs.nvidia.com/dgx-superpod/design-guides/dgx-superpod-data-center-design-h100/latest/electrical.html',
  note: 'Rack power design for 4 DGX H100 per rack (>40 kW), three rPDUs per rack.',
};

const DGX_H200: Source = {
  title: 'NVIDIA DGX H200 product page / datasheet',
  url: 'https://www.nvidia.com/en-us/data-center/dgx-h200/',
  note:
    '8x H200 (141 GB); 8x ConnectX-7 400 Gb/s; system power ~10.2 kW max; 8U. Used as the typical ' +
    "HGX H200 8-GPU server: NVIDIA's own HGX H200 build, same chassis and power envelope as DGX H100.",
};

const DGX_B200_GUIDE: Source = {
  title: 'NVIDIA DGX B200 User Guide, "Introduction to NVIDIA DGX B200 Systems"',
  url: 'https://docs.nvidia.com/dgx/dgxb200-user-guide/introduction-to-dgxb200.html',
  note:
    '8x B200; 4 OSFP ports for 8x single-port ConnectX-7 (InfiniBand up to 400 Gb/s); ' +
    '6x 3.3 kW PSUs; 10U rackmount.',
};

const DGX_B200_DATASHEET: Source = {
  title: 'NVIDIA DGX B200 datasheet',
  url: 'https://www.nvidia.com/en-us/data-center/dgx-b200/',
  note: 'System power usage ~14.3 kW max; 10U.',
};

const SUPERPOD_B200_RA: Source = {
  title: 'NVIDIA DGX SuperPOD Reference Architecture, DGX B200, "DGX SuperPOD Architecture"',
  url: 'https://docs.nvidia.com/dgx-superpod/reference-architecture-scalable-infrastructure-b200/latest/dgx-superpod-architecture.html',
  note:
    'Single-SU example: power per rack exceeds 25 kW, i.e. two DGX B200 (2 x 14.3 = 28.6 kW) per ' +
    'compute rack.',
};

const DGX_GB200_GUIDE: Source = {
  title: 'NVIDIA DGX GB Rack Scale Systems User Guide, "Hardware" (DGX GB200)',
  url: 'https://docs.nvidia.com/dgx/dgxgb200-user-guide/hardware.html',
  note:
    'Rack: 18x 1RU compute trays (2 Grace + 4 Blackwell GPUs each), 9x 1RU NVLink switch trays, 2 TOR ' +
    'management switches, power shelves, liquid-cooling manifolds. Tray cluster network: 4x ' +
    'ConnectX-7 single-port 400G OSFP; plus 2x BlueField-3 for storage/management (not counted).',
};

const HPE_GB200: Source = {
  title: 'HPE, "NVIDIA GB200 NVL72 by HPE" QuickSpecs / product page (as cited in secondary notes)',
  note:
    'Rack heat load 115 kW to liquid + 17 kW to air = 132 kW per GB200 NVL72 rack. Used for the rack ' +
    'total; nodePowerW = 132,000 / 18 = 7,333 W per compute tray (rack share, not the tray alone).',
};

const STH_GB200: Source = {
  title: 'ServeTheHome, "NVIDIA DGX GB200 NVL72" (GTC 2024 photo tour)',
  url: 'https://www.servethehome.com/?p=76755',
  note:
    'Cross-check: ~120 kW per rack as shown at GTC 2024. Secondary sources put the compute tray ' +
    'itself at up to ~5.4 kW; the rest of the 132 kW is switch trays, shelves and cooling fans.',
};

const SUPERMICRO_NVL72: Source = {
  title: 'Supermicro SRS-GB200-NVL72 (48U) rack-scale system page',
  url: 'https://www.supermicro.com/en/products/system/gpu/48u/srs-gb200-nvl72',
  note: 'NVL72 rack is a 48U MGX rack: rackUnits = 48 / 18 compute trays = 2.67 U per tray.',
};

const GB300_ENTERPRISE_RA: Source = {
  title: 'NVIDIA Enterprise Reference Architecture, NVL72 AI Factory, "System Hardware & Components"',
  url: 'https://docs.nvidia.com/enterprise-reference-architectures/nvl72-ai-factory/latest/components.html',
  note:
    'GB300 NVL72: 18 compute trays of 4 Blackwell Ultra GPUs + 2 Grace; 9 NVSwitch trays; 2 SN2201 ' +
    'OOB switches; 8 power shelves of 33 kW; full rack requiring up to 142 kW. Each tray has 4 ' +
    'ConnectX-8 (two mezzanine boards of 2), 800 Gb/s each. nodePowerW = 142,000 / 18 = 7,889 W.',
};

const DGX_B300_GUIDE: Source = {
  title: 'NVIDIA DGX B300 User Guide, "Introduction to NVIDIA DGX B300" (as cited in secondary notes)',
  url: 'https://docs.nvidia.com/dgx/dgxb300-user-guide/introduction-to-dgxb300.html',
  note:
    "DGX B300 (NVIDIA's HGX B300 build): 8x B300; 8x ConnectX-8 800 Gb/s on the GPU baseboard; " +
    'system power ~14.5 kW; 10U, air-cooled.',
};

const SUPERPOD_B300_RA: Source = {
  title: 'NVIDIA DGX SuperPOD Reference Architecture, DGX B300 with XDR InfiniBand, "Architecture"',
  url: 'https://docs.nvidia.com/dgx-superpod/reference-architecture/scalable-infrastructure-b300-xdr/latest/dgx-superpod-architecture.html',
  note: 'Four DGX B300 per standard AC-powered rack, ~56 kW per rack (~14 kW per system).',
};

const SMC_MI300X: Source = {
  title: 'Supermicro AS-8125GS-TNMR2 (8x AMD Instinct MI300X OAM) system page',
  url: 'https://www.supermicro.com/en/products/system/gpu/8u/as-8125gs-tnmr2',
  note:
    '8U; 2x EPYC 9004; 8x MI300X OAM on Infinity Fabric (full mesh); 6x 3,000 W Titanium PSUs in 3+3, ' +
    'so at most 9 kW can be drawn with redundancy kept. This is the server AMD uses in its MI300X ' +
    'benchmark disclosures.',
};

const METRUM_MI300X: Source = {
  title: 'Metrum AI, "The TCO Titan: MI355X vs. MI300X on Dell PowerEdge" (2026)',
  url: 'https://www.metrum.ai/blog/tco-titan-mi355x-vs-mi300x',
  note: 'Measured 8x MI300X node system power 6.5-7.6 kW under LLM inference; below the 9 kW ceiling.',
};

const TURING_RTX2080: Source = {
  title: 'NVIDIA Turing GPU Architecture whitepaper (2018), RTX 2080 reference-board column',
  url: 'https://images.nvidia.com/aem-dam/en-zz/Solutions/design-visualization/technologies/turing-architecture/NVIDIA-Turing-Architecture-Whitepaper.pdf',
  note: 'RTX 2080: 215 W board power (Founders Edition 225 W); 2-way NVLink bridge only.',
};

export const SYSTEMS: readonly SystemSpec[] = [
  // Ampere.
  {
    id: 'dgx-a100',
    name: 'NVIDIA DGX A100 (8x A100 80GB)',
    accelerator: 'a100-sxm-80gb',
    gpusPerNode: 8,
    scaleUpDomain: 8,
    railsPerNode: 8,
    nicGbps: 200,
    nodePowerW: 6500,
    rackUnits: 6,
    nodesPerRack: 4,
    cooling: 'air',
    sources: [
      DGX_A100_GUIDE,
      {
        title: 'aidc estimate for DGX A100 rack density',
        note:
          'nodesPerRack 4 (26 kW per rack) is an estimate: the DGX A100 SuperPOD layout was not read ' +
          'here; 4 per rack matches the later H100 SuperPOD practice and fits a 42U rack at 6U each.',
      },
    ],
    fieldSources: {
      gpusPerNode: [0],
      scaleUpDomain: [0],
      railsPerNode: [0],
      nicGbps: [0],
      nodePowerW: [0],
      rackUnits: [0],
      nodesPerRack: [1],
    },
  },
  // Hopper.
  {
    id: 'dgx-h100',
    name: 'NVIDIA DGX H100',
    accelerator: 'h100-sxm',
    gpusPerNode: 8,
    scaleUpDomain: 8,
    railsPerNode: 8,
    nicGbps: 400,
    nodePowerW: 10200,
    rackUnits: 8,
    nodesPerRack: 4,
    cooling: 'air',
    sources: [DGX_H100_DATASHEET, SUPERPOD_H100_RA, SUPERPOD_H100_ELECTRICAL],
    fieldSources: {
      accelerator: [0],
      gpusPerNode: [0],
      railsPerNode: [0, 1],
      nicGbps: [0, 1],
      nodePowerW: [0],
      rackUnits: [0],
      nodesPerRack: [1, 2],
    },
  },
  {
    id: 'hgx-h200',
    name: 'NVIDIA HGX H200 8-GPU server (DGX H200 class)',
    accelerator: 'h200-sxm',
    gpusPerNode: 8,
    scaleUpDomain: 8,
    railsPerNode: 8,
    nicGbps: 400,
    nodePowerW: 10200,
    rackUnits: 8,
    nodesPerRack: 4,
    cooling: 'air',
    sources: [
      DGX_H200,
      {
        ...SUPERPOD_H100_RA,
        note:
          'nodesPerRack 4 carried over from the DGX H100 SuperPOD layout (same 8U, 10.2 kW chassis); ' +
          'OEM HGX H200 servers (e.g. 8U Supermicro/Dell) sit in the same envelope. An estimate.',
      },
    ],
    fieldSources: {
      accelerator: [0],
      gpusPerNode: [0],
      railsPerNode: [0],
      nicGbps: [0],
      nodePowerW: [0],
      rackUnits: [0],
      nodesPerRack: [1],
    },
  },
  // Blackwell.
  {
    id: 'dgx-b200',
    name: 'NVIDIA DGX B200',
    accelerator: 'b200',
    gpusPerNode: 8,
    scaleUpDomain: 8,
    railsPerNode: 8,
    nicGbps: 400,
    nodePowerW: 14300,
    rackUnits: 10,
    nodesPerRack: 2,
    cooling: 'air',
    sources: [DGX_B200_DATASHEET, DGX_B200_GUIDE, SUPERPOD_B200_RA],
    fieldSources: {
      accelerator: [1],
      gpusPerNode: [1],
      railsPerNode: [1],
      nicGbps: [1],
      nodePowerW: [0],
      rackUnits: [0, 1],
      nodesPerRack: [2],
    },
  },
  {
    id: 'gb200-nvl72',
    name: 'NVIDIA GB200 NVL72 (per compute tray)',
    accelerator: 'gb200',
    gpusPerNode: 4,
    scaleUpDomain: 72,
    railsPerNode: 4,
    nicGbps: 400,
    nodePowerW: 7333,
    rackUnits: 48 / 18,
    nodesPerRack: 18,
    cooling: 'liquid',
    sources: [DGX_GB200_GUIDE, HPE_GB200, STH_GB200, SUPERMICRO_NVL72],
    fieldSources: {
      accelerator: [0],
      gpusPerNode: [0],
      scaleUpDomain: [0],
      railsPerNode: [0],
      nicGbps: [0],
      nodesPerRack: [0],
      cooling: [0],
      nodePowerW: [1, 2],
      rackUnits: [0, 3],
    },
  },
  {
    id: 'gb300-nvl72',
    name: 'NVIDIA GB300 NVL72 (per compute tray)',
    accelerator: 'gb300',
    gpusPerNode: 4,
    scaleUpDomain: 72,
    railsPerNode: 4,
    nicGbps: 800,
    nodePowerW: 7889,
    rackUnits: 48 / 18,
    nodesPerRack: 18,
    cooling: 'liquid',
    sources: [
      GB300_ENTERPRISE_RA,
      {
        ...SUPERMICRO_NVL72,
        note: `${SUPERMICRO_NVL72.note} The GB300 NVL72 uses the same 48U MGX rack as GB200.`,
      },
    ],
    fieldSources: {
      accelerator: [0],
      gpusPerNode: [0],
      scaleUpDomain: [0],
      railsPerNode: [0],
      nicGbps: [0],
      nodePowerW: [0],
      nodesPerRack: [0],
      rackUnits: [0, 1],
    },
  },
  {
    id: 'hgx-b300',
    name: 'NVIDIA HGX B300 8-GPU server (DGX B300 class)',
    accelerator: 'b300',
    gpusPerNode: 8,
    scaleUpDomain: 8,
    railsPerNode: 8,
    nicGbps: 800,
    nodePowerW: 14500,
    rackUnits: 10,
    nodesPerRack: 4,
    cooling: 'air',
    sources: [DGX_B300_GUIDE, SUPERPOD_B300_RA],
    fieldSources: {
      accelerator: [0],
      gpusPerNode: [0],
      railsPerNode: [0],
      nicGbps: [0],
      nodePowerW: [0],
      rackUnits: [0],
      cooling: [0],
      nodesPerRack: [1],
    },
  },
  // AMD.
  {
    id: 'mi300x-platform',
    name: 'AMD Instinct MI300X 8-GPU OEM server (Supermicro AS-8125GS-TNMR2 class)',
    accelerator: 'mi300x',
    gpusPerNode: 8,
    scaleUpDomain: 8,
    railsPerNode: 8,
    nicGbps: 400,
    nodePowerW: 9000,
    rackUnits: 8,
    nodesPerRack: 4,
    cooling: 'air',
    sources: [
      SMC_MI300X,
      METRUM_MI300X,
      {
        title: 'aidc estimate for the MI300X platform',
        note:
          'nodePowerW 9,000 W is an estimate: no OEM publishes a "max system power" figure; it is the ' +
          'redundant PSU ceiling (3 x 3,000 W) and matches the component sum (8 x 750 W GPUs + 2 CPUs, ' +
          'memory, 8 NICs, fans ~ 8.5-9 kW). 8 x 400 Gb/s NICs (one per GPU) as in MI300X cloud nodes. ' +
          'nodesPerRack 4 (~36 kW) is an estimate by analogy with 8U DGX H100 racks; AMD publishes no ' +
          'rack reference design.',
      },
    ],
    fieldSources: {
      accelerator: [0],
      gpusPerNode: [0],
      scaleUpDomain: [0],
      rackUnits: [0],
      nodePowerW: [0, 1, 2],
      railsPerNode: [2],
      nicGbps: [2],
      nodesPerRack: [2],
    },
  },
  // Consumer.
  {
    id: 'rtx-2080-node',
    name: 'Workstation node, 4x GeForce RTX 2080',
    accelerator: 'rtx-2080',
    gpusPerNode: 4,
    scaleUpDomain: 2,
    railsPerNode: 1,
    nicGbps: 10,
    nodePowerW: 1200,
    rackUnits: 4,
    nodesPerRack: 8,
    cooling: 'air',
    sources: [
      TURING_RTX2080,
      {
        title: 'aidc estimate for a consumer GPU node',
        note:
          'All figures except the GPU are estimates. Power: 4 x 215-225 W GPUs + ~150 W desktop CPU + ' +
          '~150 W board, drives, fans and PSU loss = ~1.2 kW. Scale-up: two NVLink-bridged pairs, so a ' +
          'domain of 2 (the rest over PCIe). One 10 GbE port. 4U rackmount/tower chassis; 8 per rack ' +
          '(~10 kW) assumed for an office or lab rack.',
      },
    ],
    fieldSources: {
      nodePowerW: [0, 1],
      scaleUpDomain: [0, 1],
      gpusPerNode: [1],
      railsPerNode: [1],
      nicGbps: [1],
      rackUnits: [1],
      nodesPerRack: [1],
    },
  },
];
