import { fieldSources } from '../catalog/field-sources.js';
import type { Accelerator, Source } from '../catalog/types.js';

/**
 * The scale-up domains of a cluster: NVLink behind NVSwitches (8-GPU nodes, NVL72 racks), an Infinity
 * Fabric full mesh (MI300-class 8-GPU platforms), a TPU ICI torus, or plain PCIe. Collectives inside a
 * domain run at the accelerator's scale-up bandwidth (fabric/collectives.ts); this describes the shape.
 */
export type ScaleUpKind = 'nvlink-switch' | 'full-mesh' | 'torus' | 'pcie';

export interface ScaleUpPlan {
  readonly kind: ScaleUpKind;
  readonly gpusPerDomain: number;
  readonly domains: number;
  /** Torus dimensions (TPU), empty otherwise. */
  readonly dims: readonly number[];
  /** Scale-up bandwidth per accelerator, one direction, bytes/s. */
  readonly bytesPerSPerGpu: number;
  /** Bandwidth across the cut that halves one domain, one direction, bytes/s. */
  readonly domainBisectionBytesPerS: number;
  readonly sources: readonly Source[];
}

export const TORUS_SOURCE: Source = {
  title: 'Jouppi et al. 2023, "TPU v4: An Optically Reconfigurable Supercomputer" (ISCA), §2–3',
  note: '3D torus of 4×4×4 cubes joined by optical circuit switches, 6 ICI links per chip; slices up to 16×16×16',
};

/** Torus dimensions for a domain: a cube, else a square, else the three most equal factors. */
export function torusDims(n: number): number[] {
  const c = Math.round(Math.cbrt(n));
  if (c ** 3 === n) return [c, c, c];
  const s = Math.round(Math.sqrt(n));
  if (s * s === n) return [s, s];
  let best: number[] = [n];
  let spread = n;
  for (let a = 1; a * a * a <= n; a++) {
    if (n % a) continue;
    for (let b = a; a * b * b <= n; b++) {
      if ((n / a) % b) continue;
      const dims = [a, b, n / a / b];
      const d = Math.max(...dims) - Math.min(...dims);
      if (d < spread) {
        spread = d;
        best = dims;
      }
    }
  }
  return best;
}

/** The domains of `gpus` accelerators, `domainSize` to a domain, at `bytesPerS` each (the job's values,
 * which the scenario may have overridden). */
export function planScaleUp(
  gpus: number,
  accelerator: Accelerator,
  domainSize: number,
  bytesPerS: number,
): ScaleUpPlan {
  const domain = Math.max(1, Math.min(domainSize, gpus));
  const domains = Math.ceil(gpus / domain);
  const bw = bytesPerS;
  const linkSources = fieldSources(accelerator, 'scaleUpBytesPerS', 'scaleUpDomain');
  const base = { gpusPerDomain: domain, domains, bytesPerSPerGpu: bw, sources: linkSources };
  if (accelerator.vendor === 'google') {
    const dims = torusDims(domain);
    // Each chip has two links per dimension; the cut across the longest dimension of a torus crosses
    // two links for every chip of the cross-section (the wrap-around doubles it).
    const perLink = bw / (2 * dims.length);
    const longest = Math.max(...dims);
    const crossSection = domain / longest;
    return {
      ...base,
      kind: 'torus',
      dims,
      domainBisectionBytesPerS: 2 * crossSection * perLink * 2,
      sources: [TORUS_SOURCE, ...linkSources],
    };
  }
  const kind: ScaleUpKind =
    domain <= 1 || bw < 100e9 ? 'pcie' : accelerator.vendor === 'amd' ? 'full-mesh' : 'nvlink-switch';
  return { ...base, kind, dims: [], domainBisectionBytesPerS: (domain / 2) * bw };
}
