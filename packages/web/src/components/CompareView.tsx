import { type ComparisonRow, type Figure, formatFigure } from '@aidc/core';
import { useEffect, useState } from 'react';
import { ApiError, api, type Comparison } from '../api/client.js';
import { figureLabel } from '../figures/labels.js';
import { Alert } from './Alert.js';

const show = (v: number | null, unit: ComparisonRow['unit']): string =>
  v === null
    ? '—'
    : formatFigure({ value: v, unit, formula: '', inputs: {}, sources: [], derived: true } satisfies Figure);

const change = (r: ComparisonRow): string => {
  if (r.delta === 0) return 'same';
  if (r.ratio === null || r.delta === null) return '—';
  const pct = (r.ratio - 1) * 100;
  return `${pct > 0 ? '+' : ''}${Math.abs(pct) >= 10 ? pct.toFixed(0) : pct.toFixed(1)}%`;
};

/** Two saved plans side by side: every figure, and how far the second moved from the first. */
export function CompareView({
  a,
  b,
  onBack,
}: {
  readonly a: string;
  readonly b: string;
  readonly onBack: () => void;
}) {
  const [data, setData] = useState<Comparison | undefined>();
  const [error, setError] = useState('');
  useEffect(() => {
    api
      .compare(a, b)
      .then(setData)
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [a, b]);
  return (
    <main className="compare" aria-labelledby="compare-title">
      <button type="button" onClick={onBack}>
        ← Back to the planner
      </button>
      <h1 id="compare-title">Compare two plans</h1>
      <Alert message={error} />
      {!data && !error && <p role="status">Loading…</p>}
      {data && (
        <div className="table-scroll">
          <table className="comparison">
            <thead>
              <tr>
                <th scope="col">figure</th>
                <th scope="col">
                  {data.a.name} <span className="muted">v{data.a.version}</span>
                </th>
                <th scope="col">
                  {data.b.name} <span className="muted">v{data.b.version}</span>
                </th>
                <th scope="col">change</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.key} className={r.delta !== null && r.delta !== 0 ? 'changed' : undefined}>
                  <th scope="row">{figureLabel(r.key, r.unit)}</th>
                  <td>{show(r.a, r.unit)}</td>
                  <td>{show(r.b, r.unit)}</td>
                  <td>{change(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
