// Where a MoE model's experts sit on a wide-EP instance is part of its serving plan: slots per rank,
// the redundant ones an EP load balancer adds, and the busiest rank's share of the expert work.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../plan/load.js';
import { planServing } from '../plan/serving-plan.js';
import { renderServing } from './serving-text.js';

const wideEp = (redundant: number) => `hardware: { system: dgx-h100, gpus: auto }
workloads:
  - serve:
      model: deepseek-v3
      engine: sglang
      traffic: { rate: 2 req/s, input: { mean: 2000 }, output: { mean: 200 } }
      slo: { ttft: { p99: 10 s }, tpot: { p99: 200 ms } }
      parallelism: { ep: 72, attentionDp: 72, redundantExperts: ${redundant} }
`;

function plan(redundant: number) {
  const r = loadScenario(wideEp(redundant), 'x.yaml');
  if (!r.ok) throw new Error(r.refusal.diagnostics.map((d) => d.message).join('; '));
  const p = planServing(r.value.servings[0]!);
  if (!p.ok) throw new Error(p.message);
  return p.plan;
}

describe('expert placement in a serving plan', () => {
  const copies = plan(32);
  it('shows the slots on the busiest rank, the redundant ones, and its share of the expert work', () => {
    expect(copies.best.expertPlacement).toEqual({
      slotsPerRank: 4,
      redundantExperts: 32,
      busiestLoad: 1.125,
    });
    const f = copies.figures.busiestExpertLoad!;
    expect(f.value).toBe(1.125);
    expect(f.inputs).toMatchObject({ experts: 256, redundantExperts: 32, ep: 72, slotsOnBusiestRank: 4 });
    expect(f.formula).toMatch(/copies packed heaviest first/);
    expect(renderServing(copies, false)).toMatch(
      /experts: 4 whole expert slots on the busiest of 72 EP ranks \(32 redundant, EPLB\); it does ×1\.125/,
    );
  });
  it('says the same placement without copies: 256 experts on 72 ranks leave 40 ranks with four', () => {
    const none = plan(0);
    expect(none.best.expertPlacement).toEqual({ slotsPerRank: 4, redundantExperts: 0, busiestLoad: 1.125 });
    expect(none.figures.busiestExpertLoad!.formula).toMatch(/⌈experts ÷ EP⌉/);
  });
});
