import { type Figure, figure } from '../explain/figure.js';
import type { CarbonPlan } from './carbon.js';

/** Operational emissions as a figure: of the training run, or of a year of a site that only serves. */
export function carbonFigures(carbon: CarbonPlan, servingOnly: boolean): Record<string, Figure> {
  return {
    operationalCo2: figure(
      carbon.operationalKg,
      'kgCO2e',
      servingOnly
        ? 'a year of site energy (kWh) × grid intensity (g/kWh) ÷ 1000'
        : 'training-run energy (kWh) × grid intensity (g/kWh) ÷ 1000',
      {
        region: carbon.region,
        gCo2ePerKWh: carbon.gCo2ePerKWh,
        year: carbon.intensityYear,
      },
      carbon.sources,
    ),
  };
}
