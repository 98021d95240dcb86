// The hardware a scenario's workloads run on, worked out once from the scenario and the catalog:
// every concern and every face reads these figures instead of deriving its own.
import { fieldSources } from '../catalog/field-sources.js';
import type { Accelerator, AcceleratorField, SystemSpec } from '../catalog/types.js';
import type { HardwareInput } from '../scenario/schema.js';

/** One node type and the links and power each GPU of it gets. Figures per GPU are one direction. */
export interface SiteHardware {
  /** The node the cluster is built from: the catalog system, or one derived from the accelerator. */
  readonly system: SystemSpec;
  /** True when `system` was derived (no catalog system named). */
  readonly systemDerived: boolean;
  readonly accelerator: Accelerator;
  readonly gpusPerNode: number;
  /** GPUs that share one NVLink (scale-up) domain. */
  readonly scaleUpDomain: number;
  readonly scaleUpBytesPerS: number;
  /** The node's NICs shared by its GPUs, or `hardware.scaleOut` where the scenario sets it. */
  readonly scaleOutBytesPerS: number;
  readonly nicsPerNode: number;
  readonly nicBitsPerS: number;
  readonly memoryBytes: number;
  /** The node's rated power (datasheet), or the derived node's. */
  readonly nodePowerW: number;
  /** Node power ÷ GPUs per node: what each GPU costs the site in power, host share included. */
  readonly gpuPowerW: number;
  /** Leaf down-links per up-link of the scale-out fabric. */
  readonly oversubscription: number;
}

/** Host power per unit of accelerator TDP in an 8-GPU server: DGX H100 is rated 10.2 kW for 8 × 700 W
 * GPUs (NVIDIA DGX H100 datasheet), so CPUs, memory, NICs, fans and conversion add 0.82 × GPU TDP. */
export const NODE_POWER_PER_GPU_TDP = 10_200 / (8 * 700);

/** A node for an accelerator with no catalog system: 8 GPUs (or the scale-up domain if smaller),
 * one NIC per GPU, power scaled from DGX H100. */
export function derivedSystem(a: Accelerator): SystemSpec {
  const gpusPerNode = Math.min(8, a.scaleUpDomain > 8 ? 4 : a.scaleUpDomain);
  // Each field is made from one of the accelerator's, so it cites that field's documents (shifted past
  // the derivation's own note, which comes first).
  const from = (field: AcceleratorField): number[] => [
    0,
    ...fieldSources(a, field).map((x) => a.sources.indexOf(x) + 1),
  ];
  return {
    id: `${a.id}-node`,
    name: `${gpusPerNode}× ${a.name} node (derived)`,
    accelerator: a.id,
    gpusPerNode,
    scaleUpDomain: a.scaleUpDomain,
    railsPerNode: gpusPerNode,
    nicGbps: a.scaleOutBitsPerS / 1e9,
    nodePowerW: gpusPerNode * a.tdpW * NODE_POWER_PER_GPU_TDP,
    rackUnits: gpusPerNode >= 8 ? 8 : 4,
    nodesPerRack: 4,
    cooling: a.scaleUpDomain > 8 ? 'liquid' : 'air',
    sources: [
      {
        title: 'derived by aidc from the accelerator',
        note: 'node power = GPUs × TDP × 10.2 kW ÷ (8 × 700 W) as in the DGX H100 datasheet; 4 nodes per rack',
      },
      ...a.sources,
    ],
    fieldSources: {
      gpusPerNode: from('scaleUpDomain'),
      scaleUpDomain: from('scaleUpDomain'),
      railsPerNode: from('scaleUpDomain'),
      nicGbps: from('scaleOutBitsPerS'),
      nodePowerW: from('tdpW'),
      cooling: from('scaleUpDomain'),
      accelerator: [0],
      rackUnits: [0],
      nodesPerRack: [0],
    },
  };
}

/** The site's hardware from the scenario's `hardware` section, its node and its accelerator. */
export function siteHardware(
  hw: HardwareInput,
  system: SystemSpec | undefined,
  accelerator: Accelerator,
  oversubscription: number,
): SiteHardware {
  const node = system ?? derivedSystem(accelerator);
  const nicBitsPerS = node.nicGbps * 1e9;
  return {
    system: node,
    systemDerived: system === undefined,
    accelerator,
    gpusPerNode: node.gpusPerNode,
    scaleUpDomain: hw.scaleUpDomain ?? node.scaleUpDomain,
    scaleUpBytesPerS: hw.scaleUp ?? accelerator.scaleUpBytesPerS,
    scaleOutBytesPerS: hw.scaleOut ?? (node.railsPerNode * nicBitsPerS) / 8 / node.gpusPerNode,
    nicsPerNode: node.railsPerNode,
    nicBitsPerS,
    memoryBytes: hw.memory ?? accelerator.memoryBytes,
    nodePowerW: node.nodePowerW,
    gpuPowerW: node.nodePowerW / node.gpusPerNode,
    oversubscription,
  };
}

/** Nodes that hold `gpus` GPUs: the one place a node count is worked out. */
export function nodesFor(site: Pick<SiteHardware, 'gpusPerNode'>, gpus: number): number {
  return Math.ceil(gpus / site.gpusPerNode);
}

/** The site's hardware as the plan shows it: catalog ids instead of catalog objects, and the node count. */
export type SiteSummary = Omit<SiteHardware, 'system' | 'systemDerived' | 'accelerator'> & {
  readonly system: string;
  readonly accelerator: string;
  readonly nodes: number;
};

export function siteSummary(site: SiteHardware, nodes: number): SiteSummary {
  const { system, systemDerived: _derived, accelerator, ...figures } = site;
  return { system: system.id, accelerator: accelerator.id, nodes, ...figures };
}

/**
 * The accelerator with its 16-bit dense peak replaced by the scenario's `hardware.peak`, every other
 * number format scaled by the same ratio (a part's formats keep their proportions). The peaks cite
 * the scenario, not the catalog.
 */
export function acceleratorWithPeak(a: Accelerator, peak16FlopsPerS: number): Accelerator {
  const catalog16 =
    a.peakFlopsPerS.bf16 ?? a.peakFlopsPerS.fp16 ?? Math.max(0, ...Object.values(a.peakFlopsPerS));
  const ratio = catalog16 > 0 ? peak16FlopsPerS / catalog16 : 1;
  const peakFlopsPerS = Object.fromEntries(
    Object.entries(a.peakFlopsPerS).map(([format, flops]) => [format, flops * ratio]),
  ) as Accelerator['peakFlopsPerS'];
  const given = a.sources.length;
  const formats = Object.keys(peakFlopsPerS).map((f) => `peakFlopsPerS.${f}` as AcceleratorField);
  return {
    ...a,
    peakFlopsPerS,
    sources: [
      ...a.sources,
      {
        title: `given in the scenario (hardware.peak): ${peak16FlopsPerS / 1e12} TFLOP/s per GPU, dense 16-bit`,
        note: `in place of the catalog's ${catalog16 / 1e12} TFLOP/s; other formats scaled by ${ratio.toPrecision(3)}`,
      },
    ],
    fieldSources: {
      ...a.fieldSources,
      peakFlopsPerS: [given],
      ...Object.fromEntries(formats.map((f) => [f, [given]])),
    },
    givenFields: [...(a.givenFields ?? []), ...formats],
  };
}
