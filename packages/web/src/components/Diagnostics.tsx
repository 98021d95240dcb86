import { type Diagnostic, formatPath } from '@aidc/core';

/** The scenario's problems, as the CLI prints them; each one moves the YAML cursor to its place. */
export function Diagnostics({
  items,
  onGo,
}: {
  readonly items: readonly Diagnostic[];
  readonly onGo: (d: Diagnostic) => void;
}) {
  // The live region stays in the page so its first message is announced too.
  if (items.length === 0) return <div aria-live="polite" />;
  return (
    <section className="diagnostics" aria-live="polite" aria-label="Problems in the scenario">
      <h2>
        {items.length} problem{items.length > 1 ? 's' : ''} in the scenario
      </h2>
      <ul>
        {items.map((d) => (
          <li key={`${d.line}:${d.column}:${formatPath(d.path)}:${d.message}`}>
            <button type="button" className="link-button" onClick={() => onGo(d)}>
              {d.line > 0 ? `${d.line}:${d.column}` : 'scenario'}
            </button>{' '}
            <code>{formatPath(d.path)}</code>: {d.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
