import { derivedFigure, type Figure, figure, figureRef } from '../explain/figure.js';
import { type PowerPlan, RACK_LIMIT_SOURCE } from './plan.js';

/** The site's power and racks as figures, built where they are worked out. */
export function powerFigures(power: PowerPlan): Record<string, Figure> {
  return {
    itPower: derivedFigure(power.itW, 'W', 'nodes × node power + switches and optics + storage servers', {
      computeW: power.computeW,
      networkW: power.networkW,
      storageW: power.storageW,
    }),
    facilityPower: figure(
      power.facilityW,
      'W',
      'IT power × PUE',
      { itW: figureRef('site', 'itPower', power.itW), pue: power.pue },
      [RACK_LIMIT_SOURCE],
    ),
    racks: figure(
      power.computeRacks + power.networkRacks + power.storageRacks,
      'count',
      'compute racks (nodes ÷ nodes per rack under the power limit) + network + storage racks; one compute rack with the room (42U) and power for the switches and file servers holds them too',
      {
        nodesPerRack: power.nodesPerRack,
        rackLimitW: power.rackLimitW,
        sharedRack: power.sharedRack ? 'yes' : 'no',
      },
      [RACK_LIMIT_SOURCE],
    ),
  };
}
