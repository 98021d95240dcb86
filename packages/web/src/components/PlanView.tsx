import {
  formatCount as count,
  type DatacenterPlan,
  type DatacenterSweepRow,
  datacenterPlanJson,
  formatPercent,
  formatSeconds,
  type LoadPoint,
  layoutLabel,
  naiveSentence,
  renderBomCsv,
  renderDatacenterHtml,
  runLossSentence,
  usd,
} from '@aidc/core';
import type { OperationsState } from '../engine/use-plan-extras.js';
import { FigureValue } from './FigureDialog.js';
import { FigureTable } from './FigureTable.js';
import { OperationsView } from './OperationsView.js';
import { PlanCharts, ScalingCharts } from './PlanCharts.js';
import { Protections } from './Protections.js';

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const fileBase = (name: string): string =>
  name
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase() || 'plan';

/** Downloads of the plan: the same JSON, CSV and HTML the CLI writes. */
export function Exports({ plan }: { readonly plan: DatacenterPlan }) {
  const base = fileBase(plan.name);
  return (
    <fieldset className="exports">
      <legend className="visually-hidden">Export the plan</legend>
      <button
        type="button"
        onClick={() => download(`${base}.json`, 'application/json', datacenterPlanJson(plan))}
      >
        Export JSON
      </button>
      <button type="button" onClick={() => download(`${base}-bom.csv`, 'text/csv', renderBomCsv(plan))}>
        Export CSV
      </button>
      <button type="button" onClick={() => download(`${base}.html`, 'text/html', renderDatacenterHtml(plan))}>
        Export HTML report
      </button>
    </fieldset>
  );
}

/** The headline: what a planner asks first, each figure explainable. */
function Headline({ plan }: { readonly plan: DatacenterPlan }) {
  const f = plan.figures;
  const t = plan.training;
  const cards: [string, React.ReactNode][] = [
    ['GPUs', `${count(plan.gpus.total)} × ${plan.system.name}`],
    ...(t
      ? ([
          ['layout', t.best.description],
          ['MFU', <FigureValue key="mfu" name="mfu" figure={t.figures.mfu} />],
        ] as [string, React.ReactNode][])
      : []),
    ...(f.wallClock
      ? ([['wall-clock', <FigureValue key="w" name="wallClock" figure={f.wallClock} />]] as [
          string,
          React.ReactNode,
        ][])
      : []),
    ['IT power', <FigureValue key="it" name="itPower" figure={f.itPower} />],
    ['facility power', <FigureValue key="fp" name="facilityPower" figure={f.facilityPower} />],
    ['hardware', <FigureValue key="hw" name="hardwareCapex" figure={f.hardwareCapex} />],
    ...(f.runCost
      ? ([['run cost (owned)', <FigureValue key="rc" name="runCost" figure={f.runCost} />]] as [
          string,
          React.ReactNode,
        ][])
      : []),
    // A run with no cloud price shows a dash, as the CLI does, never $0.
    ...(f.runCost
      ? ([
          [
            'run cost (rented)',
            f.cloudRunCost ? (
              <FigureValue key="cc" name="cloudRunCost" figure={f.cloudRunCost} />
            ) : (
              <span key="cc" title="no cloud price for this accelerator: give cost.cloudPerGpuHour">
                —
              </span>
            ),
          ],
        ] as [string, React.ReactNode][])
      : []),
    ['CO2e', <FigureValue key="co2" name="operationalCo2" figure={f.operationalCo2} />],
  ];
  return (
    <dl className="headline">
      {cards.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Each phase of the run with the layout the search chose for it. */
function PhaseTable({ training }: { readonly training: NonNullable<DatacenterPlan['training']> }) {
  return (
    <table className="phases">
      <caption>Phases, each laid out on its own</caption>
      <thead>
        <tr>
          <th scope="col">phase</th>
          <th scope="col">tokens</th>
          <th scope="col">sequence</th>
          <th scope="col">GPUs</th>
          <th scope="col">layout</th>
          <th scope="col">step</th>
          <th scope="col">time</th>
        </tr>
      </thead>
      <tbody>
        {training.phases.map((ph) => (
          <tr key={ph.name}>
            <th scope="row">{ph.name}</th>
            <td>{count(ph.tokens)}</td>
            <td>{ph.seqLen}</td>
            <td>{ph.gpus}</td>
            <td>{ph.best.description}</td>
            <td>{formatSeconds(ph.best.stepTimeS)}</td>
            <td>{formatSeconds(ph.best.trainingTimeS)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PlanView({
  plan,
  sweep,
  loadCurves,
  operations,
  stale = false,
}: {
  readonly plan: DatacenterPlan;
  /** A newer plan is on its way: this one is shown dimmed until it comes. */
  readonly stale?: boolean;
  /** undefined while the sweep runs; null when there is none to run (a stale plan). */
  readonly sweep:
    | {
        readonly rows: readonly DatacenterSweepRow[];
        readonly chosen: number | null;
        readonly why: string | null;
        readonly progress: number;
      }
    | undefined
    | null;
  readonly loadCurves: readonly (readonly LoadPoint[] | undefined)[];
  /** The shared cluster over time, when the scenario has an operations section. */
  readonly operations?: OperationsState | undefined;
}) {
  return (
    <div className={`plan${stale ? ' stale-while-busy' : ''}`} data-testid="plan">
      <h2 className="plan-name">{plan.name}</h2>
      <Headline plan={plan} />
      {plan.warnings.length > 0 && (
        <ul className="warnings" aria-label="Warnings">
          {plan.warnings.map((w) => (
            <li key={`${w.code}:${w.message}`} data-code={w.code}>
              {w.message}
            </li>
          ))}
        </ul>
      )}
      <Exports plan={plan} />
      {plan.training && (
        <section aria-label="Cluster size">
          <h3>How many GPUs?</h3>
          {plan.naive && (
            <p className="muted" data-testid="naive-beside">
              {naiveSentence(plan.naive, plan.training.run.trainingTimeS)}
            </p>
          )}
          {sweep === null ? (
            <p className="muted">The sweep of cluster sizes waits for a scenario that plans.</p>
          ) : sweep && sweep.rows.length > 0 ? (
            <>
              <ScalingCharts rows={sweep.rows} chosen={sweep.chosen} />
              <p className="muted" data-testid="sweep-choice">
                {sweep.chosen !== null
                  ? `Chosen: ${sweep.chosen.toLocaleString('en-US')} GPUs, ${sweep.why}.`
                  : 'No size planned meets the deadline and budget.'}
              </p>
            </>
          ) : (
            <p className="muted" role="status">
              Planning other cluster sizes… {sweep ? formatPercent(sweep.progress) : ''}
            </p>
          )}
        </section>
      )}
      {plan.reliability && plan.training && (
        <section aria-label="The whole run">
          <h3>The whole run</h3>
          <p data-testid="run-losses">{runLossSentence(plan.reliability)}.</p>
          {plan.training.phases.length > 1 && (
            // A wide table scrolls in its own box, never the page.
            <div className="table-scroll">
              <PhaseTable training={plan.training} />
            </div>
          )}
        </section>
      )}
      <section aria-label="Charts">
        <h3>The plan in charts</h3>
        <PlanCharts plan={plan} loadCurves={loadCurves} />
      </section>
      <OperationsView state={operations} />
      {plan.serving.map((s) => (
        <section key={s.name} aria-label={`Serving ${s.name}`}>
          <h3>Serving {s.name}</h3>
          <p>
            {s.best.replicas} replicas of {layoutLabel(s.best)} = {count(s.best.gpus)} GPUs on {s.engine.name}{' '}
            {s.engine.version}; SLO attainment{' '}
            {s.best.sloAttainment === null ? '—' : formatPercent(s.best.sloAttainment)}.
          </p>
          <FigureTable caption={`${s.name}: figures`} group="serving" figures={s.figures} />
        </section>
      ))}
      <Protections plan={plan} />
      <section aria-label="Every figure">
        <h3>Every figure</h3>
        <div className="figure-tables">
          <FigureTable caption="Site" group="site" figures={plan.figures} />
          {plan.training && (
            <FigureTable caption="Training" group="training" figures={plan.training.figures} />
          )}
        </div>
        {plan.reliability && (
          <p className="muted">
            Checkpoint every {formatSeconds(plan.reliability.policy.intervalS)} (
            {plan.reliability.checkpointMode}); {usd(plan.cost.annualCostUsd)} a year to run the site.
          </p>
        )}
      </section>
    </div>
  );
}
