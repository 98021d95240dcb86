import type { Figure } from '@aidc/core';
import { FigureValue } from './FigureDialog.js';

/** Figures by name, each value a button that explains it. */
export function FigureTable({
  caption,
  figures,
}: {
  readonly caption: string;
  readonly figures: Readonly<Record<string, Figure>>;
}) {
  const entries = Object.entries(figures);
  if (entries.length === 0) return null;
  return (
    <table className="figures">
      <caption>{caption}</caption>
      <tbody>
        {entries.map(([name, f]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>
              <FigureValue name={name} figure={f} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
