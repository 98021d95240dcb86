// Where a gang's nodes sit in the fabric, and what that does to its speed. Nodes group into units
// at each level, innermost first: NVLink domains (where a domain spans several nodes, as a GB200
// NVL72 rack does) and leaf groups (a scalable unit behind the same leaves). A gang whose nodes all
// sit in one unit runs its cross-node traffic on that unit's links; one spread over several units
// runs it between units, over the oversubscribed spine. Durations are given spread, so a gang in one
// unit runs faster.

import type { ClusterState } from './placement.js';

/** The compute fabric as placement sees it. */
export interface ClusterTopology {
  /** Nodes behind the same leaves (a scalable unit). */
  readonly nodesPerGroup: number;
  /** Leaf down-links per up-link: traffic between groups gets 1/oversubscription of the NIC rate. */
  readonly oversubscription: number;
  /** Nodes of one NVLink (scale-up) domain, where a domain spans several (18 for GB200 NVL72). */
  readonly nodesPerDomain?: number;
  /** A GPU's scale-up bandwidth over its scale-out (NIC) bandwidth: how much faster traffic runs
   * within one domain than between nodes of one leaf group. */
  readonly scaleUpOverScaleOut?: number;
}

interface Level {
  readonly name: 'NVLink domain' | 'leaf group';
  readonly nodesPerUnit: number;
  /** Idle GPUs of each unit, as last counted. */
  readonly idle: Float64Array;
  /** GPUs of a unit (of the first one: units are alike but perhaps the last). */
  readonly unitGpus: number;
  /** Time of cross-node traffic in one unit over its time spread between groups. */
  readonly timeShare: number;
}

export class FabricLevels {
  /** The levels that separate nodes, innermost first; none when the fabric treats all nodes alike. */
  readonly levels: readonly Level[];

  constructor(
    private readonly state: ClusterState,
    t: ClusterTopology,
  ) {
    const nodes = state.nodes;
    const unitGpus = (per: number) => {
      let g = 0;
      for (let m = 0; m < per && m < nodes; m++) g += state.gpuStart[m + 1]! - state.gpuStart[m]!;
      return g;
    };
    const level = (name: Level['name'], per: number, timeShare: number): Level => ({
      name,
      nodesPerUnit: per,
      idle: new Float64Array(Math.ceil(nodes / per)),
      unitGpus: unitGpus(per),
      timeShare,
    });
    const levels: Level[] = [];
    const perDomain = t.nodesPerDomain ?? 1;
    if (perDomain > 1)
      levels.push(level('NVLink domain', perDomain, 1 / (t.oversubscription * (t.scaleUpOverScaleOut ?? 1))));
    if (t.nodesPerGroup < nodes && t.nodesPerGroup > perDomain)
      levels.push(level('leaf group', t.nodesPerGroup, 1 / t.oversubscription));
    this.levels = levels;
  }

  /** Counts the idle GPUs of every unit. */
  countIdle(): void {
    const s = this.state;
    for (const l of this.levels) l.idle.fill(0);
    for (let m = 0; m < s.nodes; m++) {
      if (!s.idle(m)) continue;
      const gpus = s.gpuStart[m + 1]! - s.gpuStart[m]!;
      for (const l of this.levels) {
        const u = (m / l.nodesPerUnit) | 0;
        l.idle[u] = l.idle[u]! + gpus;
      }
    }
  }

  /** The unit of level `l` with the fewest idle GPUs that still holds `want`, or -1 (best fit). */
  tightestUnit(l: number, want: number): number {
    const idle = this.levels[l]!.idle;
    let best = -1;
    for (let u = 0; u < idle.length; u++)
      if (idle[u]! >= want && (best < 0 || idle[u]! < idle[best]!)) best = u;
    return best;
  }

  /** The unit of level `l` with the most idle GPUs not yet taken (taken units are marked -1). */
  roomiestUnit(l: number): number {
    const idle = this.levels[l]!.idle;
    let most = 0;
    for (let u = 1; u < idle.length; u++) if (idle[u]! > idle[most]!) most = u;
    return most;
  }

  /** The innermost level one of whose units holds all `count` nodes of `pool` from `from`, or
   * levels.length when they are spread. */
  levelHolding(pool: Int32Array, from: number, count: number): number {
    for (let l = 0; l < this.levels.length; l++) {
      const per = this.levels[l]!.nodesPerUnit;
      const unit = (pool[from]! / per) | 0;
      let one = true;
      for (let i = 1; i < count && one; i++) one = ((pool[from + i]! / per) | 0) === unit;
      if (one) return l;
    }
    return this.levels.length;
  }

  /** The innermost level whose units are large enough for `gpus`, or levels.length. */
  levelFitting(gpus: number): number {
    let l = 0;
    while (l < this.levels.length && this.levels[l]!.unitGpus < gpus) l++;
    return l;
  }

  /** A gang's run time at level `l` (levels.length: spread) over its time spread, when `commShare` of
   * it is exposed cross-node traffic. */
  timeFactor(l: number, commShare: number): number {
    const share = l < this.levels.length ? this.levels[l]!.timeShare : 1;
    return 1 - commShare + commShare * share;
  }
}
