import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../explain/refusal.js';
import { loadScenario } from './load.js';

const GOOD = `name: test
hardware:
  accelerator: h100-sxm
  gpus: 64
workloads:
  - train:
      model: llama-3-8b
      tokens: 1T
      seqLen: 8192
      globalBatch: 4M tokens
`;

function problems(text: string): string[] {
  const r = loadScenario(text, 'x.yaml');
  return r.ok ? [] : r.refusal.diagnostics.map(formatDiagnostic);
}

describe('loadScenario', () => {
  it('locates a TP that does not divide the attention heads, in training and in serving', () => {
    const train = problems(`${GOOD}      parallelism: { tp: 3 }\n`);
    expect(train.some((p) => /workloads\[0\]\.train\.parallelism\.tp: TP 3 does not divide/.test(p))).toBe(
      true,
    );
    const serve = problems(
      GOOD.replace(
        /- train:[\s\S]*$/,
        '- serve: { model: llama-3-8b, traffic: { rate: 1 }, parallelism: { tp: 3 } }\n',
      ),
    );
    expect(serve.some((p) => /workloads\[0\]\.serve\.parallelism\.tp: TP 3 does not divide/.test(p))).toBe(
      true,
    );
  });
  it('loads a scenario and parses its units once', () => {
    const r = loadScenario(GOOD, 'x.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const t = r.value.trainings[0]!;
    expect(t.job.tokens).toBe(1e12);
    expect(t.job.globalBatch).toBe(512);
    expect(t.job.scaleOutBytesPerS).toBe(50e9);
  });
  it('points at a wrong type with line, column, path, found and expected', () => {
    expect(problems(GOOD.replace('gpus: 64', 'gpus: lots'))).toEqual([
      expect.stringMatching(/^x\.yaml:4:9: hardware\.gpus: found "lots", expected auto or a count/),
    ]);
  });
  it('refuses a negative GPU count', () => {
    expect(problems(GOOD.replace('gpus: 64', 'gpus: -8'))[0]).toMatch(
      /x\.yaml:4:9: hardware\.gpus: found -8/,
    );
  });
  it('names an unknown accelerator and suggests the closest', () => {
    expect(problems(GOOD.replace('h100-sxm', 'h100-sxn'))[0]).toMatch(
      /x\.yaml:3:16: hardware\.accelerator: unknown accelerator 'h100-sxn'; did you mean 'h100-sxm'/,
    );
  });
  it('points at an unknown field itself', () => {
    expect(problems(GOOD.replace('  gpus: 64', '  gpus: 64\n  gpu: 8'))[0]).toMatch(
      /x\.yaml:5:3: hardware\.gpu: unknown field 'gpu'/,
    );
  });
  it('reports a missing field at its parent', () => {
    expect(problems(GOOD.replace('      tokens: 1T\n', ''))[0]).toMatch(
      /x\.yaml:7:7: workloads\[0\]\.train\.tokens: expected the run's tokens: give train\.tokens or train\.phases/,
    );
  });
  it('refuses a layout whose product is not the GPU count', () => {
    const text = `${GOOD}      parallelism: { tp: 8, pp: 4, dp: 4, cp: 1 }\n`;
    expect(problems(text)[0]).toMatch(
      /x\.yaml:11:20: workloads\[0\]\.train\.parallelism: TP × PP × CP × DP = 128 is not the GPU count 64/,
    );
  });
  it('locates broken YAML', () => {
    expect(problems('hardware: [1, 2\n')[0]).toMatch(/^x\.yaml:\d+:\d+: \(top level\): not valid YAML/);
  });
  it('reads JSON too', () => {
    const json = JSON.stringify({
      hardware: { accelerator: 'a100-sxm-80gb', gpus: 8 },
      workloads: [{ train: { model: 'llama-3-8b', tokens: '1B', seqLen: 2048, globalBatch: 64 } }],
    });
    expect(loadScenario(json, 'x.json').ok).toBe(true);
  });
  it('refuses a number format the accelerator lacks', () => {
    const text = GOOD.replace('h100-sxm', 'a100-sxm-80gb').replace(
      'globalBatch: 4M tokens',
      'globalBatch: 64\n      precision: fp8',
    );
    expect(problems(text)[0]).toMatch(/precision: .*no fp8/);
  });
  it('imports a Hugging Face config through the file reader', () => {
    const text = GOOD.replace('model: llama-3-8b', 'model: { hf: ./c.json }');
    const cfg = JSON.stringify({
      num_hidden_layers: 2,
      hidden_size: 256,
      num_attention_heads: 4,
      vocab_size: 1000,
      intermediate_size: 512,
      model_type: 'llama',
    });
    const r = loadScenario(text, 'x.yaml', (p) => (p === './c.json' ? cfg : undefined));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.trainings[0]!.job.model.ffn).toBe('swiglu');
    expect(problems(text)[0]).toMatch(/model\.hf: cannot read '\.\/c\.json'/);
  });
});

describe('serving traffic from a trace', () => {
  const serve = (traffic: string) => `hardware: { system: dgx-h100, gpus: 8 }
workloads:
  - serve:
      model: llama-3.1-8b
      traffic: ${traffic}
`;
  const csv = 'arrival_s,input_tokens,output_tokens\n0,100,10\n0.5,200,20\n1.0,300,30\n';
  it('reads a trace and takes its rate and lengths as defaults', () => {
    const r = loadScenario(serve('{ trace: ./t.csv }'), 'x.yaml', (p) => (p === './t.csv' ? csv : undefined));
    if (!r.ok) throw new Error(r.refusal.diagnostics.map((d) => d.message).join('; '));
    const t = r.value.servings[0]!.traffic;
    expect(t.rate).toBe(2);
    expect(t.input.mean).toBe(200);
    expect(t.trace?.timesS).toHaveLength(3);
  });
  it('locates a bad trace line', () => {
    const bad = 'arrival_s,input_tokens,output_tokens\n0,100,10\n0.5,lots,20\n';
    const r = loadScenario(serve('{ trace: ./t.csv }'), 'x.yaml', () => bad);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(formatDiagnostic(r.refusal.diagnostics[0]!)).toMatch(
        /x\.yaml:5:\d+: workloads\[0\]\.serve\.traffic\.trace: '\.\/t\.csv': line 3: expected three numbers/,
      );
    // A file the scenario names is data, not a scenario: its contents are never echoed.
    if (!r.ok) expect(r.refusal.diagnostics[0]!.message).not.toContain('lots');
  });
  it('asks for a rate and lengths without a trace', () => {
    const r = loadScenario(serve('{ rate: 5 req/s }'), 'x.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.diagnostics[0]!.message).toMatch(/give rate, input and output, or a trace/);
  });
});
