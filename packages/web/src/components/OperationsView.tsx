import {
  formatCount as count,
  formatPercent,
  formatSeconds,
  JOB_CLASSES,
  type OperationsPlan,
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

/** The policies side by side: what each did with the site's GPUs and how long jobs waited. */
function PolicyTable({ plan }: { readonly plan: OperationsPlan }) {
  return (
    <div className="table-scroll">
      <table data-testid="policy-table">
        <caption>Queue and placement policies on the same jobs and seed</caption>
        <thead>
          <tr>
            <th scope="col">policy</th>
            <th scope="col">allocated</th>
            <th scope="col">busy</th>
            <th scope="col">completed</th>
            <th scope="col">waiting at end</th>
            <th scope="col">p90 wait, 1 GPU</th>
            <th scope="col">p90 wait, multi-node</th>
            <th scope="col">SLO met</th>
            <th scope="col">cloud spend</th>
            <th scope="col">$ per useful GPU·h</th>
          </tr>
        </thead>
        <tbody>
          {plan.policies.map((r) => (
            <tr key={r.policy}>
              <th scope="row">{r.policy}</th>
              <td>{formatPercent(r.allocated)}</td>
              <td>{formatPercent(r.busy)}</td>
              <td>{count(r.jobs.completed)}</td>
              <td>{count(r.jobs.stillWaiting)}</td>
              <td>{seconds(r.waitS['single GPU'].p90)}</td>
              <td>{seconds(r.waitS['multi-node'].p90)}</td>
              <td>
                {r.fleets.length ? r.fleets.map((f) => formatPercent(f.sloAttainment)).join(', ') : '—'}
              </td>
              <td>{usd(r.cloud.spendUsd)}</td>
              <td>${r.costPerUsefulGpuHourUsd.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Completion times (arrival to end) by class: the distribution's median, 90th and 99th percentiles. */
function CompletionTable({ plan }: { readonly plan: OperationsPlan }) {
  const classes = JOB_CLASSES.filter((c) => plan.policies.some((r) => r.completionS[c].count > 0));
  return (
    <div className="table-scroll">
      <table data-testid="completion-table">
        <caption>Completion time from arrival to end: p50 / p90 / p99</caption>
        <thead>
          <tr>
            <th scope="col">policy</th>
            {classes.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {plan.policies.map((r) => (
            <tr key={r.policy}>
              <th scope="row">{r.policy}</th>
              {classes.map((c) => {
                const q = r.completionS[c];
                return (
                  <td key={c}>
                    {seconds(q.p50)} / {seconds(q.p90)} / {seconds(q.p99)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
      <PolicyTable plan={p} />
      <CompletionTable plan={p} />
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
              { label: 'lost to failures', value: first.gpuHours.lostToFailures },
              { label: 'lost to preemption', value: first.gpuHours.lostToPreemption },
              { label: 'lost to spread over leaf groups', value: first.gpuHours.lostToSpread },
              { label: 'free', value: first.gpuHours.free },
            ]}
            format={(v) => `${count(v)} GPU·h`}
          />
        )}
      </div>
    </section>
  );
}
