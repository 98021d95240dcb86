// Whole idle nodes for a gang: a job or replica larger than any node. Without a fabric, the first
// idle nodes; with one (fabric-levels.ts), the smallest NVLink domain or leaf group that holds the
// gang, else the units with the most idle GPUs; `random` placement is blind to units. GPUs that must
// share an NVLink domain (a model-parallel group) are taken whole groups per domain, or none.

import type { Random } from '../sim/random.js';
import type { FabricLevels } from './fabric-levels.js';
import type { ClusterState } from './placement.js';

export class GangFormer {
  /** The nodes of every gang formed so far, one run after another: the last at [at, at + count). */
  nodes = new Int32Array(1024);
  private used = 0;
  at = 0;
  count = 0;
  /** GPUs of the nodes taken (a partly used last node is held whole). */
  gpus = 0;
  /** The innermost fabric level one of whose units holds the last gang, and the innermost whose
   * units are large enough for it (levels.length: spread). */
  heldLevel = 0;
  fitLevel = 0;

  constructor(
    private readonly state: ClusterState,
    private readonly randomPlacement: boolean,
    private readonly rng: Random,
    /** The fabric's levels, when it has any. */
    private readonly fabric?: FabricLevels,
  ) {}

  /** Looks for `want` GPUs on idle nodes, `group` of which at a time must share an NVLink domain
   * (0: none must). True when found: the nodes are nodes[at, at + count); `keep` them, or the next
   * search reuses their place. Nothing is taken in the cluster's state. */
  form(want: number, group: number): boolean {
    const s = this.state;
    if (this.nodes.length < this.used + s.nodes) {
      const grown = new Int32Array(2 * (this.used + s.nodes));
      grown.set(this.nodes);
      this.nodes = grown;
    }
    this.at = this.used;
    this.count = 0;
    this.gpus = 0;
    if (this.fabric) this.inUnits(this.fabric, want, group);
    else this.takeIdle(0, s.nodes, want);
    return this.gpus >= want;
  }

  /** The last gang found keeps its nodes' place. */
  keep(): void {
    this.used += this.count;
  }

  private nodeGpus(m: number): number {
    return this.state.gpuStart[m + 1]! - this.state.gpuStart[m]!;
  }

  /** Idle nodes from `start` on (cyclically, `count` looked at) join until the gang has `want` GPUs. */
  private takeIdle(start: number, count: number, want: number): void {
    const s = this.state;
    for (let i = 0; i < count && this.gpus < want; i++) {
      const m = (start + i) % s.nodes;
      if (!s.idle(m)) continue;
      this.nodes[this.at + this.count++] = m;
      this.gpus += this.nodeGpus(m);
    }
  }

  private inUnits(f: FabricLevels, want: number, group: number): void {
    const s = this.state;
    f.countIdle();
    const fits = f.levelFitting(want);
    const domain = f.levels[0]!.name === 'NVLink domain' ? f.levels[0]! : undefined;
    const bound = domain !== undefined && group > this.nodeGpus(0) && group <= domain.unitGpus;
    if (!this.randomPlacement)
      for (let l = fits; l < (bound ? 1 : f.levels.length) && this.gpus < want; l++) {
        const u = f.tightestUnit(l, want);
        if (u >= 0) this.takeIdle(u * f.levels[l]!.nodesPerUnit, f.levels[l]!.nodesPerUnit, want);
      }
    if (this.gpus < want) {
      if (bound) this.takeGroups(f, group, want);
      else if (this.randomPlacement) this.takeIdle(Math.floor(this.rng.next() * s.nodes), s.nodes, want);
      else {
        const top = f.levels.length - 1;
        const per = f.levels[top]!.nodesPerUnit;
        for (let k = 0; k < f.levels[top]!.idle.length && this.gpus < want; k++) {
          const u = f.roomiestUnit(top);
          this.takeIdle(u * per, Math.min(per, s.nodes - u * per), want);
          f.levels[top]!.idle[u] = -1;
        }
      }
    }
    this.fitLevel = fits;
    this.heldLevel = this.gpus >= want ? f.levelHolding(this.nodes, this.at, this.count) : f.levels.length;
  }

  /** Whole groups of `group` GPUs (on whole nodes) from each NVLink domain, the domains with the most
   * idle first (`random`: from a random one on), until the gang has `want`; none if they fall short. */
  private takeGroups(f: FabricLevels, group: number, want: number): void {
    const s = this.state;
    const d = f.levels[0]!;
    const groupGpus = Math.ceil(group / this.nodeGpus(0)) * this.nodeGpus(0);
    const per = d.nodesPerUnit;
    const units = d.idle.length;
    const start = this.randomPlacement ? Math.floor(this.rng.next() * units) : 0;
    for (let k = 0; k < units && this.gpus < want; k++) {
      const u = this.randomPlacement ? (start + k) % units : f.roomiestUnit(0);
      const groups = Math.floor(Math.max(0, d.idle[u]!) / groupGpus);
      if (groups > 0)
        this.takeIdle(
          u * per,
          Math.min(per, s.nodes - u * per),
          Math.min(want, this.gpus + groups * groupGpus),
        );
      d.idle[u] = -1;
    }
    if (this.gpus < want) {
      this.count = 0;
      this.gpus = 0;
    }
  }
}
