import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../examples.js';
import { readBundled } from '../scenario/bundled-files.js';
import { answer } from './answer.js';

const chat = EXAMPLES.find((e) => e.id === 'llama3-70b-chat')!.yaml;

describe("the engine worker's answers", () => {
  it('reports progress for a serving plan: often, never back, ending at 1, before the answer', () => {
    const seen: number[] = [];
    const a = answer({ id: 1, kind: 'plan', yaml: chat }, (f) => seen.push(f));
    expect(a.kind).toBe('plan');
    if (a.kind !== 'plan') return;
    expect(a.result.ok).toBe(true);
    expect(seen.length).toBeGreaterThan(20);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
    expect(seen[0]!).toBeGreaterThanOrEqual(0);
    expect(seen.at(-1)).toBe(1);
  });
});

describe('files the user adds', () => {
  const bundled = EXAMPLES.find((e) => e.id === 'llama3-70b-calibrated')!.yaml;
  const named = bundled.replace('./calibration/our-step-times.calib.json', './ours.calib.json');
  const plan = (yaml: string, files?: Record<string, string>) => {
    const a = answer({ id: 1, kind: 'plan', yaml, ...(files ? { files } : {}) }, () => {});
    if (a.kind !== 'plan') throw new Error(a.kind);
    return a.result;
  };
  it('are read by the name the scenario gives, beside the bundled ones', () => {
    const own = plan(bundled);
    if (!own.ok) throw new Error('the bundled calibration did not plan');
    // The same calibration, added by the user under another name.
    const theirs = {
      ...JSON.parse(readBundled('./calibration/our-step-times.calib.json')!),
      measurements: 'ours.json',
    };
    const added = plan(named, { 'ours.calib.json': JSON.stringify(theirs) });
    if (!added.ok) throw new Error('the added calibration did not plan');
    expect(added.plan.training!.figures.stepTime!.sources[0]!.title).toMatch(/^calibrated on ours\.json/);
    expect(added.plan.training!.best.stepTimeS).toBeCloseTo(own.plan.training!.best.stepTimeS, 9);
  });
  it('are missed with a message that says how to add them', () => {
    const r = plan(named);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal.diagnostics[0]!.message).toMatch(
      /the files you add \(Add a file\); add it, or plan with the CLI/,
    );
  });
});
