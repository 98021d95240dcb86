import { EMBODIED, GRID_INTENSITIES } from '../catalog/grid.js';
import type { Source } from '../catalog/types.js';

/** Location-based emissions of a run from its energy and the grid, and the accelerators' embodied share. */
export interface CarbonPlan {
  readonly region: string;
  readonly gCo2ePerKWh: number;
  readonly intensityYear: number;
  readonly operationalKg: number;
  /** Embodied emissions of the accelerators, and the run's share over the amortization period. */
  readonly embodiedKg: number | null;
  readonly embodiedRunShareKg: number | null;
  readonly sources: readonly Source[];
}

export function planCarbon(input: {
  readonly region: string | undefined;
  readonly energyJ: number;
  readonly accelerator: string;
  readonly gpus: number;
  readonly runS: number;
  readonly amortizationS: number;
}): CarbonPlan {
  const grid =
    GRID_INTENSITIES.find((g) => g.id === (input.region ?? 'us')) ??
    GRID_INTENSITIES.find((g) => g.id === 'world')!;
  const operationalKg = ((input.energyJ / 3.6e6) * grid.gCo2ePerKWh) / 1000;
  const e = EMBODIED.find((x) => x.item === input.accelerator);
  const embodiedKg = e ? e.kgCo2e * input.gpus : null;
  const life = input.amortizationS;
  return {
    region: grid.id,
    gCo2ePerKWh: grid.gCo2ePerKWh,
    intensityYear: grid.year,
    operationalKg,
    embodiedKg,
    embodiedRunShareKg: embodiedKg !== null ? (embodiedKg * input.runS) / life : null,
    sources: [...grid.sources, ...(e?.sources ?? [])],
  };
}
