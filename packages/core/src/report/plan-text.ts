import { DERIVED_NOTE, type Figure, formatInput, uniqueSources } from '../explain/figure.js';
import type { TrainingPlan } from '../plan/training-plan.js';
import { NEAR_MISS_FRACTION } from '../training/search.js';
import { formatBitsPerS, formatBytes, formatCount, formatPercent, formatSeconds } from '../units/format.js';
import { MEMORY_PARTS, planParts, STEP_TIME_PARTS } from './parts.js';
import { rangeLevel, rangeSpan } from './range-text.js';
import { table } from './table.js';

/** A figure as people read it, in the unit that suits its size. */
export function formatFigure(f: Figure): string {
  switch (f.unit) {
    case 's':
      return formatSeconds(f.value);
    case 'B':
      return formatBytes(f.value);
    case 'fraction':
      return formatPercent(f.value);
    case 'B/s':
      return formatBitsPerS(f.value);
    case 'GPU·h':
      return `${formatCount(f.value)} GPU·h`;
    case 'tokens/s':
      return `${formatCount(f.value)} tokens/s`;
    case 'W':
      return f.value >= 1e6
        ? `${Number((f.value / 1e6).toPrecision(3))} MW`
        : `${Number((f.value / 1e3).toPrecision(3))} kW`;
    case 'J':
      // Per-token energies are joules; runs are megawatt-hours.
      return f.value < 3.6e6
        ? `${Number(f.value.toPrecision(3))} J`
        : f.value < 3.6e9
          ? `${Number((f.value / 3.6e6).toPrecision(3))} kWh`
          : `${formatCount(f.value / 3.6e9)} MWh`;
    case 'USD':
      return `$${formatCount(f.value)}`;
    case 'USD/GPU·h':
      return `$${f.value.toFixed(2)} per GPU-hour`;
    case 'kgCO2e':
      return `${formatCount(f.value / 1000)} t CO2e`;
    default:
      return formatCount(f.value);
  }
}

/** Each figure with its formula, inputs and sources, for --explain. */
export function explainFigures(figures: Readonly<Record<string, Figure>>): string[] {
  const out: string[] = [];
  for (const [name, x] of Object.entries(figures)) {
    out.push('', `${name} = ${formatFigure(x)}`, `  formula: ${x.formula}`);
    const inputs = Object.entries(x.inputs).map(([k, v]) => `${k}=${formatInput(v)}`);
    if (inputs.length > 0) out.push(`  inputs: ${inputs.join(', ')}`);
    for (const src of uniqueSources(x.sources))
      out.push(`  source: ${src.title}${src.note ? ` (${src.note})` : ''}`);
    if (x.derived) out.push(`  ${DERIVED_NOTE}`);
  }
  return out;
}

function share(part: number, whole: number): string {
  return whole > 0 ? formatPercent(part / whole) : '—';
}

/** Each phase of the run with the layout the search chose for it. */
function phaseTable(p: TrainingPlan): string {
  return table(
    ['phase', 'tokens', 'seq', 'batch', 'GPUs', 'layout', 'step', 'MFU', 'time', 'GPU-hours'],
    p.phases.map((ph) => [
      ph.name,
      formatCount(ph.tokens),
      String(ph.seqLen),
      formatCount(ph.globalBatchTokens),
      String(ph.gpus),
      ph.best.description,
      formatSeconds(ph.best.stepTimeS),
      formatPercent(ph.best.mfu),
      formatSeconds(ph.best.trainingTimeS),
      formatCount(ph.best.gpuHours),
    ]),
  );
}

export function renderPlan(p: TrainingPlan, explain: boolean): string {
  const f = p.figures;
  const b = p.best;
  const step = b.stepTimeS;
  const out: string[] = [];
  out.push(`${p.name}`);
  out.push(
    `  ${p.model.name}: ${formatCount(p.model.params)} parameters (${formatCount(p.model.activeParams)} active per token), ` +
      `${formatCount(p.job.tokens)} tokens, sequence ${p.job.seqLen}, batch ${p.job.globalBatchSequences} × ${p.job.seqLen} = ${formatCount(p.job.globalBatchTokens)} tokens, ${p.job.precision}`,
  );
  out.push(
    `  ${p.cluster.gpus} × ${p.cluster.acceleratorName}, scale-up ${p.cluster.scaleUpDomain} GPUs at ${formatBitsPerS(p.cluster.scaleUpBytesPerS)}, ` +
      `scale-out ${formatBitsPerS(p.cluster.scaleOutBytesPerS)} per GPU; software ${p.job.software}`,
  );
  out.push('');
  const phased = p.phases.length > 1;
  const main = p.phases[p.run.mainPhase];
  out.push(`Best layout: ${b.description}${phased && main ? ` (phase '${main.name}', the longest)` : ''}`);
  out.push(
    `  step ${formatSeconds(step)}, MFU ${formatPercent(b.mfu)}, ${formatCount(b.tokensPerS)} tokens/s; ` +
      `${formatSeconds(p.run.trainingTimeS)} and ${formatCount(p.run.gpuHours)} GPU-hours for the run (${formatCount(f.steps!.value)} steps)`,
  );
  const r = f.stepTime?.range;
  if (r) {
    const span = (x: Figure | undefined, fmt: (v: number) => string) => rangeSpan(x, fmt) ?? '—';
    out.push(
      `  ${rangeLevel(r)} range: step ${span(f.stepTime, formatSeconds)}, MFU ${span(f.mfu, formatPercent)}, ` +
        `run ${span(f.trainingTime, formatSeconds)}, ${span(f.gpuHours, formatCount)} GPU-hours`,
    );
    out.push(`    (${r.basis})`);
  }
  if (phased) out.push('', phaseTable(p));
  out.push('');
  const stepRows = planParts(STEP_TIME_PARTS, f);
  out.push(
    table(
      ['step time', 'seconds', 'share'],
      [
        ...stepRows
          .filter((r) => r.figure.value > 0)
          .map((r) => [r.part.label, r.figure.value.toFixed(3), share(r.figure.value, step)]),
        ['total', step.toFixed(3), '100%'],
      ],
    ),
  );
  const a2a = f.expertParallelRaw;
  if (a2a && a2a.value > 0) {
    out.push(
      `expert all-to-all: ${a2a.value.toFixed(3)} s in all, ${f.expertParallelHidden!.value.toFixed(3)} s hidden behind compute, ${f.expertParallelExposed!.value.toFixed(3)} s exposed (${String(a2a.inputs.dispatcher)} dispatcher)`,
    );
  }
  out.push('');
  const usable = f.memoryUsable!.value;
  const memRows = planParts(MEMORY_PARTS, f).filter(
    (r) => r.part.figure !== 'memoryPerSampleGradients' || r.figure.value > 0,
  );
  out.push(
    table(
      [`memory per GPU (${String(f.memoryTotal!.inputs.stage)} stage)`, 'size', 'of usable'],
      [
        ...memRows.map((r) => [r.part.label, formatBytes(r.figure.value), share(r.figure.value, usable)]),
        ['total (peak allocated)', formatBytes(f.memoryTotal!.value), share(f.memoryTotal!.value, usable)],
        ...(f.memoryReserved
          ? [
              [
                'reserved by the allocator',
                `${formatBytes(f.memoryReserved.value)} (${share(f.memoryReserved.value, p.cluster.memoryBytes)} of capacity)`,
                '',
              ],
            ]
          : []),
        ['usable of capacity', `${formatBytes(usable)} of ${formatBytes(p.cluster.memoryBytes)}`, ''],
      ],
    ),
  );
  const mr = f.memoryTotal?.range;
  if (mr) {
    out.push(`${rangeLevel(mr)} range of the peak: ${rangeSpan(f.memoryTotal, formatBytes)} (${mr.basis})`);
  }
  if (p.alternatives.length > 0) {
    out.push('');
    out.push('Next best layouts:');
    out.push(
      table(
        ['layout', 'step', 'vs best', 'MFU', 'memory'],
        p.alternatives.map((a) => [
          a.description,
          formatSeconds(a.stepTimeS),
          `+${formatPercent(a.stepTimeS / step - 1)}`,
          formatPercent(a.mfu),
          formatBytes(a.memoryBytes),
        ]),
      ),
    );
  }
  const s = p.search;
  out.push('');
  out.push(
    `Searched ${s.evaluated.toLocaleString('en-US')} layouts: ${s.feasible.toLocaleString('en-US')} fit, ${s.outOfMemory.toLocaleString('en-US')} out of memory, ` +
      `${(s.evaluated - s.feasible - s.outOfMemory).toLocaleString('en-US')} not valid for this model and batch.`,
  );
  if (s.fasterOutOfMemory.length > 0) {
    out.push('');
    out.push(`Faster layouts that miss memory by up to ${formatPercent(NEAR_MISS_FRACTION)}:`);
    out.push(
      table(
        ['layout', 'step', 'vs best', 'needs', 'over by'],
        s.fasterOutOfMemory.map((o) => [
          o.description,
          formatSeconds(o.stepTimeS),
          `-${formatPercent(1 - o.stepTimeS / step)}`,
          formatBytes(o.memoryBytes),
          formatBytes(o.overBytes),
        ]),
      ),
    );
  }
  for (const w of p.warnings) out.push(`warning: ${w.message}`);
  if (explain) {
    out.push('');
    out.push('How each figure was made:', ...explainFigures(f));
  } else {
    out.push('(--explain shows the formula, inputs and sources of every figure; --json the whole plan)');
  }
  return out.join('\n');
}
