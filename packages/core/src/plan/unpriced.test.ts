import { describe, expect, it } from 'vitest';
import { planDatacenter } from './datacenter-plan.js';
import { loadScenario } from './load.js';
import { sweepDatacenter } from './sweep.js';

function resolved(system: string, gpus: number, model = 'llama-3-8b', extra = 'seqLen: 2048') {
  const r = loadScenario(
    `hardware: { system: ${system}, gpus: ${gpus} }
workloads:
  - train: { model: ${model}, tokens: 10B, ${extra}, globalBatch: 256 }
`,
    'x.yaml',
  );
  if (!r.ok || !r.value.datacenter) throw new Error('scenario should load');
  return { t: r.value.trainings[0]!, dc: r.value.datacenter };
}

describe('a missing price is never a silent $0 (issue #12, item 2)', () => {
  it('the plan and every sweep row name the items their costs leave out', () => {
    const { t, dc } = resolved('gb300-nvl72', 72);
    const p = planDatacenter(t, dc);
    if (!p.ok) throw new Error(p.message);
    expect(p.plan.cost.unpricedItems).toContain('gb300-nvl72');
    const rows = sweepDatacenter(t, dc, [72, 144]);
    for (const r of rows) expect(r.ok && r.unpricedItems).toContain('gb300-nvl72');
  });

  it('with no cloud price there is no rented run cost figure, rather than one of $0', () => {
    const { t, dc } = resolved('rtx-2080-node', 4, 'bert-base', 'seqLen: 128, precision: fp16');
    const p = planDatacenter(t, dc);
    if (!p.ok) throw new Error(p.message);
    expect(p.plan.cost.cloudRunCostUsd).toBeNull();
    expect(p.plan.figures.cloudRunCost).toBeUndefined();
    expect(p.plan.figures.runCost?.value).toBeGreaterThan(0);
    // The RTX 2080 node has a catalog price now: the capital holds the nodes, not only the switches.
    expect(p.plan.cost.unpricedItems).toEqual([]);
  });
});
