import {
  formatCount as count,
  formatPercent,
  formatSeconds,
  JOB_CLASSES,
  type OperationsPlan,
  type PolicyOutcome,
  type Quantiles,
  usd,
  workloadLines,
} from '@aidc/core';
import { Bars, PALETTE } from '../charts/Bars.js';
import { LineChart } from '../charts/LineChart.js';
import { timeAxis } from '../charts/units.js';
import type { OperationsState } from '../engine/use-plan-extras.js';

const DAY_S = 86_400;
const days = (v: number) => `${Number(v.toPrecision(3))} d`;
const seconds = (v: number) => (Number.isNaN(v) ? '—' : formatSeconds(v));

/** A table with a row per policy: its columns' headers and cells. */
function ByPolicy({
  plan,
  caption,
  testId,
  columns,
}: {
  readonly plan: OperationsPlan;
  readonly caption: string;
  readonly testId: string;
  readonly columns: readonly { readonly header: string; readonly cell: (r: PolicyOutcome) => string }[];
}) {
  return (
    <div className="table-scroll">
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">policy</th>
            {columns.map((c) => (
              <th key={c.header} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {plan.policies.map((r) => (
            <tr key={r.policy}>
              <th scope="row">{r.policy}</th>
              {columns.map((c) => (
                <td key={c.header}>{c.cell(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const spread = (q: Quantiles) => `${seconds(q.p50)} / ${seconds(q.p90)}`;

/** The policies side by side, each team's waits with its quota, and completion times by class. */
function PolicyTables({ plan }: { readonly plan: OperationsPlan }) {
  const teams = plan.policies[0]?.teams ?? [];
  const classes = JOB_CLASSES.filter((c) => plan.policies.some((r) => r.completionS[c].count > 0));
  return (
    <>
      <ByPolicy
        plan={plan}
        caption="Queue and placement policies on the same jobs and seed"
        testId="policy-table"
        columns={[
          { header: 'allocated', cell: (r) => formatPercent(r.allocated) },
          { header: 'busy', cell: (r) => formatPercent(r.busy) },
          { header: 'completed', cell: (r) => count(r.jobs.completed) },
          { header: 'waiting at end', cell: (r) => count(r.jobs.stillWaiting) },
          { header: 'p90 wait, 1 GPU', cell: (r) => seconds(r.waitS['single GPU'].p90) },
          { header: 'p90 wait, multi-node', cell: (r) => seconds(r.waitS['multi-node'].p90) },
          {
            header: 'SLO met',
            cell: (r) =>
              r.fleets.length ? r.fleets.map((f) => formatPercent(f.sloAttainment)).join(', ') : '—',
          },
          { header: 'cloud spend', cell: (r) => usd(r.cloud.spendUsd) },
          { header: '$ per useful GPU·h', cell: (r) => `$${r.costPerUsefulGpuHourUsd.toFixed(2)}` },
        ]}
      />
      {teams.length > 0 && (
        <ByPolicy
          plan={plan}
          caption="Teams and their quotas: wait p50 / p90"
          testId="team-table"
          columns={[
            ...teams.map((t, i) => ({
              header: `${t.name} (quota ${count(t.quotaGpus)})`,
              cell: (r: PolicyOutcome) => spread(r.teams[i]!.waitS),
            })),
            { header: 'quota preemptions', cell: (r: PolicyOutcome) => String(r.quotaPreemptions) },
          ]}
        />
      )}
      <ByPolicy
        plan={plan}
        caption="Completion time from arrival to end: p50 / p90 / p99"
        testId="completion-table"
        columns={classes.map((c) => ({
          header: c,
          cell: (r: PolicyOutcome) => `${spread(r.completionS[c])} / ${seconds(r.completionS[c].p99)}`,
        }))}
      />
    </>
  );
}

/** The shared cluster over time: utilisation, serving against its traffic, completion times by
 * class and cost, per policy. */
export function OperationsView({ state }: { readonly state: OperationsState | undefined }) {
  if (!state) return null;
  if (state.kind === 'running')
    return (
      <section aria-label="The cluster shared over time">
        <h3>The cluster shared over time</h3>
        <p className="muted" role="status">
          Simulating the shared cluster under each policy… {formatPercent(state.progress)}
        </p>
      </section>
    );
  const p = state.plan;
  const t = p.timeline;
  const x = t.timeS.map((s) => s / DAY_S);
  const first = p.policies[0];
  const classes = JOB_CLASSES.filter((c) => p.policies.some((r) => r.completionS[c].count > 0));
  return (
    <section aria-label="The cluster shared over time" data-testid="operations">
      <h3>The cluster shared over time</h3>
      {workloadLines(p).map((l) => (
        <p key={l}>{l}</p>
      ))}
      <PolicyTables plan={p} />
      <div className="charts">
        <LineChart
          title="GPUs allocated on the site, by policy"
          markers={false}
          xLabel="days"
          yLabel="GPUs"
          formatX={days}
          series={p.policies.map((r, i) => ({
            name: r.policy,
            color: PALETTE[i % PALETTE.length]!,
            points: t.byPolicy[i]!.allocatedGpus.map((y, k) => ({ x: x[k]!, y })),
          }))}
        />
        {p.workload.fleets.map((f, k) => (
          <LineChart
            key={f.name}
            title={`${f.name}: replicas and traffic`}
            markers={false}
            xLabel="days"
            yLabel="replicas"
            formatX={days}
            series={[
              {
                name: 'replicas',
                color: PALETTE[0]!,
                points: (t.byPolicy[0]?.replicas[k] ?? []).map((y, i) => ({ x: x[i]!, y })),
              },
              {
                name: 'traffic ÷ capacity per replica',
                color: PALETTE[3]!,
                dashed: true,
                points: (t.demandPerS[k] ?? []).map((d, i) => ({
                  x: x[i]!,
                  y: d / f.capacityPerReplicaPerS,
                })),
              },
            ]}
          />
        ))}
        {classes.map((c) => {
          const unit = timeAxis(Math.max(...p.policies.map((r) => r.completionS[c].p90 || 0)));
          return (
            <Bars
              key={c}
              title={`Completion time, ${c}: p90 by policy`}
              bars={p.policies.map((r, i) => ({
                key: r.policy,
                label: r.policy,
                value: (r.completionS[c].p90 || 0) / unit.divisor,
                color: PALETTE[i % PALETTE.length]!,
              }))}
              format={(v) => `${Number(v.toPrecision(3))} ${unit.label}`}
            />
          );
        })}
        <Bars
          title="Cost per useful GPU-hour (site and cloud)"
          bars={p.policies.map((r, i) => ({
            key: r.policy,
            label: r.policy,
            value: r.costPerUsefulGpuHourUsd,
            color: PALETTE[i % PALETTE.length]!,
          }))}
          format={(v) => `$${v.toFixed(2)}`}
        />
        {first && (
          <Bars
            title={`What became of the site's GPU-hours (${first.policy})`}
            shares
            bars={[
              { label: 'useful', value: first.gpuHours.useful },
              { label: 'serving idle', value: first.gpuHours.servingIdle },
              { label: 'interactive idle', value: first.gpuHours.interactiveIdle },
              { label: 'lost to failures', value: first.gpuHours.lostToFailures },
              { label: 'lost to preemption', value: first.gpuHours.lostToPreemption },
              { label: 'lost to spread over domains and leaf groups', value: first.gpuHours.lostToSpread },
              { label: 'free', value: first.gpuHours.free },
            ]}
            format={(v) => `${count(v)} GPU·h`}
          />
        )}
      </div>
    </section>
  );
}
