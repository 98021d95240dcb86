import type { DatacenterPlan, DatacenterSweepRow, LoadPoint, OperationsPlan } from '@aidc/core';
import { useEffect, useState } from 'react';
import type { PageFiles } from './contract.js';
import { type Engine, Superseded } from './engine.js';

export interface SweepState {
  readonly rows: readonly DatacenterSweepRow[];
  readonly chosen: number | null;
  /** The rule that chose it, in the engine's words (says when the choice is the sweep's edge). */
  readonly why: string | null;
  readonly progress: number;
}

/** The shared cluster simulated under the scenario's policies: running (with its progress) or done. */
export type OperationsState =
  | { readonly kind: 'running'; readonly progress: number }
  | { readonly kind: 'done'; readonly plan: OperationsPlan };

/** Sizes the cluster-size charts plan: enough points to show a curve and where it bends. */
const SWEEP_POINTS = 6;

/**
 * Cluster sizes around the plan's: an eighth to four times, whole nodes of `perNode` GPUs. Where the
 * smaller sizes fall below one node (a plan of a node or two), the sweep goes further up instead, so
 * a small plan still shows SWEEP_POINTS sizes: one node of the seed's BERT sweeps 1 to 32 nodes.
 */
export function sweepCounts(gpus: number, perNode: number): number[] {
  const node = Math.max(1, perNode);
  const around = [0.125, 0.25, 0.5, 1, 2, 4].map((f) => Math.max(node, Math.round((gpus * f) / node) * node));
  const out = [...new Set(around)].sort((a, b) => a - b);
  while (out.length < SWEEP_POINTS) out.push(2 * out[out.length - 1]!);
  return out;
}

/** Loads for the latency curve: from light to half again past the larger of the capacity and the plan. */
export function curveRates(maxRatePerReplica: number, plannedPerReplica: number): number[] {
  const top = Math.max(maxRatePerReplica, plannedPerReplica, 1e-3) * 1.5;
  return [0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 1].map((f) => Number((top * f).toPrecision(4)));
}

/**
 * The heavier pictures of a plan, computed in the engine worker after the plan shows: the cluster-size
 * sweep and each serving fleet's latency against load. A newer plan cancels them.
 */
export function usePlanExtras(
  engine: Engine,
  yaml: string,
  plan: DatacenterPlan | undefined,
  files: PageFiles = {},
) {
  const [sweep, setSweep] = useState<SweepState | undefined>();
  const [loadCurves, setLoadCurves] = useState<readonly (readonly LoadPoint[] | undefined)[]>([]);
  const [operations, setOperations] = useState<OperationsState | undefined>();

  useEffect(() => {
    setSweep(undefined);
    setLoadCurves([]);
    setOperations(undefined);
    if (!plan) return;
    let live = true;
    const ignoreSuperseded = (e: unknown) => {
      if (!(e instanceof Superseded)) console.warn(e);
    };
    if (plan.training) {
      const counts = sweepCounts(plan.gpus.training, plan.site.gpusPerNode);
      setSweep({ rows: [], chosen: null, why: null, progress: 0 });
      engine
        .run(
          { kind: 'sweep', yaml, gpuCounts: counts, files },
          (progress) => live && setSweep({ rows: [], chosen: null, why: null, progress }),
        )
        .then((a) => {
          if (live && a.kind === 'sweep')
            setSweep({
              rows: a.rows,
              chosen: a.choice?.gpus ?? null,
              why: a.choice?.why ?? null,
              progress: 1,
            });
        })
        .catch(ignoreSuperseded);
    }
    // The shared cluster over time, when the scenario has an operations section (the engine says).
    if (/^operations\s*:/m.test(yaml)) {
      setOperations({ kind: 'running', progress: 0 });
      engine
        .run(
          { kind: 'operate', yaml, files },
          (progress) => live && setOperations({ kind: 'running', progress }),
        )
        .then((a) => {
          if (live) setOperations(a.kind === 'operate' ? { kind: 'done', plan: a.operations } : undefined);
        })
        .catch(ignoreSuperseded);
    }
    (async () => {
      for (let i = 0; i < plan.serving.length && live; i++) {
        const s = plan.serving[i]!;
        const rates = curveRates(s.best.maxRatePerReplica, s.traffic.ratePerS / s.best.replicas);
        const a = await engine.run({ kind: 'loadCurve', yaml, serving: i, ratesPerReplica: rates, files });
        if (live && a.kind === 'loadCurve') setLoadCurves((c) => Object.assign([...c], { [i]: a.points }));
      }
    })().catch(ignoreSuperseded);
    return () => {
      live = false;
    };
  }, [engine, yaml, plan, files]);

  return { sweep, loadCurves, operations };
}
