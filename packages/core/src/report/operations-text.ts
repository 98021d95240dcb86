// The shared cluster as an operator reads it in a terminal: the workload, then the policies side by
// side (utilisation, GPU-hours by what became of them, waits and completion times by class, serving,
// cloud, cost, energy, carbon), then how the headline figures were made.

import { JOB_CLASSES, type OperationsPlan, type PolicyOutcome } from '../plan/operations-plan.js';
import { formatCount, formatPercent, formatSeconds } from '../units/format.js';
import { explainFigures } from './plan-text.js';
import { mwh, usd } from './quantities.js';
import { table } from './table.js';

const seconds = (v: number) => (Number.isNaN(v) ? '—' : formatSeconds(v));
const gpuH = (v: number) => `${formatCount(v)} GPU·h`;

export function workloadLines(p: OperationsPlan): string[] {
  const w = p.workload;
  return [
    `${p.site.gpus} × ${p.site.accelerator} in ${p.site.nodes} nodes of ${p.site.gpusPerNode}, simulated for ${formatSeconds(p.horizonS)} (seed ${p.seed}).`,
    ...(w.training
      ? [
          `Training run: one gang of ${w.training.gpus} GPUs for ${formatSeconds(w.training.durationS)} (the plan's GPU-hours), from the start${w.training.scaleUpGroupGpus ? `; each of its model-parallel groups of ${w.training.scaleUpGroupGpus} GPUs keeps to one NVLink domain` : ''}.`,
        ]
      : []),
    ...w.fleets.map(
      (f) =>
        `Serving fleet ${f.name}: ${f.peakRatePerS} req/s at the busiest hour (${f.profile}), ${formatCount(f.capacityPerReplicaPerS)} req/s per replica of ${f.gpusPerReplica} GPUs within its SLO, up to ${f.peakReplicas} replica${f.peakReplicas === 1 ? '' : 's'}.`,
    ),
    fabricLine(w.topology, p.site.nodes),
    ...w.batch.map(
      (b) =>
        `Batch: ${formatCount(b.jobs)} jobs like ${b.like}'s (${formatCount(b.perHour)} an hour), asking for ${formatPercent(b.load)} of ${formatCount(w.batchGpus)} GPUs (what the training run and the fleets at their peak leave)${b.priority ? `, at priority ${b.priority}` : ''}.`,
    ),
    ...w.interactive.map(
      (s) =>
        `Interactive: ${formatCount(s.sessions)} sessions of ${s.team} (${formatCount(s.perHour)} an hour), ${s.gpus < 1 ? `${formatPercent(s.gpus)} of a GPU` : `${s.gpus} GPU${s.gpus === 1 ? '' : 's'}`} each for ${formatSeconds(s.meanLengthS)} on average, computing ${formatPercent(s.busy)} of that time${s.priority ? `, at priority ${s.priority}` : ''} (the scenario's figures).`,
    ),
  ];
}

/** Where a gang runs faster (an NVLink domain of several nodes, a leaf group) and by how much. */
function fabricLine(t: OperationsPlan['workload']['topology'], nodes: number): string {
  if (!t) return 'Fabric: one leaf group, and each node its own NVLink domain: placement changes no speed.';
  const traffic = `its cross-node traffic (${formatPercent(t.commShare)} of the training run's step)`;
  const domains =
    t.nodesPerDomain > 1
      ? `NVLink domains of ${t.nodesPerDomain} nodes: a gang in one runs ${traffic} ${formatCount(t.scaleUpOverScaleOut)}× faster than over the NICs, and a serving replica stays in one`
      : '';
  const groups =
    t.nodesPerGroup >= nodes
      ? ''
      : `leaf groups of ${t.nodesPerGroup} nodes, ${t.oversubscription}:1 between them: a gang in one group runs ${t.nodesPerDomain > 1 ? 'that traffic' : traffic} at the full NIC rate`;
  return `Fabric: ${[domains, groups].filter(Boolean).join('; ')}. Placement but random seeks the smallest that holds a gang.`;
}

export function policyTable(rows: readonly PolicyOutcome[]): string {
  return table(
    [
      'policy',
      'allocated',
      'busy',
      'completed',
      'waiting at end',
      'p90 wait 1 GPU',
      'p90 wait node',
      'p90 wait multi-node',
      'training run wait',
      'SLO met',
      'cloud spend',
      '$ per useful GPU·h',
    ],
    rows.map((r) => [
      r.policy,
      formatPercent(r.allocated),
      formatPercent(r.busy),
      formatCount(r.jobs.completed),
      formatCount(r.jobs.stillWaiting),
      seconds(r.waitS['single GPU'].p90),
      seconds(r.waitS['one node'].p90),
      seconds(r.waitS['multi-node'].p90),
      seconds(r.waitS['training run'].p50),
      r.fleets.length ? r.fleets.map((f) => formatPercent(f.sloAttainment)).join(', ') : '—',
      usd(r.cloud.spendUsd),
      `$${r.costPerUsefulGpuHourUsd.toFixed(2)}`,
    ]),
  );
}

export function lossTable(rows: readonly PolicyOutcome[]): string {
  return table(
    [
      'policy',
      'useful',
      'serving idle',
      'interactive idle',
      'lost to failures',
      'lost to preemption',
      'lost to spread',
      'free',
      'of it fragmented',
      'failures',
      'preemptions',
      'of them LAS suspensions',
      'for priority',
      'spread gangs',
    ],
    rows.map((r) => [
      r.policy,
      gpuH(r.gpuHours.useful),
      gpuH(r.gpuHours.servingIdle),
      gpuH(r.gpuHours.interactiveIdle),
      gpuH(r.gpuHours.lostToFailures),
      gpuH(r.gpuHours.lostToPreemption),
      gpuH(r.gpuHours.lostToSpread),
      gpuH(r.gpuHours.free),
      gpuH(r.gpuHours.freeToFragmentation),
      String(r.jobs.failures),
      String(r.jobs.preemptions),
      String(r.jobs.suspensions),
      String(r.jobs.priorityPreemptions),
      String(r.jobs.spreadGangs),
    ]),
  );
}

/** Each team's waits by policy, with its quota: what a guarantee buys a team. */
export function teamTable(rows: readonly PolicyOutcome[]): string {
  const teams = rows[0]?.teams ?? [];
  return table(
    [
      'policy',
      ...teams.map((t) => `${t.name} (quota ${formatCount(t.quotaGpus)}): p50 / p90 wait`),
      'quota preemptions',
    ],
    rows.map((r) => [
      r.policy,
      ...r.teams.map((t) => `${seconds(t.waitS.p50)} / ${seconds(t.waitS.p90)}`),
      String(r.quotaPreemptions),
    ]),
  );
}

export function completionTable(rows: readonly PolicyOutcome[]): string {
  return table(
    ['policy', ...JOB_CLASSES.map((c) => `${c}: p50 / p90 / p99`)],
    rows.map((r) => [
      r.policy,
      ...JOB_CLASSES.map((c) => {
        const q = r.completionS[c];
        return q.count === 0 ? '—' : `${seconds(q.p50)} / ${seconds(q.p90)} / ${seconds(q.p99)}`;
      }),
    ]),
  );
}

export function costTable(rows: readonly PolicyOutcome[]): string {
  return table(
    ['policy', 'site cost', 'cloud jobs', 'cloud GPU·h', 'cloud spend', 'energy', 't CO2e'],
    rows.map((r) => [
      r.policy,
      usd(r.ownedCostUsd),
      String(r.cloud.jobs),
      formatCount(r.cloud.gpuHours),
      usd(r.cloud.spendUsd),
      mwh(r.energyJ),
      formatCount(r.carbonKg / 1000),
    ]),
  );
}

export function renderOperations(p: OperationsPlan, explain: boolean): string {
  const capacity = p.policies[0]?.gpuHours.capacity ?? 0;
  return [
    `${p.name}: the cluster shared over time`,
    '',
    ...workloadLines(p),
    '',
    policyTable(p.policies),
    ...((p.policies[0]?.teams.length ?? 0) > 0 ? ['', 'Teams and their quotas:', teamTable(p.policies)] : []),
    '',
    `GPU-hours of the site (${gpuH(capacity)} in all), by what became of them:`,
    lossTable(p.policies),
    '',
    'Completion time (arrival to end) by class:',
    completionTable(p.policies),
    '',
    'Cost, energy and carbon over the horizon:',
    costTable(p.policies),
    ...(explain
      ? p.policies.flatMap((r) => [
          '',
          `How the figures of ${r.policy} were made:`,
          ...explainFigures(r.figures),
        ])
      : ['', 'aidc operate --explain shows how each cost, energy and carbon figure was made.']),
  ].join('\n');
}

/** The site at several sizes under one policy: owned GPUs against rented ones. */
export function renderSiteSizes(
  rows: readonly { readonly gpus: number; readonly outcome: PolicyOutcome }[],
): string {
  const cheapest = rows.reduce<number>(
    (best, r, i) =>
      r.outcome.ownedCostUsd + r.outcome.cloud.spendUsd <
      (rows[best]
        ? rows[best]!.outcome.ownedCostUsd + rows[best]!.outcome.cloud.spendUsd
        : Number.POSITIVE_INFINITY)
        ? i
        : best,
    0,
  );
  return [
    `Owned GPUs against rented ones, under ${rows[0]?.outcome.policy ?? 'the first policy'}:`,
    table(
      [
        'GPUs owned',
        'site cost',
        'jobs in cloud',
        'cloud GPU·h',
        'cloud spend',
        'total',
        '$ per useful GPU·h',
        'p90 wait 1 GPU',
        'SLO met',
        '',
      ],
      rows.map((r, i) => {
        const o = r.outcome;
        return [
          String(r.gpus),
          usd(o.ownedCostUsd),
          formatCount(o.cloud.jobs),
          formatCount(o.cloud.gpuHours),
          usd(o.cloud.spendUsd),
          usd(o.ownedCostUsd + o.cloud.spendUsd),
          `$${o.costPerUsefulGpuHourUsd.toFixed(2)}`,
          seconds(o.waitS['single GPU'].p90),
          o.fleets.length ? o.fleets.map((f) => formatPercent(f.sloAttainment)).join(', ') : '—',
          i === cheapest ? '← least in all' : '',
        ];
      }),
    ),
  ].join('\n');
}
