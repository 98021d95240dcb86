import { type Diagnostic, formatPath, type Refusal, type RefusalSubject } from '@aidc/core';

/** What a refusal is about, in the words the page heads it with. */
export const REFUSAL_HEADLINE: Readonly<Record<RefusalSubject, string>> = {
  scenario: 'Scenario has problems',
  plan: 'Scenario cannot be planned',
};

/** A refusal as the CLI prints it (place, field path, words), one reason a line; each one moves the
 * YAML cursor to its place. */
export function Diagnostics({
  refusal,
  hidden = 0,
  onGo,
}: {
  readonly refusal: Refusal | undefined;
  /** Errors left out of the list because they follow from the first (a syntax error's cascade). */
  readonly hidden?: number;
  readonly onGo: (d: Diagnostic) => void;
}) {
  // The live region stays in the page so its first message is announced too.
  if (!refusal) return <div aria-live="polite" />;
  const items = refusal.diagnostics;
  // Core lists the first reasons only and counts the rest.
  const total = items.length + (refusal.omitted ?? 0);
  return (
    <section className="diagnostics" aria-live="polite" aria-label="Problems in the scenario">
      <h2>
        {refusal.what === 'plan'
          ? 'The scenario cannot be planned'
          : hidden > 0
            ? 'The scenario is not valid YAML'
            : `${total.toLocaleString('en-US')} problem${total > 1 ? 's' : ''} in the scenario`}
      </h2>
      <ul>
        {items.map((d) => (
          <li key={`${d.line}:${d.column}:${formatPath(d.path)}:${d.code}:${d.message}`} data-code={d.code}>
            <button type="button" className="link-button" onClick={() => onGo(d)}>
              {d.line > 0 ? `${d.line}:${d.column}` : 'scenario'}
            </button>{' '}
            <code>{formatPath(d.path)}</code>: {d.message}
          </li>
        ))}
        {refusal.omitted ? <li>… and {refusal.omitted.toLocaleString('en-US')} more problems</li> : null}
      </ul>
      {hidden > 0 && (
        <p className="muted">
          Fix this first: the parser's {hidden} later complaint{hidden > 1 ? 's' : ''} mostly follow from it.
        </p>
      )}
    </section>
  );
}
