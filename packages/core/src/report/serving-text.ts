import type { Figure } from '../explain/figure.js';
import type { ServingLayout } from '../inference/capacity.js';
import { layoutShapeLabel } from '../inference/layouts.js';
import type { StepParts } from '../inference/throughput.js';
import type { ServingPlan } from '../plan/serving-plan.js';
import { explainFigures } from './plan-text.js';
import { rangeLevel, rangeSpan } from './range-text.js';
import { table } from './table.js';

/** Milliseconds, one decimal below 100 ms. */
export const ms = (s: number): string => `${(s * 1000).toFixed(s < 0.1 ? 1 : 0)} ms`;
/** A price in dollars and cents, or a dash when none is known. */
export const price = (v: number | null): string => (v === null ? '—' : `$${v.toFixed(2)}`);

/** A layout in a few words: TP (and PP) or attention DP with EP, and the pools when disaggregated. */
/** The 80% ranges the serving model's throughput errors give the fleet's size and cost, and the
 * simulator's latency errors its p99 latencies. */
function rangeLines(f: Readonly<Record<string, Figure>>): string[] {
  const gpus = f.gpus?.range;
  if (!gpus) return [];
  const span = (x: Figure | undefined, fmt: (v: number) => string) => rangeSpan(x, fmt) ?? '—';
  return [
    `  ${rangeLevel(gpus)} range: ${span(f.gpus, String)} GPUs, ` +
      `${span(f.costPerMillionOutput, (v) => `$${v.toFixed(2)}`)} per million output tokens, ` +
      `${span(f.energyPerOutputToken, (v) => `${v.toFixed(2)} J`)} per output token`,
    `    (${gpus.basis})`,
    ...(f.ttftP99?.range
      ? [
          `  ${rangeLevel(f.ttftP99.range)} range of the latencies: p99 TTFT ${span(f.ttftP99, (v) => ms(v))}, p99 TPOT ${span(f.tpotP99, (v) => ms(v))}`,
          `    (${f.ttftP99.range.basis})`,
        ]
      : []),
  ];
}

export function layoutLabel(l: ServingLayout): string {
  const base = layoutShapeLabel(l);
  const d = l.disaggregated;
  return d
    ? `disaggregated: ${d.prefillReplicas} × ${layoutShapeLabel(d.prefill)} prefill + ${d.decodeReplicas} × ${base} decode`
    : base;
}

/** A step's time by part, as the step model adds them. */
export function stepLine(p: StepParts): string {
  const parts = [
    `work ${ms(p.workS)}`,
    ...(p.allToAllS > 0 ? [`expert all-to-all ${ms(p.allToAllS)}`] : []),
    ...(p.allReduceS > 0 ? [`TP all-reduce ${ms(p.allReduceS)}`] : []),
    ...(p.draftS > 0 ? [`draft passes ${ms(p.draftS)}`] : []),
    `overhead ${ms(p.overheadS)}`,
  ];
  return `${ms(p.totalS)} (${parts.join(', ')}${p.twoBatchOverlap ? '; two-batch overlap hides the all-to-all behind the other half' : ''})`;
}

function row(l: ServingLayout): string[] {
  return [
    layoutLabel(l),
    String(l.replicas),
    String(l.gpus),
    l.maxRatePerReplica.toFixed(2),
    ms(l.ttftS.p99),
    ms(l.tpotS.p99),
    l.outputTokensPerSPerGpu.toFixed(0),
    price(l.costPerMillionInputUsd),
    price(l.costPerMillionOutputUsd),
    `${l.energyPerOutputTokenJ.toFixed(2)} J`,
  ];
}

export function renderServing(p: ServingPlan, explain: boolean): string {
  const b = p.best;
  const slo = [
    p.slo.ttft
      ? `TTFT ${Object.entries(p.slo.ttft)
          .map(([k, v]) => `${k} ≤ ${ms(v as number)}`)
          .join(', ')}`
      : '',
    p.slo.tpot
      ? `TPOT ${Object.entries(p.slo.tpot)
          .map(([k, v]) => `${k} ≤ ${ms(v as number)}`)
          .join(', ')}`
      : '',
  ]
    .filter(Boolean)
    .join('; ');
  const out = [
    p.name,
    `  ${p.model} (weights ${p.weights}, KV cache ${p.kvCache}) on ${p.accelerator} with ${p.engine.name} ${p.engine.version}; ${p.traffic.ratePerS} req/s` +
      (p.traffic.profile ? ` (daily profile, peak ×${Math.max(...p.traffic.profile)})` : '') +
      (p.traffic.burst
        ? ` with bursts ×${p.traffic.burst.factor} for ${p.traffic.burst.durationS} s every ${p.traffic.burst.everyS} s`
        : '') +
      ', ' +
      `input ${p.traffic.input.mean} and output ${p.traffic.output.mean} tokens ` +
      `(${p.traffic.trace ? `replayed trace of ${p.traffic.trace.timesS.length} requests` : p.traffic.input.distribution}); ${slo || 'no objectives'}`,
    '',
    `Best deployment: ${b.replicas} replicas of ${layoutLabel(b)} = ${b.gpus} GPUs` +
      (b.disaggregated ? ` (KV transfer ${ms(b.disaggregated.kvTransferS)} per mean prompt)` : '') +
      `; at most ${b.maxBatch} sequences in flight per replica (${b.maxBatchLimitedBy === 'memory' ? 'KV cache' : 'engine'} limit)`,
    `  p99 TTFT ${ms(b.ttftS.p99)} (p50 ${ms(b.ttftS.p50)}), p99 TPOT ${ms(b.tpotS.p99)} (p50 ${ms(b.tpotS.p50)}); ` +
      `${b.outputTokensPerSPerGpu.toFixed(0)} output tokens/s per GPU; ${price(b.costPerMillionInputUsd)} per million input and ` +
      `${price(b.costPerMillionOutputUsd)} per million output tokens at ${price(b.costPerGpuHourUsd)}/GPU-h; ${b.energyPerOutputTokenJ.toFixed(2)} J per output token`,
    ...rangeLines(p.figures),
    `  decode step at ${b.decodeBatch} sequences: ${stepLine(b.decodeStep)}`,
    ...(b.expertPlacement
      ? [
          `  experts: ${b.expertPlacement.slotsPerRank} whole expert slots on the busiest of ${b.ep} EP ranks` +
            (b.expertPlacement.redundantExperts > 0
              ? ` (${b.expertPlacement.redundantExperts} redundant, EPLB)`
              : '') +
            `; it does ×${b.expertPlacement.busiestLoad.toFixed(3)} the mean expert work` +
            (b.expertPlacement.busiestLoad > 1 ? ', the step waiting for it' : ''),
        ]
      : []),
    ...(p.speculative
      ? [
          `  speculative decoding (${p.speculative.method === 'mtp' ? 'MTP' : 'draft model'}: ${p.speculative.draft}): ` +
            `${p.speculative.draftTokens} drafted token${p.speculative.draftTokens > 1 ? 's' : ''} a step, each accepted with chance ${p.speculative.acceptance} ` +
            `(${p.speculative.acceptanceSource}): ${p.speculative.acceptanceLength.toFixed(2)} tokens a step`,
        ]
      : []),
    ...(b.sloAttainment !== null && b.kneeRatePerReplica !== null
      ? [
          `  ${(b.sloAttainment * 100).toFixed(1)}% of requests meet every objective at the peak load; ` +
            `queues start to grow past ${b.kneeRatePerReplica.toFixed(2)} req/s per replica (the knee)`,
        ]
      : []),
    '',
    table(
      [
        'layout',
        'replicas',
        'GPUs',
        'req/s per replica',
        'p99 TTFT',
        'p99 TPOT',
        'tok/s/GPU',
        '$/M in',
        '$/M out',
        'energy/token',
      ],
      [b, ...p.alternatives].map(row),
    ),
  ];
  for (const r of p.refused) out.push(`refused ${layoutShapeLabel(r)}: ${r.why}`);
  for (const w of p.warnings) out.push(`warning: ${w.message}`);
  out.push(
    '(latencies: the seeded serving simulator, one replica at the target load ÷ replicas, no request dropped)',
  );
  if (explain) out.push('', 'How each figure was made:', ...explainFigures(p.figures));
  return out.join('\n');
}
