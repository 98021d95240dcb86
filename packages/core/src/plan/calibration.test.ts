import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../explain/refusal.js';
import { CALIBRATION_FORMAT } from '../uncertainty/calibration.js';
import { loadScenario } from './load.js';
import { planTraining } from './training-plan.js';

const scenario = `name: calibrated
calibration: ./ours.calib.json
hardware:
  system: dgx-a100
  gpus: 64
workloads:
  - train:
      model: llama-3-8b
      tokens: 100B
      seqLen: 8192
      globalBatch: 512
`;
const calibration = (constants: Record<string, number>, points = 5, model = 'training') =>
  JSON.stringify({
    format: CALIBRATION_FORMAT,
    model,
    measurements: 'ours.json',
    constants,
    points,
    crossValidated: {
      beforeMapePct: 8,
      afterMapePct: 4,
      heldOut: Array.from({ length: points }, (_, i) => ({ id: `p${i}`, errorPct: i % 2 ? 3 : -3 })),
    },
  });
const load = (files: Record<string, string>) => loadScenario(scenario, 'x.yaml', (p) => files[p]);
const problems = (files: Record<string, string>) => {
  const r = load(files);
  return r.ok ? [] : r.refusal.diagnostics.map(formatDiagnostic);
};

describe('a scenario that names a calibration', () => {
  it('plans with its constants, cites it, and keeps the public range until it has enough points', () => {
    const plain = loadScenario(scenario.replace('calibration: ./ours.calib.json\n', ''), 'x.yaml');
    const calibrated = load({ './ours.calib.json': calibration({ gemmPeakEfficiency: 0.8 }) });
    if (!plain.ok || !calibrated.ok) throw new Error('scenario refused');
    const a = planTraining(plain.value.trainings[0]!);
    const b = planTraining(calibrated.value.trainings[0]!);
    if (!a.ok || !b.ok) throw new Error('plan refused');
    expect(b.plan.best.stepTimeS).toBeLessThan(a.plan.best.stepTimeS);
    expect(b.plan.figures.stepTime!.sources[0]!.title).toMatch(/^calibrated on ours\.json/);
    expect(b.plan.figures.stepTime!.range!.basis).toMatch(/not narrowed by the calibration: its 5 points/);
  });
  it('takes its range from its own left-out errors once it has ten points', () => {
    const r = load({ './ours.calib.json': calibration({ gemmPeakEfficiency: 0.8 }, 12) });
    if (!r.ok) throw new Error('scenario refused');
    const p = planTraining(r.value.trainings[0]!);
    if (!p.ok) throw new Error(p.message);
    const range = p.plan.figures.stepTime!.range!;
    expect(range.basis).toMatch(/^step time calibrated on \.\/ours\.calib\.json/);
    // Left-out errors of ±3% give a band of about ±3%.
    expect(range.high / p.plan.best.stepTimeS).toBeLessThan(1.04);
  });
  it('refuses a file it cannot read, one that is not a calibration, and unknown constants, at the field', () => {
    expect(problems({})[0]).toMatch(/calibration: cannot read '\.\/ours\.calib\.json'/);
    expect(problems({ './ours.calib.json': '{"format": "other"}' })[0]).toMatch(
      /calibration: '\.\/ours\.calib\.json': format: .*expected a file written by aidc calibrate/,
    );
    expect(problems({ './ours.calib.json': calibration({ speedOfLight: 3 }) })[0]).toMatch(
      /constants\.speedOfLight is not a constant aidc calibrate fits for the training model \(gemmPeakEfficiency, /,
    );
    // A hand-edited file cannot put the model outside the bounds aidc calibrate fits within.
    expect(problems({ './ours.calib.json': calibration({ gemmPeakEfficiency: 1e9 }) })[0]).toMatch(
      /constants\.gemmPeakEfficiency is 1000000000, outside 0\.3–1/,
    );
  });
});

const serving = `name: served and trained
calibration: [./train.calib.json, ./serve.calib.json, ./links.calib.json]
hardware:
  system: dgx-h100
  gpus: 128
workloads:
  - train:
      model: llama-3-8b
      gpus: 64
      tokens: 100B
      seqLen: 8192
      globalBatch: 512
  - serve:
      model: llama-3.1-8b
      engine: trtllm
      traffic: { rate: 20, input: { mean: 1000 }, output: { mean: 200 } }
      slo: { ttft: { p99: 2 s }, tpot: { p99: 50 ms } }
`;

describe('a scenario that names a calibration per model', () => {
  const files = {
    './train.calib.json': calibration({ gemmPeakEfficiency: 0.8 }),
    './serve.calib.json': calibration({ decodeComputeEfficiency: 0.2 }, 5, 'serving'),
    './links.calib.json': calibration({ scaleOut: 0.5, scaleUp: 0.5 }, 5, 'collectives'),
  };
  it('plans each workload with its own model’s calibration, and cites it', () => {
    const r = loadScenario(serving, 's.yaml', (p) => files[p as keyof typeof files]);
    if (!r.ok) throw new Error(r.refusal.diagnostics.map(formatDiagnostic).join('; '));
    const sv = r.value.servings[0]!;
    expect(sv.calibrated?.constants.decodeComputeEfficiency).toBe(0.2);
    expect(sv.calibrated?.source.title).toMatch(/^calibrated on ours\.json \(\.\/serve\.calib\.json/);
    const t = r.value.trainings[0]!;
    expect(t.calibration?.model).toBe('training');
    expect(t.collectivesCalibration?.constants.scaleOut).toBe(0.5);
    const p = planTraining(t);
    if (!p.ok) throw new Error(p.message);
    expect(p.plan.figures.stepTime!.sources.map((x) => x.title).join(' | ')).toMatch(
      /ours\.json \(\.\/train\.calib\.json.*\| calibrated on ours\.json \(\.\/links\.calib\.json/,
    );
  });
  it('refuses two files for one model, and constants of another model', () => {
    const two = loadScenario(serving.replace('./links.calib.json', './serve2.calib.json'), 's.yaml', (p) =>
      p === './serve2.calib.json' ? files['./serve.calib.json'] : files[p as keyof typeof files],
    );
    expect(!two.ok && formatDiagnostic(two.refusal.diagnostics[0]!)).toMatch(
      /calibration\[2\]: '\.\/serve2\.calib\.json' and '\.\/serve\.calib\.json' both calibrate the serving model/,
    );
    const wrong = loadScenario(serving, 's.yaml', (p) =>
      p === './serve.calib.json'
        ? calibration({ gemmPeakEfficiency: 0.8 }, 5, 'serving')
        : files[p as keyof typeof files],
    );
    expect(!wrong.ok && formatDiagnostic(wrong.refusal.diagnostics[0]!)).toMatch(
      /is not a constant aidc calibrate fits for the serving model \(decodeComputeEfficiency/,
    );
  });
});
