import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse.js';

const scenario = (extra: string) => `name: t
hardware: {system: dgx-h100, gpus: 8}
workloads:
  - train: {model: llama-3-8b, tokens: 1T, seqLen: 8192, globalBatch: 128}
${extra}`;

describe('__proto__ is refused where it stands, never dropped', () => {
  it('under cost.prices, as constructor already was', () => {
    const r = parseScenario(scenario('cost:\n  prices:\n    __proto__: 5\n'), 's.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal.diagnostics).toEqual([
      expect.objectContaining({
        file: 's.yaml',
        line: 7,
        column: 5,
        path: ['cost', 'prices', '__proto__'],
        code: 'reserved-key',
      }),
    ]);
  });

  it('inside a list item and in JSON text', () => {
    const yaml = parseScenario(
      'name: t\nhardware: {system: dgx-h100, gpus: 8}\nworkloads:\n  - {__proto__: {x: 1}, train: {}}\n',
      's.yaml',
    );
    expect(yaml.ok || yaml.refusal.diagnostics[0]).toMatchObject({ path: ['workloads', 0, '__proto__'] });
    const json = parseScenario('{"name": "t", "__proto__": {"polluted": true}}', 's.json');
    expect(json.ok || json.refusal.diagnostics[0]).toMatchObject({
      code: 'reserved-key',
      line: 1,
      column: 15,
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
