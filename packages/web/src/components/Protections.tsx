import { formatCount as count, type DatacenterPlan, formatSeconds, usd } from '@aidc/core';
import { FigureTable } from './FigureTable.js';

/** Privacy, federated training and security: each beside the plain run, every figure explainable. */
export function Protections({ plan }: { readonly plan: DatacenterPlan }) {
  const v = plan.privacy;
  const f = plan.federated;
  const s = plan.security;
  if (!v && !f && !s) return null;
  return (
    <>
      {v && (
        <section aria-label="Privacy">
          <h3>
            Privacy: (ε = {v.epsilon.toPrecision(4)}, δ = {v.delta.toExponential(0)}) by {v.accountant}
          </h3>
          <table className="comparison">
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col">without privacy</th>
                <th scope="col">with privacy</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">layout</th>
                <td>{v.nonPrivate.layout}</td>
                <td>{v.private.layout}</td>
              </tr>
              <tr>
                <th scope="row">wall-clock</th>
                <td>{formatSeconds(v.nonPrivate.wallClockS)}</td>
                <td>{formatSeconds(v.private.wallClockS)}</td>
              </tr>
              <tr>
                <th scope="row">run cost (owned)</th>
                <td>{usd(v.nonPrivate.runCostUsd)}</td>
                <td>{usd(v.private.runCostUsd)}</td>
              </tr>
              <tr>
                <th scope="row">GPUs</th>
                <td>{count(v.nonPrivate.gpus)}</td>
                <td>
                  {count(v.private.gpus)}
                  {v.gpusForSameWallClock !== null
                    ? ` (${count(v.gpusForSameWallClock)} for the same wall-clock)`
                    : ''}
                </td>
              </tr>
            </tbody>
          </table>
          <FigureTable
            caption={`Privacy figures (clipping: ${v.clipping.name})`}
            group="privacy"
            figures={v.figures}
          />
        </section>
      )}
      {f && (
        <section aria-label="Federated training">
          <h3>Federated training: {f.secureAggregation}</h3>
          <p>
            {count(f.selectedPerRound)} clients selected a round; round {formatSeconds(f.roundTimeS)}; run{' '}
            {formatSeconds(f.wallClockS)}
            {f.centralWallClockS !== null
              ? ` (in this datacenter: ${formatSeconds(f.centralWallClockS)})`
              : ''}
            .
          </p>
          <FigureTable caption="Federated figures" group="federated" figures={f.figures} />
        </section>
      )}
      {s && (
        <section aria-label="Security">
          <h3>
            Security{s.level ? ` ${s.level}` : ''}: {s.met} of {s.requirements.length} requirements met
          </h3>
          <table className="comparison">
            <thead>
              <tr>
                <th scope="col">requirement</th>
                <th scope="col">met by</th>
              </tr>
            </thead>
            <tbody>
              {s.requirements.map((r) => (
                <tr key={r.name} className={r.metBy ? undefined : 'changed'}>
                  <th scope="row">{r.name}</th>
                  <td>
                    {r.metBy ??
                      (r.blocked ? 'cannot be met on this site' : `gap: add ${r.anyOf.join(' or ')}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <FigureTable caption="Security figures" group="security" figures={s.figures} />
        </section>
      )}
    </>
  );
}
