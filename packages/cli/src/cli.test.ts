import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatRefusal, planText } from '@aidc/core';
import { describe, expect, it } from 'vitest';

// End to end: the built CLI, as a user runs it from the repository root.
const ROOT = new URL('../../../', import.meta.url).pathname;
const MAIN = join(ROOT, 'packages/cli/dist/main.js');

function aidc(...args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function scenarioFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'aidc-'));
  const f = join(dir, 'bad.yaml');
  writeFileSync(f, text);
  return f;
}

const GOOD = `hardware:
  accelerator: h100-sxm
  gpus: 64
workloads:
  - train:
      model: llama-3-8b
      tokens: 1T
      seqLen: 8192
      globalBatch: 512
`;

const examples = readdirSync(join(ROOT, 'examples')).filter((f) => /\.ya?ml$/.test(f));
const hasWorkload = (f: string, kind: 'train' | 'serve') =>
  new RegExp(`^\\s*- ${kind}:`, 'm').test(readFileSync(join(ROOT, 'examples', f), 'utf8'));
const trainExamples = examples.filter((f) => hasWorkload(f, 'train'));
const serveExamples = examples.filter((f) => hasWorkload(f, 'serve'));

describe('aidc train', () => {
  it.each(trainExamples)('plans examples/%s', (f) => {
    const r = aidc('train', `examples/${f}`);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Best layout: TP\d+ PP\d+ DP\d+/);
    const json = aidc('train', `examples/${f}`, '--json');
    expect(json.code).toBe(0);
    expect(json.out).not.toMatch(/NaN|Infinity|null,\s*"unit"/);
    const plan = JSON.parse(json.out);
    expect(plan.format).toBe('aidc-plan/training@1');
    expect(plan.plans[0].best.stepTimeS).toBeGreaterThan(0);
  });
  it('explains each figure with formula, inputs and sources', () => {
    const r = aidc('train', 'examples/llama3-405b-h100.yaml', '--explain');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/stepTime = .*\n {2}formula: .*\n {2}inputs: /);
    expect(r.out).toMatch(/source: fitted on validation\/training\.json/);
  });
  it('sweeps cluster sizes', () => {
    const r = aidc('train', 'examples/llama3-8b-h100-fp8.yaml', '--gpus', '8,16,32,64');
    expect(r.code).toBe(0);
    // nodes, then GPUs: one row per size in the curve, one in the table of what the formula leaves out
    expect(r.out.split('\n').filter((l) => /^\s*(1|2|4|8)\s+(8|16|32|64)\s/.test(l))).toHaveLength(4);
    expect(r.out).toMatch(/naive formula T = P\/\(N·C\) \+ D\/B/);
  });
});

describe('aidc serve', () => {
  it('has serving examples', () => {
    expect(serveExamples.length).toBeGreaterThan(0);
  });
  it.each(serveExamples)('plans the serving deployment of examples/%s', (f) => {
    const r = aidc('serve', `examples/${f}`);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Best deployment: \d+ replicas of (TP\d+|DP\d+ EP\d+)[^=]* = \d+ GPUs/);
    const json = JSON.parse(aidc('serve', `examples/${f}`, '--json').out);
    expect(json.format).toBe('aidc-plan/serving@1');
    const best = json.plans[0].best;
    expect(best.gpus).toBe(best.replicas * best.gpusPerReplica);
  });
  it('shows its progress advancing while it searches (forced through a pipe by AIDC_PROGRESS=1)', () => {
    const f = scenarioFile(`hardware: { system: dgx-h100, gpus: auto }
workloads:
  - serve:
      model: llama-3.1-8b
      weights: fp8
      traffic: { rate: 5 req/s, input: { mean: 1000 }, output: { mean: 200 } }
      slo: { ttft: { p99: 1 s }, tpot: { p99: 50 ms } }
`);
    for (const command of ['serve', 'plan']) {
      const r = spawnSync(process.execPath, [MAIN, command, f, '--allow-outside'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, CI: '1', AIDC_PROGRESS: '1' },
      });
      expect(r.status).toBe(0);
      const pcts = [...r.stderr.matchAll(/\] (\d+)%/g)].map((m) => Number(m[1]));
      expect(pcts.length).toBeGreaterThan(5);
      expect(pcts).toEqual([...pcts].sort((a, b) => a - b));
      expect(pcts.some((p) => p > 0 && p < 100)).toBe(true);
    }
  });
  it('refuses a scenario with no serve workload', () => {
    const r = aidc('serve', 'examples/llama3-8b-h100-fp8.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no serve workload/);
  });
});

describe('aidc plan', () => {
  it.each(examples)('plans the site of examples/%s, writing JSON, CSV and HTML', (f) => {
    const dir = mkdtempSync(join(tmpdir(), 'aidc-plan-'));
    const r = aidc(
      'plan',
      `examples/${f}`,
      '--csv',
      join(dir, 'bom.csv'),
      '--html',
      join(dir, 'report.html'),
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Site plan: \d+ × .*, \d+ GPUs/);
    const csv = readFileSync(join(dir, 'bom.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('category,item,name,count,unit,unit_usd,total_usd,price_date,source');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toMatch(/<svg /);
    expect(html).not.toMatch(/<script|<link |src="http/);
    const json = JSON.parse(aidc('plan', `examples/${f}`, '--json').out);
    expect(json.format).toBe('aidc-plan/datacenter@1');
    expect(JSON.stringify(json)).not.toMatch(/NaN|Infinity/);
  });
  it('compares cluster sizes and chooses one', () => {
    const r = aidc('plan', 'examples/llama3-8b-h100-fp8.yaml', '--gpus', '8..64');
    expect(r.out.split('\n').filter((l) => /^\s*(8|16|32|64)\s/.test(l))).toHaveLength(4);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Choice: \d+ GPUs/);
  });
});

describe('aidc on bad input: exit 2, located, no stack trace, nothing on stdout', () => {
  const cases: [string, string, RegExp][] = [
    ['a wrong type', GOOD.replace('gpus: 64', 'gpus: [64]'), /bad\.yaml:3:9: hardware\.gpus: found a list/],
    [
      'an unknown accelerator',
      GOOD.replace('h100-sxm', 'h100-sxmm'),
      /bad\.yaml:2:16: hardware\.accelerator: unknown accelerator 'h100-sxmm'; did you mean 'h100-sxm'/,
    ],
    [
      'a negative GPU count',
      GOOD.replace('gpus: 64', 'gpus: -64'),
      /bad\.yaml:3:9: hardware\.gpus: found -64, expected a GPU count/,
    ],
    [
      'a layout whose product is not the GPU count',
      `${GOOD}      parallelism: { tp: 8, pp: 2, dp: 2, cp: 1 }\n`,
      /bad\.yaml:10:20: workloads\[0\]\.train\.parallelism: TP × PP × CP × DP = 32 is not the GPU count 64/,
    ],
    [
      'a model that fits nowhere',
      GOOD.replace('llama-3-8b', 'llama-3.1-405b').replace('gpus: 64', 'gpus: 8').replace('512', '8'),
      /bad\.yaml:6:7: workloads\[0\]\.train: no layout fits in memory .* over the usable/,
    ],
    ['broken YAML', 'hardware: {accelerator: h100-sxm\n', /bad\.yaml:\d+:\d+: \(top level\): not valid YAML/],
    [
      'an unknown system',
      GOOD.replace('accelerator: h100-sxm', 'system: dgx-h10'),
      /bad\.yaml:2:11: hardware\.system: unknown system 'dgx-h10'; did you mean 'dgx-h100'/,
    ],
    [
      'a system and an accelerator that disagree',
      GOOD.replace('accelerator: h100-sxm', 'accelerator: h100-sxm\n  system: dgx-a100'),
      /hardware\.accelerator: system dgx-a100 holds a100-sxm-80gb, not h100-sxm/,
    ],
    [
      'an unknown switch',
      `${GOOD}fabric: { switch: qm9701 }\n`,
      /bad\.yaml:10:19: fabric\.switch: unknown switch 'qm9701'/,
    ],
    [
      'an unknown grid region',
      `${GOOD}site: { region: us-txx }\n`,
      /bad\.yaml:10:17: site\.region: unknown grid region 'us-txx'; did you mean 'us-tx'/,
    ],
    [
      'a price for nothing the plan buys',
      `${GOOD}cost: { prices: { dgx-h10: 1 } }\n`,
      /cost\.prices\.dgx-h10: unknown price item 'dgx-h10'; did you mean 'dgx-h100'/,
    ],
    [
      'a price that is not money',
      `${GOOD}cost: { prices: { dgx-h100: cheap } }\n`,
      /cost\.prices\.dgx-h100: found "cheap", expected a sum of money/,
    ],
  ];
  it.each(cases)('%s', (_, text, message) => {
    const r = aidc('train', scenarioFile(text));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
  it('federated rounds that would almost never complete, at the field, with the over-commitment that would', () => {
    const text = readFileSync(join(ROOT, 'examples/bert-federated.yaml'), 'utf8').replace(
      /secureAggregation: secagg/,
      'secureAggregation: secagg\n        dropout: 0.5',
    );
    const r = aidc('plan', scenarioFile(text));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      /bad\.yaml:\d+:\d+: workloads\[0\]\.train\.federated\.overcommit: 50% dropout of 1300 selected clients reaches K = 1000 in < 0\.01% of rounds: select more clients \(overcommit ≥ 2\.11/,
    );
  });
  it('a missing file', () => {
    const r = aidc('train', 'examples/nope.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/examples\/nope\.yaml: cannot read: no such file/);
  });
  it('an unknown command or option', () => {
    expect(aidc('trian').code).toBe(2);
    expect(aidc('train', 'examples/llama3-405b-h100.yaml', '--gpus', '64,x').err).toMatch(
      /--gpus: found 'x'/,
    );
  });
});

describe('aidc validate', () => {
  it('prints the documented JSON', () => {
    const r = aidc('validate', 'validation/training.json', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(typeof s.mape).toBe('number');
    expect(s.cases.length).toBe(35);
    for (const c of s.cases) {
      expect(typeof c.id).toBe('string');
      expect(Object.keys(c.predicted)).toEqual(Object.keys(c.measured));
      expect(typeof c.errorPct).toBe('number');
    }
  });
  it('prints the table with MAPE and rank correlation', () => {
    const r = aidc('validate', 'validation/training.json');
    expect(r.out).toMatch(/MAPE \d+\.\d+% over 35 scored cases of 35; worst/);
    expect(r.out).toMatch(/Rank correlation/);
  });
  it('scores a memory set: predicted and measured peaks per GPU, parts, unscored cases with why, error by source', () => {
    const r = aidc('validate', 'validation/memory.json');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/torchtune-readme-2411-l32-3b-lora +other +8\.50 +\d+\.\d\d/);
    expect(r.out).toMatch(
      /Not scored \(1\):\n {2}torchtune-readme-2411-l32-3b-baseline: the tokens per sequence are not stated/,
    );
    expect(r.out).toMatch(/Memory MAPE \d+\.\d+% over 49 scored cases of 50/);
    const json = JSON.parse(aidc('validate', 'validation/memory.json', '--json').out);
    expect(json.format).toBe('aidc-validation/memory@1');
    for (const c of json.cases) expect(c.predicted.memoryGiBPerGpu).toBeGreaterThan(0);
  });
  it('says which training cases it could not score and why, and scores the rest', () => {
    const r = aidc('validate', 'validation/training-recipes.json');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/MAPE \d+\.\d+% over \d+ scored cases of 39/);
  });
  it.each(['fabric', 'collectives', 'reliability', 'inference'])(
    'scores validation/%s.json, predicted keys as measured',
    (set) => {
      const r = aidc('validate', `validation/${set}.json`, '--json');
      expect(r.code).toBe(0);
      const s = JSON.parse(r.out);
      for (const c of s.cases)
        expect(Object.keys(c.predicted).sort()).toEqual(Object.keys(c.measured).sort());
      expect(aidc('validate', `validation/${set}.json`).out).toMatch(/measured\s+predicted/);
    },
  );
  it('scores privacy vectors with their own tolerances', () => {
    const all = JSON.parse(
      readFileSync(new URL('../../../validation/privacy.json', import.meta.url), 'utf8'),
    );
    const some = {
      ...all,
      cases: all.cases.filter((c: { id: string }) =>
        ['privacy-01', 'privacy-08', 'privacy-29'].includes(c.id),
      ),
    };
    const r = aidc('validate', scenarioFile(JSON.stringify(some)), '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.checks.length).toBeGreaterThan(15);
    expect(j.checks.every((c: { pass: boolean }) => c.pass)).toBe(true);
    expect(j.worstRelativeError.rdp).toBeLessThan(1e-6);
  });
  it('refuses a file of an unknown format', () => {
    const f = scenarioFile('{"format": "nope", "cases": []}');
    const r = aidc('validate', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/format: found "nope", expected one of 'aidc-validation\/training@1'/);
  });
});

describe('aidc schema and catalog', () => {
  it('exports a JSON Schema for editors', () => {
    const s = JSON.parse(aidc('schema').out);
    expect(s.properties.hardware.properties.gpus).toBeDefined();
  });
  it('prints the field reference with --markdown', () => {
    expect(aidc('schema', '--markdown').out).toMatch(
      /^# Scenario field reference\n[\s\S]*\| `train\.tokens` \|/,
    );
  });
  it('lists the catalogs', () => {
    expect(aidc('catalog', 'accelerators').out).toMatch(/h100-sxm/);
    expect(aidc('catalog', 'models').out).toMatch(/deepseek-v3/);
  });
});

describe('aidc privacy', () => {
  // Opacus's test setting: 90 epochs at q = 0.04, δ = 1e-5.
  const OPACUS = ['--delta', '1e-5', '--sample-rate', '0.04', '--epochs', '90'];
  it('gives ε by every accountant, as the reference libraries do', () => {
    const r = aidc('privacy', '--noise', '1.5', ...OPACUS, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.steps).toBe(2250);
    const by = Object.fromEntries(
      j.results.map((x: { accountant: string; epsilon: number }) => [x.accountant, x.epsilon]),
    );
    expect(by['rdp-opacus']).toBeCloseTo(7.32911117143, 7);
    expect(by.gdp).toBeLessThan(by.prv);
    expect(by.prv).toBeLessThan(by['rdp-opacus']);
  });

  it('solves the noise multiplier for a target ε (Opacus: 1.416 for ε = 8 over 90 epochs at q = 0.04)', () => {
    const r = aidc('privacy', '--epsilon', '8', ...OPACUS, '--accountant', 'rdp-opacus');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/rdp-opacus\s+1\.4160156/);
  });

  it('takes the steps convention and micro-batching explicitly', () => {
    const floor = JSON.parse(
      aidc(
        'privacy',
        '--noise',
        '1.5',
        ...OPACUS,
        '--steps-from-epochs',
        'python-floor-division',
        '--accountant',
        'gdp',
        '--json',
      ).out,
    );
    expect(floor.steps).toBe(2249);
    const micro = JSON.parse(
      aidc(
        'privacy',
        '--noise',
        '0.7',
        '--delta',
        '1e-5',
        '--steps',
        '120',
        '--sample-rate',
        '0.01',
        '--microbatching',
        '--accountant',
        'rdp-dp-accounting',
        '--json',
      ).out,
    );
    expect(micro.effectiveNoiseMultiplier).toBe(0.35);
    expect(micro.results[0].epsilon).toBeCloseTo(22.6248601, 6);
  });

  it('refuses what it cannot answer, with the flag at fault', () => {
    const tiny = ['--sample-rate', '0.1', '--steps', '10'];
    expect(aidc('privacy', '--noise', '1', '--delta', '2', ...tiny).err).toMatch(/--delta: found "2"/);
    expect(aidc('privacy', '--noise', '1', '--epsilon', '1', '--delta', '1e-5', ...tiny).err).toMatch(
      /not both/,
    );
    const r = aidc('privacy', '--noise', '1', '--delta', '1e-5', ...tiny, '--accountant', 'magic');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--accountant: found "magic"/);
  });
});

describe('one refusal, shown the same way by every command', () => {
  it('aidc train, aidc plan and core print the same located refusal with exit code 2', () => {
    const text = GOOD.replace('llama-3-8b', 'llama-3.1-405b').replace('gpus: 64', 'gpus: 8');
    const f = scenarioFile(text);
    const r = planText(text, f);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal.what).toBe('plan');
    const expected = `aidc: ${formatRefusal(r.refusal)}\n`;
    for (const command of ['train', 'plan']) {
      const run = aidc(command, f);
      expect(run.code, command).toBe(2);
      expect(run.err, command).toBe(expected);
    }
  });
});

describe('a long refusal is cut short', () => {
  it('prints the first 100 problems and how many more (issue #11, item 4)', () => {
    const f = scenarioFile(
      `hardware: {system: dgx-h100, gpus: 8}\nworkloads:\n${'- {train: {}}\n'.repeat(200)}`,
    );
    const r = aidc('plan', f);
    expect(r.code).toBe(2);
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toHaveLength(101);
    // Three missing fields each (model, seqLen, globalBatch): 600 problems.
    expect(lines.at(-1)).toBe('… and 500 more problems');
  });
});

describe('aidc plan writes its files as a careful Unix tool does', () => {
  it('writes through /dev/null without replacing it, and refuses an empty file name', () => {
    const ok = aidc('plan', 'examples/llama3-8b-h100-fp8.yaml', '--csv', '/dev/null');
    expect(ok.code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const empty = aidc('plan', 'examples/llama3-8b-h100-fp8.yaml', '--csv', '');
    expect(empty.code).toBe(2);
    expect(empty.err).toBe('aidc: --csv: expected a file name, found an empty one\n');
  });
});

describe('aidc reads only what a scenario should', () => {
  it('refuses a device, a pipe or a directory as the scenario, before opening it', () => {
    for (const path of ['/dev/zero', tmpdir()]) {
      const r = aidc('plan', path);
      expect(r.code, path).toBe(2);
      expect(r.err, path).toMatch(/cannot read: is a (device|directory)/);
    }
  });
  it('keeps references inside the scenario folder unless --allow-outside, and never echoes them', () => {
    const outside = join(mkdtempSync(join(tmpdir(), 'aidc-secret-')), 'config.json');
    writeFileSync(outside, 'root:x:0:0:secret');
    const f = scenarioFile(
      GOOD.replace(
        'model: llama-3-8b',
        `model: { hf: '${join('..', outside.split('/').slice(-2).join('/'))}' }`,
      ),
    );
    const r = aidc('train', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read .*config\.json.*scenario's folder/);
    expect(r.err).not.toContain('root:x');
    const allowed = aidc('train', f, '--allow-outside');
    expect(allowed.code).toBe(2);
    expect(allowed.err).toMatch(/is not JSON/);
    expect(allowed.err).not.toContain('root:x');
  });
});

describe('aidc --gpus is bounded', () => {
  it('refuses a size above the schema cap and a list of more than 64 sizes', () => {
    const big = aidc('train', 'examples/llama3-8b-h100-fp8.yaml', '--gpus', '99999999999');
    expect(big.code).toBe(2);
    expect(big.err).toMatch(/--gpus: found '99999999999', expected whole numbers from 1 to 10,000,000/);
    const many = Array.from({ length: 2000 }, (_, i) => String(8 * (i + 1))).join(',');
    const long = aidc('plan', 'examples/llama3-8b-h100-fp8.yaml', '--gpus', many);
    expect(long.code).toBe(2);
    expect(long.err).toMatch(/--gpus: found 2000 sizes, expected at most 64/);
  });
});

describe('aidc privacy always answers', () => {
  it('refuses a degenerate δ and an unreachable ε with exit code 2 instead of hanging or a stack trace', () => {
    for (const args of [
      ['--epsilon', '8', '--delta', '0.999999'],
      ['--epsilon', '1e308', '--delta', '1e-5'],
      ['--epsilon', '0.01', '--delta', '1e-5'],
    ]) {
      const r = aidc('privacy', ...args, '--sample-rate', '0.04', '--epochs', '90');
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(/^aidc: --accountant [\w-]+: cannot answer: /);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
  it('refuses noise too small for the PLD grid with exit code 2 and why, not "Invalid typed array length"', () => {
    const r = aidc(
      'privacy',
      '--noise',
      '0.001',
      '--delta',
      '1e-5',
      '--sample-rate',
      '0.01',
      '--steps',
      '100',
      '--accountant',
      'pld',
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^aidc: --accountant pld: cannot answer: the PLD accountant's loss grid would need .* points/,
    );
    expect(r.err).not.toMatch(/typed array/);
  });
});

describe('CLI edges (issue #12, item 7)', () => {
  it('prints its version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V'])
      expect(aidc(flag)).toMatchObject({ code: 0, out: `${pkg.version}\n` });
  });
  it('prints memory bandwidth in decimal bytes per second', () => {
    const out = aidc('catalog', 'accelerators').out;
    expect(out).not.toMatch(/BB\/s/);
    expect(out).toMatch(/h100-sxm .* 3\.35 TB\/s/);
  });
  it('says why a batch cannot be shared by so many GPUs, and what to do', () => {
    const f = scenarioFile(GOOD.replace('gpus: 64', 'gpus: 9999999'));
    const r = aidc('train', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/9,999,999 GPUs outnumber those sequences/);
    expect(r.err).toMatch(/Use fewer GPUs/);
  });
  it('names each source of a figure once', () => {
    for (const f of ['llama3-8b-h100-fp8.yaml', 'deepseek-v3-gb200.yaml']) {
      const blocks = aidc('plan', `examples/${f}`, '--explain').out.split('\n\n');
      for (const b of blocks) {
        const sources = b.split('\n').filter((l) => l.startsWith('  source:'));
        expect(new Set(sources).size, b.slice(0, 80)).toBe(sources.length);
      }
    }
  });
  it('shows the sizes it added to choose on, and a choice that does not hang on the list', () => {
    const sparse = aidc('plan', 'examples/bert-100m-rtx2080.yaml', '--gpus', '4,32,128,512').out;
    const dense = aidc('plan', 'examples/bert-100m-rtx2080.yaml', '--gpus', '4..512').out;
    expect(sparse).toMatch(/^ *\+8 /m);
    const choice = (out: string) => /Choice: (\d+) GPUs/.exec(out)?.[1];
    expect(choice(sparse)).toBe(choice(dense));
  });
});

describe('aidc outside the repository (issue #12, item 7)', () => {
  it('packs into one tarball that installs offline and plans from anywhere', () => {
    const out = mkdtempSync(join(tmpdir(), 'aidc-pack-out-'));
    const prefix = mkdtempSync(join(tmpdir(), 'aidc-prefix-'));
    const packed = spawnSync(process.execPath, [join(ROOT, 'scripts/pack-cli.js'), '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = packed.stdout.trim();
    const install = spawnSync('npm', ['install', '-g', '--offline', '--prefix', prefix, tarball], {
      encoding: 'utf8',
    });
    expect(install.status, install.stderr).toBe(0);
    const bin = join(prefix, 'bin', 'aidc');
    const run = (...args: string[]) => spawnSync(bin, args, { cwd: tmpdir(), encoding: 'utf8' });
    const pkg = JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as {
      version: string;
    };
    expect(run('--version').stdout).toBe(`${pkg.version}\n`);
    const plan = run('plan', join(ROOT, 'examples/llama3-8b-h100-fp8.yaml'));
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/Best layout: TP\d/);
  }, 60_000);
});

describe('aidc calibrate', () => {
  it('fits your step times, says how it did on points it left out, and writes the file a scenario names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aidc-cal-'));
    const out = join(dir, 'ours.calib.json');
    const r = aidc('calibrate', 'examples/calibration/our-step-times.json', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(
      /Each point left out in turn, .*MAPE [\d.]+% with the public constants, [\d.]+% calibrated/,
    );
    const cal = JSON.parse(readFileSync(out, 'utf8'));
    expect(cal.format).toBe('aidc-calibration@1');
    expect(cal.points).toBe(5);
    // The committed calibration the example scenario names is what the command writes.
    expect(cal).toEqual(
      JSON.parse(readFileSync(join(ROOT, 'examples/calibration/our-step-times.calib.json'), 'utf8')),
    );
  });
  it('refuses too few points with why, and a file of another format with what it expects', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aidc-cal-'));
    const few = join(dir, 'few.json');
    const set = JSON.parse(readFileSync(join(ROOT, 'examples/calibration/our-step-times.json'), 'utf8'));
    writeFileSync(few, JSON.stringify({ ...set, cases: set.cases.slice(0, 2) }));
    const r = aidc('calibrate', few);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /cannot calibrate on these measurements:\n {2}2 measurements: a calibration needs at least 3/,
    );
    const other = join(dir, 'other.json');
    writeFileSync(other, '{"format": "aidc-validation/memory@1", "cases": []}');
    expect(aidc('calibrate', other).err).toMatch(
      /format: found "aidc-validation\/memory@1", expected one of: step times \(aidc-validation\/training@1, as validation\/training\.json\); serving throughputs/,
    );
  });
});

describe('aidc operate (issue #16, in progress)', () => {
  it('compares placement policies on the 2023 trace, and queue policies over time on generated jobs', () => {
    const t = aidc(
      'operate',
      '--trace',
      'validation/traces/alibaba-v2023-openb_pod_list_multigpu50.csv',
      '--seeds',
      '1',
      '--policies',
      'best-fit,fgd',
    );
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/9061 tasks on 1213 nodes \(6212 GPUs\)/);
    expect(t.out).toMatch(/\nfgd +\d+\.\d+%/);
    const q = aidc('operate', '--cluster', 'Philly', '--gpus', '128', '--jobs', '2000', '--json');
    expect(q.code).toBe(0);
    const rows = JSON.parse(q.out).rows as { queue: string; refused: number }[];
    expect(rows.map((r) => r.queue)).toEqual(['fifo', 'sjf', 'first-fit', 'first-fit']);
    expect(aidc('operate', '--cluster', 'nowhere').err).toMatch(
      /--cluster: found 'nowhere', expected one of Seren/,
    );
    expect(
      aidc(
        'operate',
        '--policies',
        'fgd',
        '--trace',
        'validation/traces/alibaba-v2023-openb_pod_list_default.csv',
        '--seeds',
        'x',
      ).err,
    ).toMatch(/--seeds: found 'x'/);
    const replay = aidc(
      'operate',
      '--trace',
      'validation/traces/alibaba-v2023-openb_pod_list_default.csv',
      '--seeds',
      '1',
      '--policies',
      'fgd',
    );
    expect(replay.code).toBe(0);
    expect(replay.out).toMatch(/Over time: the 7255 tasks the trace started \(897 never started there/);
    expect(replay.out).toMatch(/\nbackfill +fgd /);
  }, 120_000);

  it("simulates a scenario's shared cluster, compares site sizes, and refuses a scenario without operations", () => {
    const r = aidc('operate', 'examples/shared-cluster-bursting.yaml', '--gpus', '384,768', '--json');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out) as {
      format: string;
      policies: { policy: string; jobs: { completed: number } }[];
      sizes: { gpus: number; outcome: { cloud: { spendUsd: number }; ownedCostUsd: number } }[];
    };
    expect(o.format).toBe('aidc-operate/scenario@1');
    expect(o.policies.length).toBeGreaterThanOrEqual(4);
    expect(o.sizes.map((x) => x.gpus)).toEqual([384, 768]);
    // Owning more GPUs costs more and rents less, on the same jobs.
    expect(o.sizes[1]!.outcome.ownedCostUsd).toBeGreaterThan(o.sizes[0]!.outcome.ownedCostUsd);
    expect(o.sizes[1]!.outcome.cloud.spendUsd).toBeLessThan(o.sizes[0]!.outcome.cloud.spendUsd);
    const html = join(mkdtempSync(join(tmpdir(), 'aidc-ops-')), 'ops.html');
    expect(aidc('operate', 'examples/shared-cluster.yaml', '--html', html).code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/<svg role="img" aria-label="GPUs allocated on the site, by policy"/);
    expect(page).toMatch(/Teams and their quotas/);
    // A timeline of a second over three years would take gigabytes: refused at its field.
    const dir = mkdtempSync(join(tmpdir(), 'aidc-ops-'));
    const dense = join(dir, 'dense.yaml');
    writeFileSync(
      dense,
      readFileSync('examples/shared-cluster-bursting.yaml', 'utf8').replace(
        'horizon: 14 days',
        'horizon: 3 years\n  sample: 1 s',
      ),
    );
    const refused = aidc('operate', dense);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(
      /dense\.yaml:\d+:\d+: operations\.sample: expected an interval of at least 947 s/,
    );
    const none = aidc('operate', 'examples/llama3-70b-chat.yaml');
    expect(none.code).not.toBe(0);
    expect(none.err).toMatch(/llama3-70b-chat\.yaml:\d+:\d+.*operations/s);
    expect(none.err).not.toMatch(/at .*\.js:\d+/);
  }, 180_000);
});
