import {
  chooseClusterSize,
  type DatacenterPlan,
  datacenterPlanJson,
  formatCount,
  formatPercent,
  formatRefusal,
  formatSeconds,
  mw,
  mwh,
  planJson,
  planText,
  renderBomCsv,
  renderDatacenter,
  renderDatacenterHtml,
  sweepDatacenter,
  sweepFailures,
  sweepSizes,
  table,
  usd,
} from '@aidc/core';
import { UserError } from '../errors.js';
import { readRelativeTo, readScenario, readText, writeOut } from '../io.js';
import { writeOutput } from '../output.js';
import { progress } from '../render/progress.js';
import { parseGpuList } from './train.js';

export interface PlanOptions {
  readonly json?: boolean;
  readonly explain?: boolean;
  readonly csv?: string;
  readonly html?: string;
  readonly gpus?: string;
  readonly allowOutside?: boolean;
}

export function planCommand(file: string, opts: PlanOptions): void {
  if (opts.gpus !== undefined) {
    sweepCommand(file, opts.gpus, opts.json === true, opts.allowOutside === true);
    return;
  }
  // The one entry point the API and the page plan through too: text in, a plan or a refusal out.
  const bar = progress(`planning ${file}`);
  const policy = { allowOutside: opts.allowOutside === true };
  const r = planText(readText(file), file, readRelativeTo(file, policy), { onProgress: bar.update });
  bar.done();
  if (!r.ok) throw new UserError(formatRefusal(r.refusal));
  const plan: DatacenterPlan = r.plan;
  if (opts.csv !== undefined) writeOutput('--csv', opts.csv, renderBomCsv(plan));
  if (opts.html !== undefined) writeOutput('--html', opts.html, renderDatacenterHtml(plan));
  writeOut(opts.json ? datacenterPlanJson(plan) : renderDatacenter(plan, opts.explain === true));
}

/** The whole site at each cluster size of a list, and the size to choose. */
function sweepCommand(file: string, gpus: string, json: boolean, allowOutside: boolean): void {
  const scenario = readScenario(file, { allowOutside });
  const dc = scenario.datacenter;
  const t = scenario.trainings[0];
  if (!t || !dc)
    throw new UserError(
      `${file}: --gpus compares cluster sizes for a train workload; this scenario has none`,
    );
  const listed = parseGpuList(gpus);
  // The choice is made on the doublings between the list's ends too, so it does not hang on the list.
  const sizes = sweepSizes(listed);
  const bar = progress(`planning ${sizes.length} cluster sizes`);
  const rows = sweepDatacenter(t, dc, sizes, { onProgress: bar.update });
  bar.done();
  const failures = sweepFailures(rows);
  if (failures.length > 0 && rows.every((r) => !r.ok)) {
    throw new UserError(
      `${file}: no cluster size can be planned:\n${failures.map((f) => `  ${f}`).join('\n')}`,
    );
  }
  const choice = chooseClusterSize(rows, t.deadlineS, dc.cost.budget);
  if (json) {
    writeOut(planJson('aidc-plan/sweep@1', { listed, rows, choice }));
    return;
  }
  const added = (n: number) => (listed.includes(n) ? '' : '+');
  const unpriced = [...new Set(rows.flatMap((r) => (r.ok ? r.unpricedItems : [])))];
  // A total that leaves out unpriced items is marked, so a trend it shows is not read as real.
  const partial = (r: { readonly unpricedItems: readonly string[] }, text: string) =>
    r.unpricedItems.length > 0 ? `${text}*` : text;
  const body = rows.map((r) =>
    r.ok
      ? [
          `${added(r.gpus)}${r.gpus}`,
          formatSeconds(r.wallClockS),
          formatPercent(r.goodput),
          partial(r, usd(r.runCostUsd)),
          partial(r, usd(r.hardwareCapexUsd)),
          mw(r.facilityW),
          mwh(r.energyJ),
          formatCount(r.operationalKg / 1000),
          choice?.gpus === r.gpus ? '◀ chosen' : '',
        ]
      : [`${added(r.gpus)}${r.gpus}`, '—', '—', '—', '—', '—', '—', '—', 'cannot be planned (below)'],
  );
  const out = [
    `${scenario.name}: the whole site against cluster size`,
    table(['GPUs', 'wall-clock', 'goodput', 'run cost', 'capital', 'facility', 'energy', 't CO2e', ''], body),
    ...(sizes.length > listed.length ? ['+ a doubling between the sizes listed, planned to choose on'] : []),
    ...(unpriced.length > 0
      ? [`* leaves out what has no price: ${unpriced.join(', ')} (give cost.prices.<item>)`]
      : []),
    '',
    choice
      ? `Choice: ${choice.gpus} GPUs, ${choice.why}.`
      : 'No size that can be planned meets the deadline and budget given; widen the list or relax them.',
    ...(failures.length > 0 ? ['', 'Sizes that cannot be planned:', ...failures.map((f) => `  ${f}`)] : []),
  ];
  writeOut(out.join('\n'));
}
