import { planJson, planTraining, renderPlan, renderSweep, sweepGpus, type TrainingPlan } from '@aidc/core';
import { UserError } from '../errors.js';
import { planFailure, readScenario, writeOut } from '../io.js';
import { progress } from '../render/progress.js';

export interface TrainOptions {
  readonly allowOutside?: boolean;
  readonly json?: boolean;
  readonly explain?: boolean;
  readonly gpus?: string;
  readonly top?: string;
}

/** The most GPUs a size may have: the scenario schema's own cap on hardware.gpus. */
const MAX_SWEEP_GPUS = 10_000_000;
/** The most sizes one sweep plans: each is a whole plan, so a long list is a long wait. */
const MAX_SWEEP_SIZES = 64;

/** "64,128,256" or a doubling range "512..16384" (or both, comma-separated), each size at most
 * MAX_SWEEP_GPUS and at most MAX_SWEEP_SIZES of them. */
export function parseGpuList(text: string): number[] {
  const counts: number[] = [];
  const expected = `expected whole numbers from 1 to ${MAX_SWEEP_GPUS.toLocaleString('en-US')} or doubling ranges, e.g. 64,128,256 or 512..16384`;
  for (const part of text.split(',').map((s) => s.trim())) {
    const range = /^(\d+)\.\.(\d+)$/.exec(part);
    const size = (n: number) => Number.isSafeInteger(n) && n > 0 && n <= MAX_SWEEP_GPUS;
    if (range) {
      const lo = Number(range[1]);
      const hi = Number(range[2]);
      if (size(lo) && size(hi) && hi >= lo) {
        for (let n = lo; n <= hi; n *= 2) counts.push(n);
        continue;
      }
    } else if (/^\d+$/.test(part) && size(Number(part))) {
      counts.push(Number(part));
      continue;
    }
    throw new UserError(`--gpus: found '${part}', ${expected}`);
  }
  if (counts.length > MAX_SWEEP_SIZES)
    throw new UserError(`--gpus: found ${counts.length} sizes, expected at most ${MAX_SWEEP_SIZES}`);
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
  const scenario = readScenario(file, { allowOutside: opts.allowOutside === true });
  if (scenario.trainings.length === 0) {
    throw new UserError(`${file}: no train workload; use aidc serve for serving workloads`);
  }
  const alternatives = parseTop(opts.top);
  if (opts.gpus !== undefined) {
    const counts = parseGpuList(opts.gpus);
    // Every scenario that resolves a training has a site; one GPU per node only if it ever had none.
    const gpusPerNode = scenario.datacenter?.hardware.gpusPerNode ?? 1;
    const sweeps = scenario.trainings.map((t) => {
      const bar = progress(`sweeping ${t.name}`);
      const rows = sweepGpus(t, counts, gpusPerNode, { onProgress: bar.update });
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
    if (!r.ok) throw planFailure(file, { path: t.path, code: r.code, message: r.message });
    plans.push(r.plan);
  }
  writeOut(
    opts.json
      ? planJson('aidc-plan/training@1', { plans })
      : plans.map((p) => renderPlan(p, opts.explain === true)).join('\n\n'),
  );
}
