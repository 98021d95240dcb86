import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../sim/random.js';
import { FabricLevels } from './fabric-levels.js';
import { GangFormer } from './gang-former.js';
import { ClusterState } from './placement.js';
import { node } from './test-nodes.js';

const TRAY = 4;
const PER_DOMAIN = 6;

describe('a gang formed on idle nodes', () => {
  it('takes distinct idle nodes enough for it, each model-parallel group whole in one domain', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
        fc.integer({ min: 2, max: 24 }),
        fc.constantFrom(0, 8, 12, 24),
        fc.boolean(),
        (busy, trays, group, random) => {
          const state = new ClusterState(Array.from({ length: 24 }, () => node(TRAY)));
          busy.forEach((b, m) => {
            if (b) state.place(m, { cpuMilli: 0, memoryMib: 0, gpus: 1, gpuMilli: 1000, modelMask: 0 }, -1);
          });
          const fabric = new FabricLevels(state, {
            nodesPerGroup: 12,
            oversubscription: 2,
            nodesPerDomain: PER_DOMAIN,
            scaleUpOverScaleOut: 18,
          });
          const g = new GangFormer(state, random, new Random(1), fabric);
          const want = trays * TRAY;
          const found = g.form(want, group);
          const taken = Array.from(g.nodes.subarray(g.at, g.at + g.count));
          if (!found) return;
          expect(new Set(taken).size).toBe(taken.length);
          for (const m of taken) expect(state.idle(m)).toBe(true);
          expect(g.gpus).toBe(taken.length * TRAY);
          expect(g.gpus).toBeGreaterThanOrEqual(want);
          expect(g.gpus).toBeLessThan(want + TRAY);
          if (group > TRAY && group <= PER_DOMAIN * TRAY) {
            // Consecutive runs of group/TRAY nodes sit in one domain.
            const perGroup = group / TRAY;
            for (let i = 0; i + perGroup <= taken.length; i += perGroup) {
              const d = Math.floor(taken[i]! / PER_DOMAIN);
              for (let k = 1; k < perGroup; k++) expect(Math.floor(taken[i + k]! / PER_DOMAIN)).toBe(d);
            }
          }
        },
      ),
    );
  });
});
