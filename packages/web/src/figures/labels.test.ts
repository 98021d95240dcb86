import { comparePlans, planText } from '@aidc/core';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../examples.js';
import { readBundled } from '../scenario/bundled-files.js';
import { figureLabel, figureWords } from './labels.js';

describe('figures in words', () => {
  it('names every figure a comparison of the training examples shows, with its unit', () => {
    const keys = new Map<string, string>();
    for (const e of EXAMPLES.filter((x) => !/\bserve:/.test(x.yaml))) {
      const r = planText(e.yaml, `${e.id}.yaml`, readBundled);
      if (!r.ok) continue;
      for (const row of comparePlans(r.plan, r.plan)) keys.set(row.key, figureLabel(row.key, row.unit));
    }
    expect(keys.size).toBeGreaterThan(30);
    expect([...keys.keys()].filter((k) => !figureWords(k).known)).toEqual([]);
    for (const label of keys.values()) expect(label).not.toMatch(/^(site|training)\.|[a-z][A-Z]/);
    expect(keys.get('site.hardwareCapex')).toBe('Hardware capital (USD)');
    expect(keys.get('site.gpus')).toBe('GPUs');
    expect(keys.get('training.mfu')).toBe('Training: Model FLOPs utilization (%)');
  });

  it('spells out a figure the table does not know yet, never its field name', () => {
    expect(figureLabel('site.someNewFigure', 'W')).toBe('Some new figure (W)');
  });
});
