import { loadScenario, planText } from '@aidc/core';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../examples.js';
import { BUNDLED_FILES, pageRefusal, readBundled } from './bundled-files.js';

describe('the files the page lends the engine', () => {
  it('holds every file a bundled example names, by the path the example gives', () => {
    expect(readBundled('./traces/chat-synthetic.csv')).toMatch(/^\S/);
    expect(readBundled('hf/config.json')).toContain('hidden_size');
    expect(BUNDLED_FILES).toEqual([
      './calibration/our-step-times.calib.json',
      './hf/config.json',
      './traces/chat-synthetic.csv',
    ]);
  });

  it('reads nothing outside the examples', () => {
    expect(readBundled('../package.json')).toBeUndefined();
    expect(readBundled('./traces/../../package.json')).toBeUndefined();
    expect(readBundled('/etc/passwd')).toBeUndefined();
    expect(readBundled('./mine.csv')).toBeUndefined();
  });

  it('lets every bundled example load (the trace example included)', () => {
    const named = EXAMPLES.filter((e) => /\b(trace|hf):/.test(e.yaml));
    expect(named.map((e) => e.id)).toEqual(['hf-import-a100', 'llama3-70b-chat-trace']);
    for (const e of named) {
      const loaded = loadScenario(e.yaml, `${e.id}.yaml`, readBundled);
      expect(loaded.ok ? [] : loaded.refusal.diagnostics, e.id).toEqual([]);
    }
  });

  it('says which files the page holds when a scenario names another, at its place', () => {
    const yaml = EXAMPLES.find((e) => e.id === 'hf-import-a100')!.yaml.replace(
      './hf/config.json',
      './mine.json',
    );
    const r = planText(yaml, 'scenario.yaml', readBundled);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const d = pageRefusal(r.refusal).diagnostics[0]!;
    expect(d.line).toBeGreaterThan(0);
    expect(d.message).toBe(
      "cannot read './mine.json': the page reads only the files bundled with its examples (./calibration/our-step-times.calib.json, ./hf/config.json, ./traces/chat-synthetic.csv) and the files you add (Add a file); add it, or plan with the CLI",
    );
  });
});
