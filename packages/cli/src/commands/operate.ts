import { dirname, join } from 'node:path';
import {
  CLUSTER_SUMMARIES,
  comparePolicies,
  compareQueues,
  failureRatePerHour,
  formatCount,
  formatPercent,
  formatRefusal,
  formatSeconds,
  generatedWorkload,
  operateText,
  PLACEMENT_POLICIES,
  type PlacementPolicy,
  parseTraceNodes,
  parseTraceTasks,
  type QueueRow,
  RESTART_TIME_S,
  renderOperations,
  renderOperationsHtml,
  renderSiteSizes,
  type TraceNode,
  type TraceTask,
  table,
  traceJobs,
} from '@aidc/core';
import { UserError } from '../errors.js';
import { readRelativeTo, readText, writeOut } from '../io.js';
import { writeOutput } from '../output.js';
import { progress } from '../render/progress.js';
import { parseGpuList } from './train.js';

/** Share of the GPUs the replayed trace asks for at its busiest moment by default: near the 88% the
 * 2023 trace's tasks ask for all at once, so that fragmentation keeps some waiting. */
const TRACE_REPLAY_PEAK = 0.8;

/** The trace replayed over time, when it has times: its tasks brought closer until the busiest moment
 * asks for `load` of the GPUs (default TRACE_REPLAY_PEAK, or all at once where that asks less). */
function replayOverTime(
  nodes: readonly TraceNode[],
  tasks: readonly TraceTask[],
  load: string | undefined,
  seed: number,
) {
  const asIs = traceJobs(nodes, tasks);
  if (asIs.jobs.length === 0) return undefined;
  const peak = load === undefined ? Math.min(TRACE_REPLAY_PEAK, asIs.allAtOncePeak) : Number(load);
  if (!(peak > 0 && peak <= asIs.allAtOncePeak))
    throw new UserError(
      `--load: found '${load}', expected a share of the GPUs above 0 and at most ${asIs.allAtOncePeak.toFixed(3)}: the trace's tasks all at once ask for ${formatPercent(asIs.allAtOncePeak)} of its GPUs`,
    );
  const replay = traceJobs(nodes, tasks, peak);
  const bar = progress(
    `replaying ${replay.jobs.length} tasks over time under ${TRACE_QUEUE_POLICIES.length} policies`,
  );
  const rows = compareQueues(nodes, replay.jobs, TRACE_QUEUE_POLICIES, seed, (f) => bar.update(f));
  bar.done();
  return {
    tasks: replay.jobs.length,
    skipped: replay.skipped,
    recordedPeak: replay.recordedPeak,
    timeScale: replay.timeScale,
    peak,
    rows,
  };
}

/** Queue and placement policies the trace is replayed under over time. */
const TRACE_QUEUE_POLICIES = [
  { queue: 'fifo', placement: 'best-fit' },
  { queue: 'first-fit', placement: 'best-fit' },
  { queue: 'first-fit', placement: 'fgd' },
  { queue: 'backfill', placement: 'fgd' },
  { queue: 'sjf', placement: 'fgd' },
  { queue: 'las', placement: 'fgd' },
] as const;

/** The node list beside a task list of the 2023 trace, when none is given. */
const NODE_LIST = 'alibaba-v2023-openb_node_list_gpu_node.csv';

function policiesOf(list: string | undefined): PlacementPolicy[] {
  if (!list) return [...PLACEMENT_POLICIES];
  const out = list.split(',').map((p) => p.trim());
  for (const p of out) {
    if (!(PLACEMENT_POLICIES as readonly string[]).includes(p)) {
      throw new UserError(`--policies: found '${p}', expected some of ${PLACEMENT_POLICIES.join(', ')}`);
    }
  }
  return out as PlacementPolicy[];
}

/**
 * `aidc operate --trace TASKS.csv`: placement policies side by side on a GPU cluster trace in the
 * columns of the Alibaba 2023 GPU-sharing trace (issue #16, in progress: placement only, no time yet),
 * on the same seeds: the GPUs left unallocated when the arrived requests reach the cluster's capacity.
 */
/** Jobs like a named cluster's (its published statistics) on a cluster of 8-GPU nodes, under queue
 * and placement policies side by side. */
function operateGenerated(opts: {
  cluster: string;
  gpus?: string;
  jobs?: string;
  load?: string;
  failures?: boolean;
  seeds?: string;
  json?: boolean;
}): void {
  const c = CLUSTER_SUMMARIES.find((x) => x.id.toLowerCase() === opts.cluster.toLowerCase());
  if (!c) {
    throw new UserError(
      `--cluster: found '${opts.cluster}', expected one of ${CLUSTER_SUMMARIES.map((x) => x.id).join(', ')}`,
    );
  }
  const whole = (v: string | undefined, d: number, what: string, max: number) => {
    const n = Number(v ?? d);
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new UserError(`${what}: found '${v}', expected a whole number from 1 to ${max}`);
    return n;
  };
  const gpus = whole(opts.gpus, 512, '--gpus', 1_000_000);
  if (gpus % 8 !== 0)
    throw new UserError(`--gpus: found ${gpus}, expected a multiple of 8 (nodes of 8 GPUs)`);
  const count = whole(opts.jobs, 20_000, '--jobs', 10_000_000);
  const load = Number(opts.load ?? 0.8);
  if (!(load > 0 && load <= 2))
    throw new UserError(`--load: found '${opts.load}', expected a share of the GPUs above 0, up to 2`);
  const nodes = Array.from({ length: gpus / 8 }, (_, i) => ({
    name: `node-${i}`,
    cpuMilli: 0,
    memoryMib: 0,
    gpus: 8,
    model: 'gpu',
  }));
  const jobs = generatedWorkload(c, nodes, count, load, 1);
  const policies = [
    { queue: 'fifo', placement: 'best-fit' },
    { queue: 'sjf', placement: 'best-fit' },
    { queue: 'first-fit', placement: 'best-fit' },
    { queue: 'first-fit', placement: 'packing' },
  ] as const;
  const bar = progress(
    `simulating ${count} ${c.id}-like jobs on ${gpus} GPUs under ${policies.length} policies`,
  );
  // Failures at the rates of the reliability model (the Llama 3 record), checkpoints hourly.
  const failures = opts.failures
    ? { perGpuHour: failureRatePerHour(1), checkpointIntervalS: 3600, restartS: RESTART_TIME_S }
    : undefined;
  const rows = compareQueues(nodes, jobs, policies, 1, (f) => bar.update(f), failures);
  bar.done();
  if (opts.json) {
    writeOut(
      JSON.stringify(
        { format: 'aidc-operate/queues@1', cluster: c.id, gpus, jobs: count, load, rows },
        null,
        2,
      ),
    );
    return;
  }
  writeOut(
    [
      `${count} jobs like ${c.id}'s (${c.source.title}) on ${gpus} GPUs in nodes of 8, asking for ${Math.round(load * 100)}% of the GPUs on average; jobs larger than a node run on whole nodes.`,
      '',
      queueTable(rows, failures !== undefined),
      '',
      ...(failures
        ? [
            `Failures: ${failureRatePerHour(1).toExponential(2)} per GPU-hour (the Llama 3 record, docs/datacenter-model.md); checkpoints hourly; a failed job returns to the queue with its last checkpoint's work and pays a ${RESTART_TIME_S / 60}-minute restart.`,
          ]
        : []),
      'These jobs alone, on a site of whole nodes: serving fleets, preemption, quotas, the fabric, cloud bursting, costs and energy run from a scenario with an operations section (aidc operate examples/shared-cluster.yaml; docs/operations.md).',
    ].join('\n'),
  );
}

/** Queue and placement policies side by side over time: waits by size, utilisation, fragmentation. */
function queueTable(rows: readonly QueueRow[], failures: boolean): string {
  return table(
    [
      'queue',
      'placement',
      'mean wait',
      'median',
      'p95',
      '1 GPU',
      '2–8 GPUs',
      'gangs',
      'GPUs busy',
      'idle by fragmentation',
      'refused',
      ...(failures ? ['failures', 'GPU-time lost to them'] : []),
    ],
    rows.map((r) => [
      r.queue,
      r.placement,
      formatSeconds(r.meanWaitS),
      formatSeconds(r.medianWaitS),
      formatSeconds(r.p95WaitS),
      formatSeconds(r.meanWaitByClassS.single),
      formatSeconds(r.meanWaitByClassS.node),
      formatSeconds(r.meanWaitByClassS.gang),
      formatPercent(r.utilisation),
      formatPercent(r.lostToFragmentation),
      String(r.refused),
      ...(failures ? [String(r.failures), formatPercent(r.lostToFailures)] : []),
    ]),
  );
}

/** `aidc operate SCENARIO`: the scenario's site shared over time under the policies it names. */
function operateScenario(
  file: string,
  opts: { json?: boolean; html?: string; explain?: boolean; allowOutside?: boolean; gpus?: string },
): void {
  const sizes = opts.gpus === undefined ? [] : parseGpuList(opts.gpus);
  const bar = progress(`simulating the shared cluster of ${file}`);
  const r = operateText(
    readText(file),
    file,
    readRelativeTo(file, { allowOutside: opts.allowOutside === true }),
    bar.update,
    sizes,
  );
  bar.done();
  if (!r.ok) throw new UserError(formatRefusal(r.refusal));
  if (opts.html !== undefined) writeOutput('--html', opts.html, renderOperationsHtml(r.operations));
  writeOut(
    opts.json
      ? JSON.stringify(
          { format: 'aidc-operate/scenario@1', scenario: file, ...r.operations, sizes: r.sizes },
          null,
          2,
        )
      : [
          renderOperations(r.operations, opts.explain === true),
          ...(r.sizes.length ? ['', renderSiteSizes(r.sizes)] : []),
        ].join('\n'),
  );
}

export function operateCommand(
  file: string | undefined,
  opts: {
    cluster?: string;
    gpus?: string;
    jobs?: string;
    load?: string;
    trace?: string;
    nodes?: string;
    seeds?: string;
    policies?: string;
    json?: boolean;
    html?: string;
    explain?: boolean;
    allowOutside?: boolean;
  },
): void {
  if (file !== undefined) {
    if (opts.cluster || opts.trace)
      throw new UserError('give a scenario file, or --trace, or --cluster: one at a time');
    operateScenario(file, opts);
    return;
  }
  if (opts.cluster) {
    operateGenerated({ ...opts, cluster: opts.cluster });
    return;
  }
  if (!opts.trace) {
    throw new UserError(
      "give --trace TASKS.csv (a task list in the columns of the Alibaba 2023 GPU trace, e.g. validation/traces/alibaba-v2023-openb_pod_list_default.csv) or --cluster NAME (jobs like a published cluster's: Seren, Kalos, Philly, Helios, Alibaba-2023); or a scenario file with an operations section (examples/shared-cluster.yaml)",
    );
  }
  const nodesFile = opts.nodes ?? join(dirname(opts.trace), NODE_LIST);
  const nodes = parseTraceNodes(readText(nodesFile));
  if (!nodes.ok) throw new UserError(`${nodesFile}: ${nodes.message}`);
  const tasks = parseTraceTasks(readText(opts.trace));
  if (!tasks.ok) throw new UserError(`${opts.trace}: ${tasks.message}`);
  const count = Number(opts.seeds ?? '3');
  if (!Number.isInteger(count) || count < 1 || count > 100) {
    throw new UserError(`--seeds: found '${opts.seeds}', expected a whole number from 1 to 100`);
  }
  const seeds = Array.from({ length: count }, (_, i) => 42 + i);
  const policies = policiesOf(opts.policies);
  const bar = progress(
    `placing ${tasks.rows.length} tasks on ${nodes.rows.length} nodes, ${policies.length} policies × ${count} seeds`,
  );
  const rows = comparePolicies(nodes.rows, tasks.rows, policies, seeds, (f) => bar.update(f));
  bar.done();
  // The trace over time: tasks arrive at their creation and hold their resources for as long as the
  // trace ran them, under queue policies with the placements that do best above.
  const overTime = replayOverTime(nodes.rows, tasks.rows, opts.load, seeds[0]!);

  if (opts.json) {
    writeOut(
      JSON.stringify(
        {
          format: 'aidc-operate/placement@1',
          trace: opts.trace,
          nodes: nodesFile,
          seeds,
          rows,
          overTime,
        },
        null,
        2,
      ),
    );
    return;
  }
  const gpus = nodes.rows.reduce((a, n) => a + n.gpus, 0);
  writeOut(
    [
      `${tasks.rows.length} tasks on ${nodes.rows.length} nodes (${gpus} GPUs): each task of the trace in a seeded order, then draws until the requests reach 130% of the GPUs; placed at once or dropped.`,
      '',
      table(
        ['policy', 'unallocated GPUs at 100% arrived', 'seeds min–max', 'GPUs', 'tasks dropped'],
        rows.map((r) => [
          r.policy,
          formatPercent(r.mean / 100),
          `${r.min.toFixed(2)}–${r.max.toFixed(2)}%`,
          String(Math.round((r.mean / 100) * gpus)),
          `${Math.round(r.failed)} of ${Math.round(r.arrived)}`,
        ]),
      ),
      '',
      'The published comparison (Weng et al., USENIX ATC 2023) beside these: docs/operations.md and validation/placement.json.',
      '',
      ...(overTime
        ? [
            `Over time: the ${overTime.tasks} tasks the trace started (${overTime.skipped} never started there, left out), each running as long as the trace ran it, on the same nodes. As recorded they ask for at most ${formatPercent(overTime.recordedPeak)} of the GPUs at once (a sample of the cluster's tasks), so arrivals are brought ${formatCount(1 / overTime.timeScale)} times closer, until the busiest moment asks for ${formatPercent(overTime.peak)} of them (--load):`,
            queueTable(overTime.rows, false),
          ]
        : ['Over time: the trace gives no start and end times, so it is not replayed.']),
    ].join('\n'),
  );
}
