import type { LinkMedium, SwitchSpec } from './types.js';

/**
 * Switches and link media for the scale-out, storage and management fabrics.
 *
 * Conventions (each source note says where an entry deviates):
 * - SwitchSpec.powerW is the vendor's typical power with passive (copper) cables, i.e. without
 *   optics, where the datasheet gives one; optics are counted separately from LINK_MEDIA.
 * - SwitchSpec.ports x portGbps is the rated port count after the breakout the vendor quotes for the
 *   product: twin-port OSFP cages count as two ports (QM9700: 32 cages = 64 x 400G).
 * - LinkMedium.powerW is per end (per module for transceivers), the vendor maximum where one is
 *   printed (NVIDIA LinkX specs give "max", sometimes with a lower typical, noted).
 * - maxLengthM is the longest run the vendor rates the part for (multimode figures assume OM4).
 */

type SwitchSource = SwitchSpec['sources'][number];
type MediumSource = LinkMedium['sources'][number];

const QM97_MANUAL: SwitchSource = {
  title: 'NVIDIA QM97XX 1U NDR 400Gb/s InfiniBand Switch Systems User Manual',
  url: 'https://docs.nvidia.com/networking/display/QM97X0PUB/Interfaces',
  note:
    '32 OSFP cages, each 2 logical InfiniBand ports (64 x 400 Gb/s, or 128 x 200 Gb/s split); 1U; ' +
    'cages support Class 8 (17 W) OSFP transceivers.',
};

const SUPERPOD_H100_RA: SwitchSource = {
  title: 'NVIDIA DGX SuperPOD Reference Architecture, DGX H100 (RA-11333-001 V11), Table 1',
  url: 'https://docs.nvidia.com/dgx-superpod/reference-architecture-scalable-infrastructure-h100/latest/',
  note:
    'Roles: QM9700 for compute and storage fabrics; SN4600C (64 x 100 GbE) for in-band management; ' +
    'SN2201 (48 x 1 GbE copper) for out-of-band management.',
};

const LINKX_OVERVIEW: MediumSource = {
  title: 'NVIDIA LinkX User Guide, "LinkX 100G-PAM4 Product Line Overview" (400G/800G, 100G-PAM4)',
  url: 'https://docs.nvidia.com/networking/display/400g100gpam4ovpub/linkx-100g-pam4-product-line-overview',
  note:
    'DAC: reach up to 3 m, <0.1 W, 800G straight and 400G/200G split ends. Multimode: 50 m maximum; ' +
    '800G twin-port OSFP 17 W (max) class, 400G OSFP/QSFP112 9 W (max). Single mode: up to 2 km.',
};

export const SWITCHES: readonly SwitchSpec[] = [
  // InfiniBand.
  {
    id: 'quantum-2-qm9700',
    name: 'NVIDIA Quantum-2 QM9700 (NDR InfiniBand, managed)',
    ports: 64,
    portGbps: 400,
    powerW: 747,
    rackUnits: 1,
    sources: [
      QM97_MANUAL,
      {
        title:
          'NVIDIA Quantum-2 QM9700/QM9790 datasheet, power figures as listed on an operator hardware page',
        note:
          '"System power" 747 W for QM9700 (640 W for the unmanaged QM9790): the datasheet\'s typical ' +
          'power with passive cables. Secondary catalogues give ~1,720 W maximum with all 32 cages ' +
          'holding 17 W optics; that is 747 W plus the optics, which LINK_MEDIA counts separately.',
      },
      SUPERPOD_H100_RA,
    ],
  },
  {
    id: 'quantum-x800-q3400',
    name: 'NVIDIA Quantum-X800 Q3400-RA (XDR InfiniBand, air-cooled)',
    ports: 144,
    portGbps: 800,
    powerW: 1700,
    rackUnits: 4,
    sources: [
      {
        title: 'NVIDIA Q3200-RA/Q3400-RA XDR 800Gb/s InfiniBand Switch Systems User Manual',
        url: 'https://docs.nvidia.com/networking/display/XDRSwitchesHWUM',
        note:
          'Q3400-RA: 144 ports of 800 Gb/s (72 twin-port OSFP cages, 115.2 Tb/s), 4U, air-cooled ' +
          '(Q3450-LD is the liquid-cooled CPO model). Port count and height from the manual and ' +
          'product summaries; no power figure was found in the documents read.',
      },
      {
        title: 'aidc estimate for Q3400-RA power',
        note:
          'powerW 1,700 W is an estimate without optics: QM9700 typical 747 W per 51.2 Tb/s scaled to ' +
          '115.2 Tb/s (747 x 115.2 / 51.2 = 1,681 W), rounded up for the 4U chassis fans. Replace it ' +
          'when NVIDIA publishes a typical-power figure.',
      },
    ],
  },
  {
    id: 'quantum-hdr-qm8700',
    name: 'NVIDIA Quantum QM8700 (HDR InfiniBand, managed)',
    ports: 40,
    portGbps: 200,
    powerW: 253,
    rackUnits: 1,
    sources: [
      {
        title: 'NVIDIA QM87xx 1U HDR 200Gb/s InfiniBand Switch Systems User Manual',
        url: 'https://docs.nvidia.com/networking/display/QM87XX',
        note: '40 QSFP56 ports at 200 Gb/s HDR (80 x 100 Gb/s HDR100 split); 1U.',
      },
      {
        title: 'aidc estimate for QM8700 power',
        note:
          'powerW 253 W is the typical-with-passive-cables figure recalled from the Mellanox QM8700 ' +
          'product brief; it was not re-read for this entry, so treat it as an estimate. It is in line ' +
          'with QM9700 scaled by throughput (747 W x 16 / 51.2 Tb/s = 233 W).',
      },
    ],
  },
  // Ethernet.
  {
    id: 'spectrum-4-sn5600',
    name: 'NVIDIA Spectrum-4 SN5600 (Spectrum-X Ethernet)',
    ports: 64,
    portGbps: 800,
    powerW: 940,
    rackUnits: 2,
    sources: [
      {
        title: 'NVIDIA Spectrum-4 SN5000 2U Switch Systems Hardware User Manual, "Data Interfaces"',
        url: 'https://docs.nvidia.com/networking/display/sn5000/data+interfaces',
        note:
          'SN5600: 64 OSFP ports at 800 GbE (100 Gb/s lanes), or 128 x 400 GbE / 256 x 200 GbE by ' +
          'breakout; ports rated for 18 W optics with the dual 3 kW PSUs. 64 x 800 is listed here; a ' +
          '400G Spectrum-X (BlueField-3) fabric uses it as 128 x 400.',
      },
      {
        title: 'NVIDIA SN5600 datasheet figures as listed on an operator hardware page',
        note: 'Typical power with passive cables (ATIS) 940 W; 2U (86.2 mm); 51.2 Tb/s.',
      },
    ],
  },
  {
    id: 'sn4600c',
    name: 'NVIDIA Spectrum-3 SN4600C (100 GbE, storage / in-band)',
    ports: 64,
    portGbps: 100,
    powerW: 466,
    rackUnits: 2,
    sources: [
      SUPERPOD_H100_RA,
      {
        title: 'NVIDIA Spectrum SN4000 series specifications (via a secondary hardware catalogue)',
        url: 'https://www.nvidia.com/en-us/networking/ethernet-switching/',
        note:
          'SN4600C: 64 x 100 GbE QSFP28, 6.4 Tb/s, 2U; typical power with passive cables 466 W (the ' +
          "only power figure published; the catalogue read quotes it from NVIDIA's SN4000 docs).",
      },
    ],
  },
  {
    id: 'sn2201',
    name: 'NVIDIA Spectrum SN2201 (1 GbE out-of-band management)',
    ports: 48,
    portGbps: 1,
    powerW: 98,
    rackUnits: 1,
    sources: [
      SUPERPOD_H100_RA,
      {
        title: 'NVIDIA Spectrum SN2000 series product brief (SN2201), via secondary catalogues',
        url: 'https://nvdam.widen.net/s/llbvwv5rfx/br-sn2000-series',
        note:
          '48 x 1 GbE RJ45 plus 4 x 100 GbE QSFP28 uplinks (not counted in ports); 1U, half depth, ' +
          '7.41 kg; typical power 98 W as quoted from the brief by a secondary catalogue.',
      },
    ],
  },
];

export const LINK_MEDIA: readonly LinkMedium[] = [
  // Copper.
  {
    id: 'dac-400g',
    name: '400G passive DAC (OSFP / QSFP112 end, 100G-PAM4, e.g. MCP7Y00 split end)',
    kind: 'copper',
    gbps: 400,
    maxLengthM: 3,
    powerW: 0.1,
    sources: [
      LINKX_OVERVIEW,
      {
        title:
          'NVIDIA MCP7Y00-Nxxx 800Gb/s twin-port OSFP to 2x400G OSFP passive DAC splitter, ordering info',
        url: 'https://docs.nvidia.com/networking/display/mcp7y00nxxx800pub/ordering+information',
        note:
          'Lengths 1, 1.5, 2, 2.5 and 3 m (26 AWG from 2 m). Passive: only the EEPROM draws power; ' +
          'NVIDIA DAC specs list 0.1 W maximum per end.',
      },
    ],
  },
  {
    id: 'dac-800g',
    name: '800G passive DAC (twin-port OSFP to twin-port OSFP, MCP4Y10)',
    kind: 'copper',
    gbps: 800,
    maxLengthM: 2,
    powerW: 0.1,
    sources: [
      {
        title: 'NVIDIA MCP4Y10-Nxxx twin-port 2x400Gb/s OSFP to 2x400Gb/s OSFP passive DAC product spec',
        url: 'https://docs.nvidia.com/networking/display/mcp4y10nxxx2x400pub',
        note: '8 x 100G-PAM4 lanes; offered in 0.5, 1, 1.5 and 2 m; "near zero power" (EEPROM only).',
      },
      LINKX_OVERVIEW,
    ],
  },
  // Active optical.
  {
    id: 'aoc-400g',
    name: '400G active optical cable (QSFP-DD / QSFP112 class, multimode)',
    kind: 'active-optical',
    gbps: 400,
    maxLengthM: 100,
    powerW: 10,
    sources: [
      {
        title: 'Fluxlight QSFP56-DD 400GbE AOC technical datasheet',
        url: 'https://fluxlight.com/content/Tech-Docs/400GBase%20QSFP56-DD-QSFP56-DD%20AOC.html',
        note:
          'Third-party part: 8 x 50G-PAM4 over OM3/OM4, standard lengths 1-100 m, <10 W per cable end. ' +
          'Both figures taken from here.',
      },
      {
        title: 'NVIDIA, "800Gb/s XDR Twin-port OSFP ... based on 200G-PAM4" parts list notes',
        url: 'https://docs.nvidia.com/networking/display/800g200gpam4list',
        note:
          'NVIDIA LinkX offers no AOC in its 100G/200G-PAM4 (NDR/XDR) lines, so this entry is an ' +
          'estimate from third-party 400GbE AOCs; an NDR link that needs >3 m uses transceivers.',
      },
    ],
  },
  // Transceivers.
  {
    id: 'osfp-400g-sr4',
    name: '400G OSFP SR4 multimode transceiver (MMA4Z00-NS400)',
    kind: 'transceiver',
    gbps: 400,
    maxLengthM: 50,
    powerW: 9,
    sources: [
      {
        title: 'NVIDIA MMA4Z00-NS400(-T) 400Gb/s single-port OSFP multimode SR4 50 m, product spec',
        url: 'https://docs.nvidia.com/networking/display/MMA4Z00NS400T/Connectivity+Scenarios',
        note:
          '50 m on OM4 (two patch panels assumed); 400G mode 9 W maximum, 8 W typical; 200G split ' +
          'mode 5 W typical / 6.5 W max. Flat-top, for ConnectX-7 cages.',
      },
      LINKX_OVERVIEW,
    ],
  },
  {
    id: 'osfp-800g-2xsr4',
    name: '800G twin-port OSFP 2xSR4 multimode transceiver (MMA4Z00-NS)',
    kind: 'transceiver',
    gbps: 800,
    maxLengthM: 50,
    powerW: 15,
    sources: [
      {
        title: 'NVIDIA MMA4Z00-NS(-T) 800Gb/s twin-port OSFP 2x400Gb/s multimode 2xSR4 50 m, overview',
        url: 'https://docs.nvidia.com/networking/display/800gmma4z00nst/overview',
        note:
          'Switch-side (finned) twin-port module; 15 W in all configurations; 50 m on OM4. The LinkX ' +
          'overview puts 800G twin-port modules in a 17 W maximum class: use 17 W for worst case.',
      },
      LINKX_OVERVIEW,
    ],
  },
  {
    id: 'osfp-400g-dr4',
    name: '400G OSFP DR4 single-mode transceiver (MMS4X00-NS400)',
    kind: 'transceiver',
    gbps: 400,
    maxLengthM: 100,
    powerW: 9,
    sources: [
      {
        title: 'NVIDIA MMS4X00-NS400 400Gb/s single-port OSFP single-mode DR4, product spec overview',
        url: 'https://docs.nvidia.com/networking/display/mms4x00ns400/overview',
        note:
          '400G mode 9 W typical and maximum (5 W max in 200G split mode); rated to 100 m with ' +
          'NVIDIA crossover fibre.',
      },
      {
        title: 'NVIDIA MMS4X00-NM 800Gbps twin-port OSFP 2x400G single-mode 500 m, application overview',
        url: 'https://docs.nvidia.com/networking/display/mms4x00nm800g500m/application+overview',
        note:
          'Links to single-port 400G OSFP/QSFP112 DR4 modules are limited to their 100 m reach, so ' +
          '100 m is used here, not the 500 m of IEEE 400GBASE-DR4: third-party 500 m DR4 parts exist.',
      },
    ],
  },
  {
    id: 'osfp-800g-2xdr4',
    name: '800G twin-port OSFP 2xDR4 single-mode transceiver (MMS4X00-NM)',
    kind: 'transceiver',
    gbps: 800,
    maxLengthM: 500,
    powerW: 17,
    sources: [
      {
        title: 'NVIDIA MMS4X00-NM 800Gbps twin-port OSFP 2x400G single-mode 500 m, application overview',
        url: 'https://docs.nvidia.com/networking/display/mms4x00nm800g500m/application+overview',
        note: 'Switch-to-switch links from 100 to 500 m; twin-port single-mode modules stay at 17 W.',
      },
      {
        title: 'NVIDIA MMS4X00-NS 800Gbps twin-port OSFP 2x400G single-mode DR8, "Specifications"',
        url: 'https://docs.nvidia.com/networking/display/800gmms4x00ns/specifications',
        note: 'Same module family (100 m version): power dissipation 16 W typical, 17 W maximum.',
      },
    ],
  },
  {
    id: 'qsfp56-200g-sr4',
    name: '200G QSFP56 SR4 multimode transceiver (HDR MMA1T00-HS / 200GbE MMA1T00-VS)',
    kind: 'transceiver',
    gbps: 200,
    maxLengthM: 100,
    powerW: 5,
    sources: [
      {
        title: 'NVIDIA MMA1T00-VS 200GbE QSFP56 MMF transceiver product spec, "Specifications"',
        url: 'https://docs.nvidia.com/networking/display/mma1t00vsspec/specifications',
        note:
          'Power consumption 4.5 W typical, 5.0 W maximum per end; 4 x 50G-PAM4 at 850 nm. The HDR ' +
          'InfiniBand twin MMA1T00-HS uses the same optics; its page read here gave no figures.',
      },
      {
        title: 'IEEE 802.3cd 200GBASE-SR4 reach',
        note:
          "maxLengthM 100 is the standard's OM4 reach (70 m on OM3); not confirmed on an NVIDIA page " +
          'read for this entry.',
      },
    ],
  },
  {
    id: 'qsfp28-100g-sr4',
    name: '100G QSFP28 SR4 multimode transceiver (storage / in-band, e.g. MMA1B00-C100D)',
    kind: 'transceiver',
    gbps: 100,
    maxLengthM: 100,
    powerW: 3.5,
    sources: [
      {
        title: 'Genuine Optics MTRQ-4S101 100G QSFP28 SR4 transceiver datasheet',
        url: 'https://www.genuine-opto.com/yysqsfp28/277.jhtml',
        note:
          'Third-party 100GBASE-SR4 module: 70 m OM3 / 100 m OM4; power consumption below 3.5 W. ' +
          "Both figures taken from here; NVIDIA's MMA1B00-C100D (the SR4 in NVIDIA reference designs) " +
          'is the same standard, but its power figure was not read, so 3.5 W is an upper bound.',
      },
    ],
  },
];
