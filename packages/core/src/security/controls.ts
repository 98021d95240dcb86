import type { Source } from '../catalog/types.js';
import { type ControlId, SECURITY_LEVELS, type SecurityLevel } from '../vocab/security.js';

export type ControlLayer = 'accelerator' | 'host' | 'fabric' | 'storage' | 'site' | 'organisation';

/** What a control is judged against: the site the plan builds. */
export interface ControlContext {
  readonly accelerator: string;
  readonly gpus: number;
  readonly nodes: number;
  readonly fabricSwitch: string;
}

/** A control's effect on one site. Factors are throughput with ÷ without (1 = no change). */
export interface ControlEffect {
  readonly trainingFactor: number;
  readonly inferenceFactor: number;
  readonly storageFactor: number;
  readonly networkFactor: number;
  readonly annualUsd: number;
  /** Why the control cannot be run on this site; undefined when it can. */
  readonly unavailable?: string;
  readonly note: string;
}

export interface Control {
  readonly id: ControlId;
  readonly name: string;
  readonly protects: string;
  readonly layer: ControlLayer;
  readonly effect: (c: ControlContext) => ControlEffect;
  readonly sources: readonly Source[];
}

const NONE = { trainingFactor: 1, inferenceFactor: 1, storageFactor: 1, networkFactor: 1, annualUsd: 0 };
const HOURS_PER_YEAR = 8766;

/** NVIDIA Quantum switches are InfiniBand; Spectrum and the others in the catalog are Ethernet. */
const isInfiniBand = (switchId: string): boolean => /quantum/i.test(switchId);
/** A fabric control that exists only on Ethernet. */
const ethernetOnly =
  (what: string, effect: Omit<ControlEffect, 'unavailable'>) =>
  (c: ControlContext): ControlEffect =>
    isInfiniBand(c.fabricSwitch)
      ? {
          ...effect,
          ...NONE,
          unavailable: `${what} runs on Ethernet and ${c.fabricSwitch} is an InfiniBand switch; the catalog has no InfiniBand link encryption`,
        }
      : effect;

const generation = (acc: string): 'hopper' | 'blackwell' | undefined =>
  /^(h100|h200|h800|gh200)/.test(acc)
    ? 'hopper'
    : /^(b200|b300|gb200|gb300)/.test(acc)
      ? 'blackwell'
      : undefined;

const organisational = (id: ControlId, name: string, protects: string, source: Source): Control => ({
  id,
  name,
  protects,
  layer: 'organisation',
  effect: () => ({ ...NONE, note: 'people and process: not costed here' }),
  sources: [source],
});

const RAND: Source = {
  title:
    'Nevo et al., "Securing AI Model Weights: Preventing Theft and Misuse of Frontier Models", RAND RR-A2849-1, 2024, ch. 6 and App. B',
  note: 'security levels SL1–SL5 and the measures each recommends (read from page-cited summaries)',
};

/**
 * Security controls a site can run, each with what it protects, where it sits and what it costs in
 * throughput or money, from a cited source. Organisational controls (people, process) are listed so
 * a level's requirements are complete; they carry no hardware cost here.
 */
export const CONTROLS: Readonly<Record<ControlId, Control>> = {
  'encryption-at-rest-sed': {
    id: 'encryption-at-rest-sed',
    name: 'encryption at rest: self-encrypting drives',
    protects: 'checkpoints, weights and data on the storage tier',
    layer: 'storage',
    effect: () => ({
      ...NONE,
      note: 'the drive controller always encrypts; enabling it only wraps the media key',
    }),
    sources: [
      {
        title:
          'TCG Opal self-encrypting drives: AnandTech SanDisk X300s review (2014), Electronic Design "Securing SSDs with AES Disk Encryption"',
        note: 'no host CPU overhead and no measurable throughput cost (vendor and press claims, no controlled benchmark)',
      },
    ],
  },
  'encryption-at-rest-software': {
    id: 'encryption-at-rest-software',
    name: 'encryption at rest: dm-crypt / LUKS on the hosts',
    protects: 'checkpoints, weights and data on the storage tier',
    layer: 'storage',
    effect: () => ({
      ...NONE,
      storageFactor: 0.9,
      note: 'about 10% of storage bandwidth when tuned; up to 90% lost untuned on NVMe arrays',
    }),
    sources: [
      {
        title:
          'Cloudflare, "Speeding up Linux disk encryption" (2020); J. Nyman, "LUKS on NVMe: From 40 GiB/s to 4, then back to 20 GiB/s" (2025)',
        note: '~10% cost after tuning (no_read/write_workqueue); 10× loss before',
      },
    ],
  },
  'link-encryption-macsec': {
    id: 'link-encryption-macsec',
    name: 'link encryption: MACsec on the fabric',
    protects: 'weights, gradients and data in flight between nodes',
    layer: 'fabric',
    effect: ethernetOnly('MACsec', {
      ...NONE,
      networkFactor: 4096 / (4096 + 32),
      note: '24–32 B per frame: 0.8% at 4 KiB frames, at line rate in switch hardware',
    }),
    sources: [
      {
        title:
          'IEEE 802.1AE MACsec: SecTAG 8–16 B + ICV 16 B per frame (Extreme Networks EXOS MACsec overview)',
        note: 'hardware MACsec keeps line rate; the per-frame bytes are the cost',
      },
    ],
  },
  'link-encryption-ipsec': {
    id: 'link-encryption-ipsec',
    name: 'link encryption: inline IPsec on the NICs (ConnectX-7 / BlueField-3)',
    protects: 'weights, gradients and data in flight between nodes',
    layer: 'fabric',
    effect: ethernetOnly('inline IPsec', {
      ...NONE,
      networkFactor: 193 / 390,
      note: 'one field measurement: 193 of 390 Gb/s; vendors claim line rate',
    }),
    sources: [
      {
        title: 'Amodo Design, "The quest for 400G IPsec" (blog): BlueField-3 pair, strongSwan',
        note: '390 Gb/s raw against 193 Gb/s with IPsec; NVIDIA rates the inline engines at line rate',
      },
    ],
  },
  'confidential-computing-gpu': {
    id: 'confidential-computing-gpu',
    name: 'confidential computing on the GPUs (encrypted PCIe bounce buffers, attested TEEs)',
    protects: 'weights and data in use, against the host and the operator',
    layer: 'accelerator',
    effect: (c) => {
      const g = generation(c.accelerator);
      if (g === 'hopper') {
        return {
          ...NONE,
          inferenceFactor: 0.93,
          trainingFactor: c.gpus > 1 ? 1 / 8 : 1,
          note: 'H100: inference < 7% slower; multi-GPU training 8× slower on average (encrypted all-reduce), 3× tuned',
        };
      }
      if (g === 'blackwell') {
        return {
          ...NONE,
          inferenceFactor: 0.8,
          trainingFactor: 0.75,
          note: 'Blackwell: serving 13–27% and training 18–32% slower',
        };
      }
      return {
        ...NONE,
        unavailable: `${c.accelerator} has no confidential-computing mode in the catalog (Hopper and Blackwell do)`,
        note: '',
      };
    },
    sources: [
      {
        title:
          'Zhu et al., "Confidential Computing on NVIDIA Hopper GPUs: A Performance Benchmark Study", arXiv 2409.03992',
        note: 'H100 NVL, vLLM: overhead below 7% for typical LLM queries, from CPU–GPU transfers',
      },
      {
        title: 'Lee, Wang, Rajat, Annavaram, arXiv 2501.11771 (multi-GPU DDP training in H100 TEEs)',
        note: '4 GPUs: per-iteration time 8× on average, up to 41.6×; 3.03× with larger buckets',
      },
      {
        title:
          'Tinfoil, "How does NVIDIA Confidential Computing impact inference and training performance?" (2026); Yin & Wang, arXiv 2606.23969',
        note: 'Blackwell: training throughput −18–32%; LLM serving −13–27%',
      },
    ],
  },
  'dedicated-nodes': {
    id: 'dedicated-nodes',
    name: 'tenant isolation: dedicated nodes',
    protects: 'one tenant from another on shared hardware',
    layer: 'host',
    effect: () => ({ ...NONE, note: 'costs allocation granularity (whole nodes), not throughput' }),
    sources: [RAND],
  },
  'fabric-partitions': {
    id: 'fabric-partitions',
    name: 'tenant isolation: fabric partitions (InfiniBand partition keys or VLANs)',
    protects: 'traffic of one tenant from another',
    layer: 'fabric',
    effect: () => ({ ...NONE, note: 'checked in switch and HCA hardware: no data-path cost' }),
    sources: [
      {
        title:
          'NVIDIA UFM Enterprise User Manual, Appendix "Partitioning"; NVIDIA Infra-Controller docs, "InfiniBand PKey Creation"',
      },
    ],
  },
  'mig-isolation': {
    id: 'mig-isolation',
    name: 'tenant isolation: MIG slices (up to 7 per GPU)',
    protects: 'workloads sharing a GPU',
    layer: 'accelerator',
    effect: (c) =>
      generation(c.accelerator) || /^a100/.test(c.accelerator)
        ? { ...NONE, note: 'no NVLink peer-to-peer in MIG mode: only for jobs that fit a slice' }
        : { ...NONE, unavailable: `${c.accelerator} has no MIG in the catalog`, note: '' },
    sources: [
      {
        title: 'NVIDIA Multi-Instance GPU User Guide, "Supported GPUs"',
        note: 'at most 7 instances on A100, H100, H200, B200, GB200',
      },
    ],
  },
  'key-management-kms': {
    id: 'key-management-kms',
    name: 'key management: cloud KMS',
    protects: 'the keys of every encryption control',
    layer: 'site',
    effect: (c) => ({
      ...NONE,
      annualUsd: c.nodes * 12,
      note: 'one key per node at $1 a month (requests extra)',
    }),
    sources: [
      {
        title: 'AWS KMS pricing',
        url: 'https://aws.amazon.com/kms/pricing/',
        note: '$1 per key per month; $0.03 per 10,000 requests',
      },
    ],
  },
  'key-management-hsm': {
    id: 'key-management-hsm',
    name: 'key management: hardware security modules (two for availability)',
    protects: 'the keys of every encryption control, in FIPS 140-2 level 3 hardware',
    layer: 'site',
    effect: () => ({ ...NONE, annualUsd: 2 * 1.5 * HOURS_PER_YEAR, note: 'two HSMs at about $1.50 an hour' }),
    sources: [
      { title: 'AWS CloudHSM pricing (≈ $1.45–1.60 per HSM-hour, region-dependent; secondary source)' },
    ],
  },
  'access-logging': {
    id: 'access-logging',
    name: 'access logging and audit trail',
    protects: 'accountability for every access to weights and data',
    layer: 'site',
    effect: (c) => ({
      ...NONE,
      annualUsd: (c.nodes * 10_000 * 365 * 0.1) / 1e5,
      note: 'assumed 10,000 logged accesses per node a day at $0.10 per 100,000 events',
    }),
    sources: [
      {
        title: 'AWS CloudTrail pricing',
        url: 'https://aws.amazon.com/cloudtrail/pricing/',
        note: 'data events $0.10 per 100,000',
      },
    ],
  },
  'weight-access-limits': organisational(
    'weight-access-limits',
    'weight access limited to few people (SL3: ≤ 20 can copy)',
    'weights, against insiders',
    RAND,
  ),
  'insider-threat-program': organisational(
    'insider-threat-program',
    'insider-threat programme and rescreening',
    'weights, against insiders',
    RAND,
  ),
  'red-teaming': organisational(
    'red-teaming',
    'advanced third-party red-teaming',
    'every control, by testing it',
    RAND,
  ),
  'egress-rate-limits': {
    id: 'egress-rate-limits',
    name: 'hardware-enforced output-rate limits on weight-holding systems',
    protects: 'weights, against bulk exfiltration',
    layer: 'site',
    effect: () => ({ ...NONE, note: 'no published cost' }),
    sources: [RAND],
  },
  'supply-chain-validation': organisational(
    'supply-chain-validation',
    'hardware and software supply-chain validation',
    'the platform itself',
    RAND,
  ),
  'air-gapped-network': {
    id: 'air-gapped-network',
    name: 'air-gapped networks for training and weight access',
    protects: 'weights, against remote attackers',
    layer: 'site',
    effect: () => ({ ...NONE, note: 'no published cost; RAND: likely needs national-security support' }),
    sources: [RAND],
  },
  'tempest-protection': {
    id: 'tempest-protection',
    name: 'side-channel (TEMPEST) protected facility',
    protects: 'weights and keys, against emanation attacks',
    layer: 'site',
    effect: () => ({ ...NONE, note: 'no published cost' }),
    sources: [RAND],
  },
};

/** One requirement of a level, met by any of its controls. */
export interface Requirement {
  readonly name: string;
  readonly anyOf: readonly ControlId[];
}

const req = (name: string, ...anyOf: ControlId[]): Requirement => ({ name, anyOf });

/** What each RAND level adds; levels are cumulative. */
const LEVEL_ADDS: Readonly<Record<SecurityLevel, readonly Requirement[]>> = {
  SL1: [
    req('weights encrypted at rest', 'encryption-at-rest-sed', 'encryption-at-rest-software'),
    req('access control with an access log', 'access-logging'),
    req('managed keys', 'key-management-kms', 'key-management-hsm'),
  ],
  SL2: [req('copies move only over encrypted channels', 'link-encryption-macsec', 'link-encryption-ipsec')],
  SL3: [
    req('weights on few access-controlled systems', 'dedicated-nodes'),
    req('isolated networks for weight access', 'fabric-partitions'),
    req('keys in hardware', 'key-management-hsm'),
    req('weight access capped (≤ 100 / 50 / 20 people)', 'weight-access-limits'),
    req('insider-threat programme', 'insider-threat-program'),
    req('advanced third-party red-teaming', 'red-teaming'),
  ],
  SL4: [
    req('confidential computing for weights in use', 'confidential-computing-gpu'),
    req('hardware output-rate limits', 'egress-rate-limits'),
    req('supply-chain validation', 'supply-chain-validation'),
  ],
  SL5: [
    req('completely isolated networks', 'air-gapped-network'),
    req('side-channel protection', 'tempest-protection'),
  ],
};

export function levelRequirements(level: SecurityLevel): Requirement[] {
  return SECURITY_LEVELS.slice(0, SECURITY_LEVELS.indexOf(level) + 1).flatMap((l) => LEVEL_ADDS[l]);
}

export const SECURITY_LEVEL_SOURCE = RAND;
