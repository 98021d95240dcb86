import { planTraining, sweepGpus, type TrainingPlan } from '@aidc/core';
import { UserError } from '../errors.js';
import { readScenario, writeOut } from '../io.js';
import { renderPlan, renderSweep } from '../render/plan-text.js';
import { progress } from '../render/progress.js';

export interface TrainOptions {
  readonly json?: boolean;
  readonly explain?: boolean;
  readonly gpus?: string;
  readonly top?: string;
}

export function parseGpuList(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const counts = parts.map((p) => Number(p));
  const bad = parts.find((p, i) => !/^\d+$/.test(p) || !(counts[i]! > 0));
  if (bad !== undefined)
    throw new UserError(
      `--gpus: found '${bad}', expected a comma-separated list of positive whole numbers, e.g. 64,128,256`,
    );
  return counts;
}

function parseTop(text: string | undefined): number {
  if (text === undefined) return 4;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 100)
    throw new UserError(`--top: found '${text}', expected a whole number from 0 to 100`);
  return n;
}

export function trainCommand(file: string, opts: TrainOptions): void {
  const scenario = readScenario(file);
  const alternatives = parseTop(opts.top);
  if (opts.gpus !== undefined) {
    const counts = parseGpuList(opts.gpus);
    const sweeps = scenario.trainings.map((t) => {
      const bar = progress(`sweeping ${t.name}`);
      const rows = sweepGpus(t, counts, { onProgress: bar.update });
      bar.done();
      return { name: t.name, rows };
    });
    writeOut(
      opts.json
        ? JSON.stringify({ sweeps }, null, 2)
        : sweeps.map((s) => renderSweep(s.name, s.rows)).join('\n\n'),
    );
    return;
  }
  const plans: TrainingPlan[] = [];
  for (const t of scenario.trainings) {
    const bar = progress(`searching layouts for ${t.name}`);
    const r = planTraining(t, { alternatives, onProgress: bar.update });
    bar.done();
    if (!r.ok) throw new UserError(`${file}: ${t.path.join('.')}: ${r.message}`);
    plans.push(r.plan);
  }
  writeOut(
    opts.json
      ? JSON.stringify({ format: 'aidc-plan/training@1', plans }, null, 2)
      : plans.map((p) => renderPlan(p, opts.explain === true)).join('\n\n'),
  );
}
