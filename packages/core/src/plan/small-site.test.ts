import { describe, expect, it } from 'vitest';
import { planDatacenter } from './datacenter-plan.js';
import { loadScenario } from './load.js';

/** The 8B example's training on `gpus` DGX H100 GPUs, as a site plan. */
function site(gpus: number) {
  const r = loadScenario(
    `hardware: { system: dgx-h100, gpus: ${gpus} }
workloads:
  - train: { model: llama-3-8b, tokens: 1T, seqLen: 8192, globalBatch: 128, precision: fp8 }
`,
    'x.yaml',
  );
  if (!r.ok || !r.value.datacenter) throw new Error('scenario should load');
  const p = planDatacenter(r.value.trainings[0]!, r.value.datacenter);
  if (!p.ok) throw new Error('should plan');
  return p.plan;
}

const computeSwitches = (p: ReturnType<typeof site>) =>
  p.networks.items
    .filter((i) => i.network === 'compute' && i.kind === 'switch')
    .reduce((a, i) => a + i.count, 0);

describe('small sites are planned as small sites (issue #12, item 1)', () => {
  it('one node has no scale-out switch and its network costs less than its compute', () => {
    const p = site(8);
    expect(p.networks.compute.tiers).toBe(0);
    expect(computeSwitches(p)).toBe(0);
    const spend = (category: string) =>
      p.cost.lines.filter((l) => l.category === category).reduce((a, l) => a + l.totalUsd, 0);
    expect(spend('network')).toBeLessThan(spend('compute') / 10);
    // Its switches and file server sit in its own rack: one rack, not a compute, a network and a storage rack.
    expect([p.power.sharedRack, p.figures.racks?.value]).toEqual([true, 1]);
  });

  it('a few nodes share one leaf; past one switch the fabric grows tiers', () => {
    expect([site(16), site(64)].map((p) => [p.networks.compute.tiers, computeSwitches(p)])).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(site(72).networks.compute.tiers).toBe(2);
  });

  it("the file servers' power and price come from the same part", () => {
    for (const gpus of [8, 1024]) {
      const p = site(gpus);
      const line = p.cost.lines.find((l) => l.category === 'storage' && l.unit === 'server');
      expect(line).toMatchObject({ item: p.storage.server.id, count: p.storage.servers });
      expect(p.storage.powerW).toBe(p.storage.servers * p.storage.server.powerW);
    }
    // One node's checkpoints (105 GiB each, written within a minute) need one NFS server, priced as
    // one, not a 2.4 kW appliance priced at $141 for the terabytes used.
    const small = site(8);
    expect(small.storage.server.id).toBe('nvme-file-server');
    expect(small.cost.lines.find((l) => l.item === 'nvme-file-server')?.totalUsd).toBeGreaterThan(10_000);
  });
});
