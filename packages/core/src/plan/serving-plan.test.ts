import { describe, expect, it } from 'vitest';
import { INFERENCE_CONSTANTS } from '../inference/constants.js';
import { planDatacenter } from './datacenter-plan.js';
import { loadScenario } from './load.js';
import { planServing } from './serving-plan.js';

const scenario = (rate: string, train = '') => `hardware: { system: dgx-h100, gpus: 64 }
workloads:${train}
  - serve:
      model: llama-3.1-8b
      weights: fp8
      traffic: { rate: ${rate}, input: { mean: 1000 }, output: { mean: 200 } }
      slo: { ttft: { p99: 1 s }, tpot: { p99: 50 ms } }
`;

function serving(rate: string) {
  const r = loadScenario(scenario(rate), 'x.yaml');
  if (!r.ok) throw new Error(r.refusal.diagnostics.map((d) => d.message).join('; '));
  return r.value;
}

describe('serving plan', () => {
  const low = planServing(serving('5 req/s').servings[0]!);
  const high = planServing(serving('40 req/s').servings[0]!);
  it('meets the objectives it was given at the target load', () => {
    expect(low.ok).toBe(true);
    if (!low.ok) return;
    expect(low.plan.best.ttftS.p99).toBeLessThanOrEqual(1);
    expect(low.plan.best.tpotS.p99).toBeLessThanOrEqual(0.05);
  });
  it('reports how many requests met the objectives and a knee the queues start to grow past', () => {
    if (!low.ok) throw new Error('should plan');
    const b = low.plan.best;
    expect(b.sloAttainment).toBeGreaterThan(0.9);
    expect(b.sloAttainment).toBeLessThanOrEqual(1);
    // The planned replica runs below the knee unless the objectives allow queueing.
    expect(b.kneeRatePerReplica).toBeGreaterThan(0);
  });
  it('reports the batch a replica holds at most, at least one sequence and no more than the engine allows', () => {
    if (!low.ok) throw new Error('should plan');
    const b = low.plan.best;
    expect(b.maxBatch).toBeGreaterThanOrEqual(1);
    expect(b.maxBatch).toBeLessThanOrEqual(INFERENCE_CONSTANTS.maxBatch * b.pp);
  });
  it('prices serving at the price overrides of the scenario, as the site cost does', () => {
    const priced = planServing(serving('5 req/s').servings[0]!, { prices: { 'cloud-h100-gpu-hour': 2 } });
    if (!priced.ok || !low.ok) throw new Error('should plan');
    expect(priced.plan.best.costPerGpuHourUsd).toBe(2);
    expect(low.plan.best.costPerGpuHourUsd).not.toBe(2);
  });
  it('never needs fewer GPUs for more traffic', () => {
    if (!low.ok || !high.ok) throw new Error('should plan');
    expect(high.plan.best.gpus).toBeGreaterThanOrEqual(low.plan.best.gpus);
  });
  it('sizes the site for training and serving together', () => {
    const s = loadScenario(
      scenario('5 req/s', '\n  - train: { model: llama-3-8b, tokens: 100B, seqLen: 4096, globalBatch: 256 }'),
      'x.yaml',
    );
    if (!s.ok || !s.value.datacenter) throw new Error('should load');
    const sv = planServing(s.value.servings[0]!);
    if (!sv.ok) throw new Error('should serve');
    const site = planDatacenter(
      { training: s.value.trainings[0], servings: [{ resolved: s.value.servings[0]!, plan: sv.plan }] },
      s.value.datacenter,
    );
    if (!site.ok) throw new Error(site.message);
    expect(site.plan.gpus.total).toBe(64 + sv.plan.best.gpus);
    expect(site.plan.reliability).not.toBeNull();
  });
});

describe('disaggregated serving', () => {
  it('sizes separate prefill and decode pools, with the KV transfer in the time to first token', () => {
    const text = scenario('10 req/s').replace(
      'slo:',
      'parallelism: { tp: 1, disaggregated: true }\n      slo:',
    );
    const r = loadScenario(text, 'x.yaml');
    if (!r.ok) throw new Error(r.refusal.diagnostics.map((d) => d.message).join('; '));
    const p = planServing(r.value.servings[0]!);
    if (!p.ok) throw new Error(p.message);
    const dis = [p.plan.best, ...p.plan.alternatives].find((l) => l.disaggregated);
    expect(dis).toBeDefined();
    expect(dis!.disaggregated!.prefillReplicas).toBeGreaterThanOrEqual(1);
    expect(dis!.disaggregated!.decodeReplicas).toBeGreaterThanOrEqual(1);
    expect(dis!.ttftS.p50).toBeGreaterThan(dis!.disaggregated!.kvTransferS);
    expect(dis!.tpotS.p99).toBeLessThanOrEqual(0.05);
  });
  it('gives each pool its own layout: the prefill pool of the layout that prefills on the fewest GPUs', () => {
    const text = scenario('40 req/s').replace('slo:', 'parallelism: { disaggregated: true }\n      slo:');
    const r = loadScenario(text, 'x.yaml');
    if (!r.ok) throw new Error(r.refusal.diagnostics.map((d) => d.message).join('; '));
    const p = planServing(r.value.servings[0]!);
    if (!p.ok) throw new Error(p.message);
    const dis = [p.plan.best, ...p.plan.alternatives].filter((l) => l.disaggregated);
    expect(dis.length).toBeGreaterThan(1);
    const prefill = dis[0]!.disaggregated!.prefill;
    for (const l of dis) {
      const d = l.disaggregated!;
      // One prefill pool for every decode layout, and the GPUs of both pools.
      expect(d.prefill).toEqual(prefill);
      expect(l.gpus).toBe(d.prefillReplicas * d.prefill.gpusPerReplica + d.decodeReplicas * l.gpusPerReplica);
    }
    // Decode layouts differ while the prefill pool stays: the pools are chosen apart.
    expect(new Set(dis.map((l) => l.tp)).size).toBeGreaterThan(1);
  });
  it('decodes on a layout too slow to serve colocated, beside another layout’s prefill pool', () => {
    // 32,000-token prompts within 650 ms: one H100 prefills one in about 0.69 s, so TP1 cannot serve
    // them colocated, yet it decodes within 40 ms a token while TP8 replicas prefill.
    const text = `hardware: { system: dgx-h100, gpus: auto }
workloads:
  - serve:
      model: llama-3.1-8b
      weights: fp8
      traffic: { rate: 2 req/s, input: { mean: 32000, distribution: fixed }, output: { mean: 200, distribution: fixed } }
      slo: { ttft: { p99: 650 ms }, tpot: { p99: 40 ms } }
      parallelism: { disaggregated: true }
`;
    const r = loadScenario(text, 'x.yaml');
    if (!r.ok) throw new Error(r.refusal.diagnostics.map((d) => d.message).join('; '));
    const p = planServing(r.value.servings[0]!);
    if (!p.ok) throw new Error(p.message);
    const layouts = [p.plan.best, ...p.plan.alternatives];
    expect(layouts.some((l) => !l.disaggregated && l.tp === 1)).toBe(false);
    expect(p.plan.refused.find((l) => l.tp === 1)?.why).toMatch(/^colocated, the objectives are missed/);
    const tp1Decode = layouts.find((l) => l.disaggregated && l.tp === 1);
    expect(tp1Decode?.disaggregated?.prefill.tp).toBe(8);
    expect(tp1Decode!.tpotS.p99).toBeLessThanOrEqual(0.04);
    expect(tp1Decode!.ttftS.p99).toBeLessThanOrEqual(0.65);
  });
  it('sends the KV cache over the site NICs: hardware.scaleOut changes the transfer', () => {
    const transfer = (scaleOut: string) => {
      const text = scenario('10 req/s')
        .replace('gpus: 64 }', `gpus: 64, scaleOut: ${scaleOut} }`)
        .replace('slo:', 'parallelism: { tp: 1, disaggregated: true }\n      slo:');
      const r = loadScenario(text, 'x.yaml');
      if (!r.ok) throw new Error(r.refusal.diagnostics.map((d) => d.message).join('; '));
      const p = planServing(r.value.servings[0]!);
      if (!p.ok) throw new Error(p.message);
      return [p.plan.best, ...p.plan.alternatives].find((l) => l.disaggregated)!.disaggregated!.kvTransferS;
    };
    const slow = transfer('100 Gb/s');
    const fast = transfer('800 Gb/s');
    // Bandwidth-bound: eight times the NIC rate, about an eighth of the time (less the hop latency).
    expect(slow / fast).toBeGreaterThan(7);
    expect(slow / fast).toBeLessThanOrEqual(8);
  });
});
