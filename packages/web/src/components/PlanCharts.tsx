import type { DatacenterPlan, DatacenterSweepRow, LoadPoint, ServingPlan } from '@aidc/core';
import { type Bar, Bars, PALETTE } from '../charts/Bars.js';
import { FabricDiagram } from '../charts/FabricDiagram.js';
import { LineChart } from '../charts/LineChart.js';
import { bytes, count, kw, ms, usd } from './format.js';

type OkRow = Extract<DatacenterSweepRow, { ok: true }>;

/** Time, cost and efficiency against cluster size: where more GPUs stop paying back. */
export function ScalingCharts({
  rows,
  chosen,
}: {
  readonly rows: readonly DatacenterSweepRow[];
  readonly chosen: number | null;
}) {
  const ok = rows.filter((r): r is OkRow => r.ok);
  if (ok.length < 2) return <p className="muted">Too few cluster sizes plan to draw the curve.</p>;
  const base = ok[0]!;
  const mark = chosen !== null ? { x: chosen, label: `chosen: ${chosen}` } : undefined;
  const efficiency = ok.map((r) => ({ x: r.gpus, y: base.wallClockS / r.wallClockS / (r.gpus / base.gpus) }));
  return (
    <div className="chart-grid">
      <LineChart
        title="Wall-clock time against cluster size"
        xLabel="GPUs"
        yLabel="days"
        logX
        series={[
          {
            name: 'wall-clock (with failures)',
            color: PALETTE[0]!,
            points: ok.map((r) => ({ x: r.gpus, y: r.wallClockS / 86400 })),
          },
        ]}
        formatX={count}
        {...(mark ? { markX: mark } : {})}
      />
      <LineChart
        title="Cost of the run against cluster size"
        xLabel="GPUs"
        yLabel="USD (millions)"
        logX
        series={[
          {
            name: 'run cost (owned)',
            color: PALETTE[1]!,
            points: ok.map((r) => ({ x: r.gpus, y: r.runCostUsd / 1e6 })),
          },
        ]}
        formatX={count}
        {...(mark ? { markX: mark } : {})}
      />
      <LineChart
        title="Efficiency against cluster size"
        xLabel="GPUs"
        yLabel="fraction"
        logX
        series={[
          { name: `scaling efficiency vs ${count(base.gpus)} GPUs`, color: PALETTE[2]!, points: efficiency },
          {
            name: 'goodput (failures, checkpoints)',
            color: PALETTE[4]!,
            points: ok.map((r) => ({ x: r.gpus, y: r.goodput })),
            dashed: true,
          },
        ]}
        formatX={count}
        formatY={(v) => v.toFixed(2)}
        {...(mark ? { markX: mark } : {})}
      />
    </div>
  );
}

const STEP_PARTS: readonly [string, string][] = [
  ['compute', 'compute'],
  ['recompute', 'recompute'],
  ['bubble', 'pipeline bubble'],
  ['tensorParallelExposed', 'TP comm (exposed)'],
  ['contextParallelExposed', 'CP comm (exposed)'],
  ['expertParallelExposed', 'EP comm (exposed)'],
  ['pipelineExposed', 'PP comm (exposed)'],
  ['dataParallelExposed', 'DP comm (exposed)'],
  ['optimizer', 'optimizer'],
  ['stepOverhead', 'step overhead'],
];

const MEMORY_PARTS: readonly [string, string][] = [
  ['memoryWeights', 'weights'],
  ['memoryGradients', 'gradients'],
  ['memoryOptimizer', 'optimizer state'],
  ['memoryActivations', 'activations'],
  ['memoryCommBuffers', 'comm buffers'],
];

function parts(figures: DatacenterPlan['figures'], list: readonly [string, string][]): Bar[] {
  return list.map(([k, label]) => ({ label, value: figures[k]?.value ?? 0 }));
}

/** Every chart of one plan. */
export function PlanCharts({
  plan,
  loadCurves,
}: {
  readonly plan: DatacenterPlan;
  readonly loadCurves: readonly (readonly LoadPoint[] | undefined)[];
}) {
  const t = plan.training;
  const byCategory = new Map<string, number>();
  for (const l of plan.cost.lines) byCategory.set(l.category, (byCategory.get(l.category) ?? 0) + l.totalUsd);
  const topItems = [...plan.cost.lines].sort((a, b) => b.totalUsd - a.totalUsd).slice(0, 8);
  return (
    <div className="chart-grid">
      {t && (
        <Bars
          title={`Step time: ${ms(t.best.stepTimeS)} per step`}
          bars={parts(t.figures, STEP_PARTS)}
          format={ms}
          shares
        />
      )}
      {t && (
        <Bars
          title="Memory per GPU against its capacity"
          bars={parts(t.figures, MEMORY_PARTS)}
          format={bytes}
          limit={{
            value: t.figures.memoryUsable?.value ?? t.best.usableMemoryBytes,
            label: `usable ${bytes(t.best.usableMemoryBytes)}`,
          }}
        />
      )}
      <Bars
        title={`Capital cost by category: ${usd(plan.cost.hardwareCapexUsd + plan.cost.facilityCapexUsd)}`}
        bars={[...byCategory].map(([label, value]) => ({ label, value }))}
        format={usd}
        shares
      />
      <Bars
        title="The largest cost items"
        bars={topItems.map((l) => ({
          label: l.name.length > 24 ? `${l.name.slice(0, 23)}…` : l.name,
          value: l.totalUsd,
        }))}
        format={usd}
      />
      <Bars
        title={`Power per rack: ${plan.power.computeRacks} compute racks`}
        bars={[{ label: 'one compute rack', value: plan.power.rackPowerW }]}
        format={kw}
        limit={{ value: plan.power.rackLimitW, label: `limit ${kw(plan.power.rackLimitW)}` }}
      />
      <Bars
        title={`IT power by part: ${kw(plan.power.itW)}, facility ${kw(plan.power.facilityW)} at PUE ${plan.power.pue}`}
        bars={[
          { label: 'compute', value: plan.power.computeW },
          { label: 'network', value: plan.power.networkW },
          { label: 'storage', value: plan.power.storageW },
        ]}
        format={kw}
        shares
      />
      <FabricDiagram plan={plan} />
      {plan.serving.map((s, i) => (
        <LatencyCharts key={s.name} serving={s} points={loadCurves[i]} />
      ))}
    </div>
  );
}

/** Latency against load for one replica of a serving fleet, with the objectives and the planned load. */
export function LatencyCharts({
  serving,
  points,
}: {
  readonly serving: ServingPlan;
  readonly points: readonly LoadPoint[] | undefined;
}) {
  if (!points) return <p className="muted">Simulating latency against load for {serving.name}…</p>;
  const planned = serving.traffic.ratePerS / serving.best.replicas;
  const served = points.filter((p) => p.dropped === 0);
  const mark = { x: planned, label: `planned ${planned.toFixed(2)} req/s` };
  const ttftTarget = serving.slo.ttft?.p99;
  const tpotTarget = serving.slo.tpot?.p99;
  return (
    <>
      <LineChart
        title="Time to first token against load"
        xLabel="requests/s per replica"
        yLabel="ms"
        series={[
          {
            name: 'TTFT p50',
            color: PALETTE[0]!,
            points: served.map((p) => ({ x: p.ratePerReplica, y: p.ttftS.p50 * 1000 })),
          },
          {
            name: 'TTFT p99',
            color: PALETTE[3]!,
            points: served.map((p) => ({ x: p.ratePerReplica, y: p.ttftS.p99 * 1000 })),
          },
        ]}
        formatX={(v) => v.toFixed(1)}
        markX={mark}
        {...(ttftTarget !== undefined ? { markY: { y: ttftTarget * 1000, label: 'p99 objective' } } : {})}
      />
      <LineChart
        title="Time per output token against load"
        xLabel="requests/s per replica"
        yLabel="ms"
        series={[
          {
            name: 'TPOT p50',
            color: PALETTE[1]!,
            points: served.map((p) => ({ x: p.ratePerReplica, y: p.tpotS.p50 * 1000 })),
          },
          {
            name: 'TPOT p99',
            color: PALETTE[2]!,
            points: served.map((p) => ({ x: p.ratePerReplica, y: p.tpotS.p99 * 1000 })),
          },
        ]}
        formatX={(v) => v.toFixed(1)}
        markX={mark}
        {...(tpotTarget !== undefined ? { markY: { y: tpotTarget * 1000, label: 'p99 objective' } } : {})}
      />
    </>
  );
}
