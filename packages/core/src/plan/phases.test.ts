import { describe, expect, it } from 'vitest';
import { planText } from './text-plan.js';

const PHASED = `name: phased
hardware:
  system: dgx-h100
  gpus: 256
workloads:
  - train:
      model: llama-3-8b
      gpus: 256
      seqLen: 8192
      globalBatch: 512
      phases:
        - name: batch ramp
          tokens: 50B
          globalBatch: 128
        - name: main
          tokens: 1T
        - name: long context
          tokens: 20B
          seqLen: 65536
          gpus: 128
`;

const plan = (text: string) => {
  const r = planText(text, 'p.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.refusal.diagnostics[0]));
  return r.plan;
};

describe('a run in phases', () => {
  it('lays out each phase on its own and sums the run', () => {
    const p = plan(PHASED);
    const t = p.training!;
    expect(t.phases.map((x) => x.name)).toEqual(['batch ramp', 'main', 'long context']);
    expect(t.phases.map((x) => x.gpus)).toEqual([256, 256, 128]);
    expect(t.phases.map((x) => x.seqLen)).toEqual([8192, 8192, 65536]);
    // The long-context phase keeps the run's batch in tokens: 512 × 8192 = 64 × 65536.
    expect(t.phases[2]!.globalBatchSequences).toBe(64);
    expect(t.phases[0]!.globalBatchSequences).toBe(128);
    expect(t.run.mainPhase).toBe(1);
    expect(t.job.tokens).toBe(1.07e12);
    const sum = t.phases.reduce((a, x) => a + x.best.trainingTimeS, 0);
    expect(t.run.trainingTimeS).toBeCloseTo(sum, 6);
    expect(t.figures.trainingTime!.value).toBeCloseTo(sum, 6);
    expect(t.figures.gpuHours!.value).toBeCloseTo(
      t.phases.reduce((a, x) => a + (x.best.trainingTimeS * x.gpus) / 3600, 0),
      6,
    );
    // The wall clock holds every phase, and the run's GPU-hours count each phase at its own size.
    expect(p.reliability!.wallClockS).toBeGreaterThan(sum);
    expect(p.reliability!.losses.trainingTimeS).toBeCloseTo(sum, 6);
  });

  it('is the same run as one phase when the phases change nothing', () => {
    const one = plan(PHASED.replace(/ {6}phases:[\s\S]*$/, '      tokens: 1T\n'));
    const split = plan(
      PHASED.replace(
        / {6}phases:[\s\S]*$/,
        '      phases:\n        - tokens: 400B\n        - tokens: 600B\n',
      ),
    );
    expect(split.training!.run.trainingTimeS).toBeCloseTo(one.training!.run.trainingTimeS, 3);
    expect(split.training!.phases.map((x) => x.name)).toEqual(['phase 1', 'phase 2']);
  });

  it('refuses tokens that disagree with the phases, and a phase larger than the cluster', () => {
    const bad = planText(
      PHASED.replace('      seqLen: 8192\n', '      seqLen: 8192\n      tokens: 2T\n'),
      'p.yaml',
    );
    expect(!bad.ok && bad.refusal.diagnostics[0]).toMatchObject({
      path: ['workloads', 0, 'train', 'tokens'],
      code: 'conflicting-fields',
    });
    const big = planText(PHASED.replace('gpus: 128', 'gpus: 512'), 'p.yaml');
    expect(!big.ok && big.refusal.diagnostics[0]).toMatchObject({
      path: ['workloads', 0, 'train', 'phases', 2, 'gpus'],
      code: 'cluster-too-small',
    });
    const none = planText(PHASED.replace(/ {6}phases:[\s\S]*$/, ''), 'p.yaml');
    expect(!none.ok && none.refusal.diagnostics[0]!.message).toMatch(/give train\.tokens or train\.phases/);
  });
});

describe('run-level losses', () => {
  it('follow the scenario, and none leaves only failures and checkpoints', () => {
    const base = PHASED.replace(/ {6}phases:[\s\S]*$/, '      tokens: 1T\n');
    const none = plan(base.replace('      tokens: 1T\n', '      tokens: 1T\n      runLosses: none\n'));
    const dflt = plan(base);
    const more = plan(
      base.replace(
        '      tokens: 1T\n',
        "      tokens: 1T\n      runLosses:\n        evaluationShare: 0.05\n        schedulingWait: '1 h'\n",
      ),
    );
    const l0 = none.reliability!.losses;
    expect(l0.lostS.lossSpikesS + l0.lostS.stragglersS + l0.lostS.startupS).toBe(0);
    expect(l0.effectiveTrainingTime).toBeCloseTo(none.reliability!.policy.goodput, 9);
    expect(dflt.reliability!.wallClockS).toBeGreaterThan(none.reliability!.wallClockS);
    expect(more.reliability!.wallClockS).toBeGreaterThan(dflt.reliability!.wallClockS);
    expect(more.reliability!.losses.lostS.evaluationS).toBeCloseTo(0.05 * l0.trainingTimeS, 3);
    // A changed input is cited as the scenario's, a default by its source.
    expect(more.figures.lostToEvaluation!.sources[0]!.title).toMatch(/scenario's train\.runLosses/);
    expect(dflt.figures.lostToStragglers!.sources[0]!.title).toMatch(/Stragglers/);
    expect(dflt.figures.effectiveTrainingTime!.value).toBeCloseTo(
      dflt.reliability!.losses.effectiveTrainingTime,
      12,
    );
  });
});
