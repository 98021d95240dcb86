import {
  formatBytes as bytes,
  formatCount as count,
  type DatacenterPlan,
  type DatacenterSweepRow,
  mw as kw,
  type LoadPoint,
  MEMORY_PARTS,
  ms,
  planParts,
  type ReportPart,
  type ServingPlan,
  STEP_TIME_PARTS,
  usd,
} from '@aidc/core';
import { type Bar, Bars, PALETTE } from '../charts/Bars.js';
import { largestCostItems } from '../charts/cost-items.js';
import { FabricDiagram } from '../charts/FabricDiagram.js';
import { LineChart, type LineChartProps } from '../charts/LineChart.js';
import { timeAxis, usdAxis } from '../charts/units.js';

/** Cost items drawn: the few that make most of the bill, as the CLI's summary lists them. */
const TOP_ITEMS = 8;

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
  const cost = usdAxis(Math.max(...ok.map((r) => r.runCostUsd)));
  const time = timeAxis(Math.max(...ok.map((r) => Math.max(r.wallClockS, r.naiveS ?? 0))));
  const naive = ok.filter((r) => r.naiveS !== null);
  const at = (y: (r: OkRow) => number) => ok.map((r) => ({ x: r.gpus, y: y(r) }));
  const charts: readonly (Pick<LineChartProps, 'title' | 'yLabel' | 'series'> & {
    formatY?: (v: number) => string;
  })[] = [
    {
      // The seed essay's formula beside aidc: the gap is what the formula has no term for.
      title: 'Wall-clock time against cluster size, beside the naive formula',
      yLabel: time.label,
      series: [
        {
          name: 'aidc wall-clock (with failures)',
          color: PALETTE[0]!,
          points: at((r) => r.wallClockS / time.divisor),
        },
        ...(naive.length > 0
          ? [
              {
                name: 'naive T = P/(N·C) + D/B',
                color: PALETTE[3]!,
                points: naive.map((r) => ({ x: r.gpus, y: r.naiveS! / time.divisor })),
              },
            ]
          : []),
      ],
    },
    {
      title: 'Cost of the run against cluster size',
      yLabel: cost.label,
      series: [
        { name: 'run cost (owned)', color: PALETTE[1]!, points: at((r) => r.runCostUsd / cost.divisor) },
      ],
    },
    {
      title: 'Efficiency against cluster size',
      yLabel: 'fraction',
      series: [
        {
          name: `scaling efficiency vs ${count(base.gpus)} GPUs`,
          color: PALETTE[2]!,
          points: at((r) => base.wallClockS / r.wallClockS / (r.gpus / base.gpus)),
        },
        {
          name: 'goodput (failures, checkpoints)',
          color: PALETTE[4]!,
          points: at((r) => r.goodput),
          dashed: true,
        },
      ],
      formatY: (v) => v.toFixed(2),
    },
  ];
  const unpriced = [...new Set(ok.flatMap((r) => r.unpricedItems))];
  return (
    <>
      {unpriced.length > 0 && (
        <p className="warning-note" data-testid="unpriced">
          The costs leave out what has no price: {unpriced.join(', ')}. Give <code>cost.prices</code> for them
          before reading the cost curves.
        </p>
      )}
      <div className="chart-grid">
        {charts.map((c) => (
          <LineChart
            key={c.title}
            {...c}
            xLabel="GPUs"
            logX
            formatX={count}
            {...(mark ? { markX: mark } : {})}
          />
        ))}
      </div>
    </>
  );
}

function parts(figures: DatacenterPlan['figures'], list: readonly ReportPart[]): Bar[] {
  return planParts(list, figures).map((r) => ({ label: r.part.short, value: r.figure.value }));
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
  return (
    <div className="chart-grid">
      {t && (
        <Bars
          title={`Step time: ${ms(t.best.stepTimeS)} per step`}
          bars={parts(t.figures, STEP_TIME_PARTS)}
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
      <Bars title="The largest cost items" bars={largestCostItems(plan.cost.lines, TOP_ITEMS)} format={usd} />
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

/** The two latencies a serving objective names, each drawn against load. */
const LATENCY_METRICS = [
  { key: 'ttftS', slo: 'ttft', short: 'TTFT', title: 'Time to first token against load', colors: [0, 3] },
  { key: 'tpotS', slo: 'tpot', short: 'TPOT', title: 'Time per output token against load', colors: [1, 2] },
] as const;

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
  return (
    <>
      {LATENCY_METRICS.map((m) => {
        const target = serving.slo[m.slo]?.p99;
        return (
          <LineChart
            key={m.key}
            title={m.title}
            xLabel="requests/s per replica"
            yLabel="ms"
            series={(['p50', 'p99'] as const).map((q, i) => ({
              name: `${m.short} ${q}`,
              color: PALETTE[m.colors[i]!]!,
              points: served.map((p) => ({ x: p.ratePerReplica, y: p[m.key][q] * 1000 })),
            }))}
            formatX={(v) => v.toFixed(1)}
            markX={mark}
            {...(target !== undefined ? { markY: { y: target * 1000, label: 'p99 objective' } } : {})}
          />
        );
      })}
    </>
  );
}
