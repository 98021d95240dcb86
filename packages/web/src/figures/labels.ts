import { type ComparisonRow, MEMORY_PARTS, type ReportPart, STEP_TIME_PARTS } from '@aidc/core';

type FigureUnit = ComparisonRow['unit'];

/** Each site figure in words, as a person reads the plan. */
const SITE: Readonly<Record<string, string>> = {
  gpus: 'GPUs',
  computeSwitches: 'Compute fabric switches',
  itPower: 'IT power',
  facilityPower: 'Facility power',
  racks: 'Racks',
  storageUsable: 'Usable storage',
  hardwareCapex: 'Hardware capital',
  costPerGpuHour: 'Cost per GPU-hour (owned)',
  operationalCo2: 'Operational emissions',
  checkpointWrite: 'Checkpoint write time',
  interruptions: 'Interruptions during the run',
  checkpointInterval: 'Checkpoint interval',
  goodput: 'Goodput',
  wallClock: 'Wall-clock time (with failures and run losses)',
  effectiveTrainingTime: 'Effective training time (share of the wall clock)',
  lostToFailures: 'Lost to failures and checkpoints',
  lostToLossSpikes: 'Lost to loss-spike rollbacks',
  lostToEvaluation: 'Lost to evaluation pauses',
  lostToDataStalls: 'Lost to data-pipeline stalls',
  lostToStragglers: 'Lost to stragglers',
  lostToSchedulingWait: 'Lost waiting for nodes after interruptions',
  lostToStartup: 'Lost to the start-up',
  spareGpuHours: 'Spare GPU-hours held beside the run',
  energyRun: 'Energy of the run',
  runCost: 'Run cost (owned)',
  cloudRunCost: 'Run cost (rented)',
};

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const fromParts = (parts: readonly ReportPart[], prefix: string): [string, string][] =>
  parts.map((p) => [p.figure, `${prefix}${p.label}`]);

/** Each training figure in words; the parts of a step and of memory take the reports' own names. */
const TRAINING: Readonly<Record<string, string>> = {
  ...Object.fromEntries(fromParts(STEP_TIME_PARTS, 'Step time: ')),
  ...Object.fromEntries(fromParts(MEMORY_PARTS, 'Memory per GPU: ')),
  stepTime: 'Step time',
  mfu: 'Model FLOPs utilization',
  hardwareFlopsPerStep: 'Hardware FLOPs per step',
  tokensPerS: 'Training throughput',
  trainingTime: 'Training time (no failures, every phase)',
  gpuHours: 'GPU-hours',
  steps: 'Steps',
  memoryTotal: 'Memory per GPU: total',
  memoryReserved: 'Memory per GPU: reserved by the allocator',
  expertParallelRaw: 'Step time: expert all-to-all in all',
  expertParallelHidden: 'Step time: expert all-to-all hidden behind compute',
  memoryUsable: 'Memory per GPU: usable',
};

/** The groups a comparison row's key starts with, and the words for each. */
const GROUPS: Readonly<
  Record<string, { readonly labels: Readonly<Record<string, string>>; readonly prefix: string }>
> = {
  site: { labels: SITE, prefix: '' },
  training: { labels: TRAINING, prefix: 'Training: ' },
};

/** Each unit as a reader meets it; none where the value's own words say it (a count, a share). */
const UNIT_WORDS: Readonly<Record<FigureUnit, string | null>> = {
  s: 'time',
  B: 'bytes',
  'B/s': 'bytes/s',
  FLOP: 'FLOP',
  'FLOP/s': 'FLOP/s',
  'tokens/s': 'tokens/s',
  GPU·h: 'GPU·h',
  fraction: '%',
  count: null,
  params: null,
  W: 'W',
  J: 'J',
  USD: 'USD',
  'USD/GPU·h': 'USD/GPU·h',
  kgCO2e: 'kg CO2e',
};

/** A name the table lacks, spelled out from its camel case, so no field name reaches the page. */
const spelled = (name: string): string => capital(name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase());

/** The words for a figure named `<group>.<name>`, within its group; whether the table holds it. */
export function figureWords(key: string): { readonly words: string; readonly known: boolean } {
  const dot = key.indexOf('.');
  const words = GROUPS[key.slice(0, dot)]?.labels[key.slice(dot + 1)];
  return words !== undefined
    ? { words: capital(words), known: true }
    : { words: spelled(key.slice(dot + 1)), known: false };
}

/** A comparison row's heading: the figure in words with its unit, e.g. "Hardware capital (USD)". */
export function figureLabel(key: string, unit: FigureUnit): string {
  const u = UNIT_WORDS[unit];
  const prefix = GROUPS[key.slice(0, key.indexOf('.'))]?.prefix ?? '';
  return `${prefix}${figureWords(key).words}${u ? ` (${u})` : ''}`;
}
