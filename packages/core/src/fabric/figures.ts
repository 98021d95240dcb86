import { type Figure, figure } from '../explain/figure.js';
import { type NetworkPlan, RUN_LENGTH_SOURCE } from './networks.js';

/** The compute fabric's headline figures, built where the fabric is sized. */
export function fabricFigures(net: NetworkPlan): Record<string, Figure> {
  const c = net.compute;
  return {
    computeSwitches: figure(
      c.leafSwitches + c.spineSwitches + c.coreSwitches,
      'count',
      'leaf + spine + core switches of the compute fabric (folded Clos sized for the NIC ports, radix and oversubscription)',
      {
        tiers: c.tiers,
        leaves: c.leafSwitches,
        spines: c.spineSwitches,
        cores: c.coreSwitches,
        endpoints: c.endpoints,
      },
      [RUN_LENGTH_SOURCE],
    ),
  };
}
