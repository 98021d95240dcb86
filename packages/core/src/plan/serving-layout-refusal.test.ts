// The serving layout knobs a model or an engine cannot take are refused at the knob, with what is
// expected instead, before any planning.
import { describe, expect, it } from 'vitest';
import { loadScenario } from './load.js';

const scenario = (
  model: string,
  engine: string,
  parallelism: string,
) => `hardware: { system: dgx-h100, gpus: auto }
workloads:
  - serve:
      model: ${model}
      engine: ${engine}
      traffic: { rate: 1 req/s, input: { mean: 1000 }, output: { mean: 200 } }
      parallelism: ${parallelism}
`;

function refusal(text: string) {
  const r = loadScenario(text, 'x.yaml');
  if (r.ok) throw new Error('expected a refusal');
  return r.refusal.diagnostics.map((d) => ({
    code: d.code,
    path: d.path.join('.'),
    line: d.line,
    message: d.message,
  }));
}

describe('serving layouts refused at the knob', () => {
  it('refuses expert parallelism and attention DP for a dense model', () => {
    const ds = refusal(scenario('llama-3.1-8b', 'vllm', '{ ep: 8, attentionDp: 8 }'));
    expect(ds.map((d) => [d.code, d.path])).toEqual([
      ['layout-misfit', 'workloads.0.serve.parallelism.ep'],
      ['layout-misfit', 'workloads.0.serve.parallelism.attentionDp'],
    ]);
    expect(ds[0]!.line).toBe(7);
    expect(ds[0]!.message).toMatch(/dense model/);
  });

  it('refuses more EP ranks than routed experts', () => {
    const [d] = refusal(scenario('mixtral-8x7b', 'vllm', '{ ep: 16, attentionDp: 16 }'));
    expect(d).toMatchObject({ code: 'layout-misfit', path: 'workloads.0.serve.parallelism.ep' });
    expect(d!.message).toMatch(/8 routed experts/);
    // EP of the expert count is a layout.
    expect(loadScenario(scenario('mixtral-8x7b', 'vllm', '{ ep: 8, attentionDp: 8 }'), 'x.yaml').ok).toBe(
      true,
    );
  });

  it('refuses redundant experts for a dense model, and without expert parallelism', () => {
    const [dense] = refusal(scenario('llama-3.1-8b', 'vllm', '{ redundantExperts: 8 }'));
    expect(dense).toMatchObject({
      code: 'layout-misfit',
      path: 'workloads.0.serve.parallelism.redundantExperts',
    });
    expect(dense!.message).toMatch(/dense model/);
    const [noEp] = refusal(scenario('deepseek-v3', 'sglang', '{ ep: 1, redundantExperts: 32 }'));
    expect(noEp).toMatchObject({
      code: 'layout-misfit',
      path: 'workloads.0.serve.parallelism.redundantExperts',
    });
    expect(noEp!.message).toMatch(/expected ep above 1/);
    expect(
      loadScenario(
        scenario('deepseek-v3', 'sglang', '{ ep: 72, attentionDp: 72, redundantExperts: 32 }'),
        'x.yaml',
      ).ok,
    ).toBe(true);
  });

  it('refuses what the chosen engine does not offer, naming the engine', () => {
    const [tbo] = refusal(scenario('deepseek-v3', 'trtllm', '{ attentionDp: 8, twoBatchOverlap: true }'));
    expect(tbo).toMatchObject({
      code: 'unsupported-feature',
      path: 'workloads.0.serve.parallelism.twoBatchOverlap',
    });
    expect(tbo!.message).toMatch(/TensorRT-LLM does not offer two-batch overlap in any release/);
    const [pp] = refusal(scenario('deepseek-v3', 'sglang', '{ tp: 8, pp: 2 }'));
    expect(pp).toMatchObject({ code: 'unsupported-feature', path: 'workloads.0.serve.parallelism.pp' });
    expect(pp!.message).toMatch(/SGLang does not offer pipeline-parallel serving/);
  });
});

describe('engine releases', () => {
  const at = (engine: string, version: string, parallelism: string) =>
    scenario('deepseek-v3', engine, parallelism).replace(
      `      engine: ${engine}\n`,
      `      engine: ${engine}\n      engineVersion: '${version}'\n`,
    );
  it('refuses a feature the named release does not have yet, saying when it came', () => {
    const [eplb] = refusal(at('vllm', '0.9.1', '{ ep: 8, attentionDp: 8, redundantExperts: 32 }'));
    expect(eplb).toMatchObject({
      code: 'unsupported-feature',
      path: 'workloads.0.serve.parallelism.redundantExperts',
    });
    expect(eplb!.message).toMatch(
      /vLLM 0\.9\.1 does not offer redundant expert slots .*: it came in 0\.9\.2/,
    );
    expect(
      loadScenario(at('vllm', '0.9.2', '{ ep: 8, attentionDp: 8, redundantExperts: 32 }'), 'x.yaml').ok,
    ).toBe(true);
    const [adp] = refusal(at('trtllm', '0.18.0', '{ attentionDp: 8 }'));
    expect(adp!.message).toMatch(
      /TensorRT-LLM 0\.18\.0 does not offer attention data parallelism: it came in 0\.19\.0/,
    );
  });
  it('carries the release to the plan, the catalog’s latest when none is named', () => {
    const r = loadScenario(at('sglang', '0.3.6', 'auto'), 'x.yaml');
    if (!r.ok) throw new Error(r.refusal.diagnostics[0]!.message);
    expect(r.value.servings[0]!.engineVersion).toBe('0.3.6');
    const latest = loadScenario(scenario('deepseek-v3', 'sglang', 'auto'), 'x.yaml');
    if (!latest.ok) throw new Error('expected a plan');
    expect(latest.value.servings[0]!.engineVersion).toBe('0.4.7');
  });
  it('refuses a release number that is not one', () => {
    const [d] = refusal(at('vllm', 'latest', 'auto'));
    expect(d).toMatchObject({ path: 'workloads.0.serve.engineVersion' });
  });
});

describe('speculative decoding as the scenario asks it', () => {
  const ask = (model: string, speculative: string) =>
    scenario(model, 'vllm', 'auto').replace(
      '      parallelism: auto\n',
      `      speculative: ${speculative}\n`,
    );
  it('drafts with the MTP module at the DeepSeek-V3 report’s acceptance unless told otherwise', () => {
    const r = loadScenario(ask('deepseek-v3', '{ method: mtp }'), 'x.yaml');
    if (!r.ok) throw new Error(r.refusal.diagnostics[0]!.message);
    const s = r.value.servings[0]!.speculative!;
    expect(s.draftTokens).toBe(1);
    expect(s.acceptanceLength).toBeCloseTo(1.85, 12);
    expect(s.acceptanceSource).toMatch(/DeepSeek-V3 Technical Report/);
    const told = loadScenario(ask('deepseek-v3', '{ method: mtp, tokens: 3, acceptance: 0.7 }'), 'x.yaml');
    if (!told.ok) throw new Error('expected a plan');
    // 1 + 0.7 + 0.49 + 0.343
    expect(told.value.servings[0]!.speculative!.acceptanceLength).toBeCloseTo(2.533, 12);
  });
  it('refuses MTP for a model without the module, and a draft model without its figures', () => {
    expect(refusal(ask('llama-3.3-70b', '{ method: mtp }'))).toMatchObject([
      { code: 'unsupported-feature', path: 'workloads.0.serve.speculative.method' },
    ]);
    expect(refusal(ask('llama-3.3-70b', '{ method: draft, draftModel: llama-3.1-8b }'))).toMatchObject([
      { code: 'missing-field', path: 'workloads.0.serve.speculative.tokens' },
      { code: 'missing-field', path: 'workloads.0.serve.speculative.acceptance' },
    ]);
    expect(refusal(ask('deepseek-v3', '{ method: mtp, draftModel: llama-3.1-8b }'))).toMatchObject([
      { code: 'conflicting-fields', path: 'workloads.0.serve.speculative.draftModel' },
    ]);
  });
  it('refuses a draft model of another vocabulary', () => {
    const [d] = refusal(
      ask('deepseek-v3', '{ method: draft, draftModel: llama-3.1-8b, tokens: 3, acceptance: 0.7 }'),
    );
    expect(d).toMatchObject({ code: 'inconsistent-model', path: 'workloads.0.serve.speculative.draftModel' });
    expect(d!.message).toMatch(/same tokenizer/);
  });
});
