import { DERIVED_NOTE, type Figure, formatFigure, formatInput, rangeLabel, uniqueSources } from '@aidc/core';
import { createContext, useContext, useEffect, useRef } from 'react';

/** Opens the explanation of a figure; provided by the app, used by every figure on the page. */
export const ExplainContext = createContext<(name: string, f: Figure) => void>(() => {});

/** A figure's value as a button: pressing it shows how the figure was computed. */
export function FigureValue({
  name,
  figure,
  label,
}: {
  readonly name: string;
  readonly figure: Figure | undefined;
  readonly label?: string;
}) {
  const explain = useContext(ExplainContext);
  if (!figure) return <span>—</span>;
  const range = rangeText(figure);
  return (
    <>
      <button
        type="button"
        className="figure"
        onClick={() => explain(name, figure)}
        aria-label={`${label ?? name}: ${formatFigure(figure)}${range ? `, ${range}` : ''}; explain`}
      >
        {formatFigure(figure)}
      </button>
      {range && (
        <span className="range" title={figure.range!.basis}>
          {range}
        </span>
      )}
    </>
  );
}

/** "80%: low–high" in the figure's own unit, and whether it lies outside what was validated. */
function rangeText(f: Figure): string | undefined {
  return rangeLabel(f, (value) => formatFigure({ ...f, value }));
}

/** How one figure was computed: its formula, inputs and the sources of its constants. */
export function FigureDialog({
  open,
  onClose,
}: {
  readonly open: { readonly name: string; readonly figure: Figure } | undefined;
  readonly onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="figure-title" className="figure-dialog">
      {open && (
        <>
          <h2 id="figure-title">
            {open.name} = {formatFigure(open.figure)}
          </h2>
          {open.figure.range && (
            <p className="range">
              {rangeText(open.figure)}: {open.figure.range.basis}
            </p>
          )}
          <h3>Formula</h3>
          <p className="formula">{open.figure.formula}</p>
          {Object.keys(open.figure.inputs).length > 0 && (
            <>
              <h3>Inputs (SI units)</h3>
              <table className="inputs">
                <tbody>
                  {Object.entries(open.figure.inputs).map(([k, v]) => (
                    <tr key={k}>
                      <th scope="row">{k}</th>
                      <td>{formatInput(v, 6)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {open.figure.sources.length > 0 && (
            <>
              <h3>Sources</h3>
              <ul>
                {uniqueSources(open.figure.sources).map((s) => (
                  <li key={s.title + (s.note ?? '')}>
                    {s.url ? (
                      <a href={s.url} rel="noreferrer noopener" target="_blank">
                        {s.title}
                      </a>
                    ) : (
                      s.title
                    )}
                    {s.note ? <span className="muted"> ({s.note})</span> : null}
                  </li>
                ))}
              </ul>
            </>
          )}
          {open.figure.derived && <p className="muted">{DERIVED_NOTE}</p>}
          <form method="dialog">
            <button type="submit">Close</button>
          </form>
        </>
      )}
    </dialog>
  );
}
