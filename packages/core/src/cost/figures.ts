import { type Figure, figure, uniqueSources } from '../explain/figure.js';
import { AMORTIZATION_SOURCE, type CostPlan, FACILITY_AMORTIZATION_YEARS } from './plan.js';

/** Capital and the cost of a GPU-hour as figures, built where they are priced. */
export function costFigures(cost: CostPlan): Record<string, Figure> {
  return {
    hardwareCapex: figure(
      cost.hardwareCapexUsd,
      'USD',
      'Σ count × price over compute, network and storage lines',
      { lines: cost.lines.length },
      uniqueSources(cost.lines.flatMap((l) => l.sources)),
    ),
    costPerGpuHour: figure(
      cost.costPerGpuHourUsd,
      'USD/GPU·h',
      `(hardware ÷ amortization + facility ÷ ${FACILITY_AMORTIZATION_YEARS} years + energy per year + maintenance per year) ÷ GPU-hours per year`,
      {
        annualCostUsd: cost.annualCostUsd,
        energyPerYearUsd: cost.energyPerYearUsd,
        maintenancePerYearUsd: cost.maintenancePerYearUsd,
        energyPrice: cost.energyPriceSource,
      },
      [AMORTIZATION_SOURCE],
    ),
  };
}
