import type { Figure } from '@aidc/core';
import { figureWords } from '../figures/labels.js';
import { FigureValue } from './FigureDialog.js';

/** Figures by name, each value a button that explains it. */
export function FigureTable({
  caption,
  group,
  figures,
}: {
  readonly caption: string;
  /** The plan's group of these figures (`site`, `training`), for their names in words. */
  readonly group: string;
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
            <th scope="row">{figureWords(`${group}.${name}`).words}</th>
            <td>
              <FigureValue name={name} figure={f} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
