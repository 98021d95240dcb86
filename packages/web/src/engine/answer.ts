import {
  chooseClusterSize,
  loadScenario,
  operateText,
  planServings,
  planText,
  servingLoadCurve,
  sweepDatacenter,
} from '@aidc/core';
import { pageRefusal, readerWith } from '../scenario/bundled-files.js';
import type { EngineAnswer, EngineRequest } from './contract.js';

const FILE = 'scenario.yaml';

/** What the engine worker answers a request, telling `progress` the fraction done (0..1, monotone)
 * as it goes: plans (serving fleets' capacity searches and the training search), sweeps and the
 * load curve's serving plan. Kept apart from the worker's messaging so it runs under test. */
export function answer(req: EngineRequest, progress: (fraction: number) => void): EngineAnswer {
  // The page lends the files its examples name and those the user added; any other is refused.
  const read = readerWith(req.files);
  if (req.kind === 'plan') {
    const t0 = performance.now();
    const planned = planText(req.yaml, FILE, read, { onProgress: progress });
    const result = planned.ok ? planned : { ok: false as const, refusal: pageRefusal(planned.refusal) };
    return { kind: 'plan', result, ms: performance.now() - t0 };
  }
  const loaded = loadScenario(req.yaml, FILE, read);
  if (!loaded.ok) return { kind: 'unavailable', why: 'the scenario has problems' };
  const s = loaded.value;
  if (req.kind === 'sweep') {
    const t = s.trainings[0];
    if (!t || !s.datacenter) return { kind: 'unavailable', why: 'no train workload to size' };
    const rows = sweepDatacenter(t, s.datacenter, req.gpuCounts, { onProgress: progress });
    return { kind: 'sweep', rows, choice: chooseClusterSize(rows, t.deadlineS, s.datacenter.cost.budget) };
  }
  if (req.kind === 'operate') {
    if (!s.operations) return { kind: 'unavailable', why: 'no operations section' };
    const r = operateText(req.yaml, FILE, read, progress);
    if (!r.ok)
      return { kind: 'unavailable', why: r.refusal.diagnostics[0]?.message ?? 'the simulation was refused' };
    return { kind: 'operate', operations: r.operations };
  }
  const sv = s.servings[req.serving];
  if (!sv) return { kind: 'unavailable', why: 'no serve workload' };
  const planned = planServings({ ...s, servings: [sv] }, { onProgress: progress });
  if (!planned.ok) return { kind: 'unavailable', why: planned.message };
  const best = planned.plans[0]!.best;
  return { kind: 'loadCurve', points: servingLoadCurve(sv, best, req.ratesPerReplica) };
}
