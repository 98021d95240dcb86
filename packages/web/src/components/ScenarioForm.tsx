import { type Diagnostic, formatPath } from '@aidc/core';
import { useRef } from 'react';
import { type FieldNode, fieldsOf, type Path, pathKey, setField } from '../scenario/edit.js';

/** Each diagnostic at the deepest field of the form it points at (a missing field: its parent). */
function placeDiagnostics(root: FieldNode, diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const at = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    let node: FieldNode | undefined = root;
    let path: Path = [];
    for (const k of d.path) {
      const next: FieldNode | undefined =
        node?.kind === 'map'
          ? node.entries.find(([key]) => key === String(k))?.[1]
          : node?.kind === 'list' && typeof k === 'number'
            ? node.items[k]
            : undefined;
      if (!next) break;
      node = next;
      path = next.path;
    }
    const key = pathKey(path);
    at.set(key, [...(at.get(key) ?? []), d]);
  }
  return at;
}

const idOf = (p: Path): string =>
  `f-${
    p
      .map(String)
      .join('-')
      .replace(/[^\w-]/g, '_') || 'root'
  }`;

function Problems({ list, id }: { readonly list: readonly Diagnostic[] | undefined; readonly id: string }) {
  if (!list || list.length === 0) return null;
  return (
    <span className="field-error" id={id}>
      {list.map((d) => `${d.line > 0 ? `line ${d.line}: ` : ''}${d.message}`).join('; ')}
    </span>
  );
}

function Field({
  node,
  label,
  problems,
  onSet,
  readOnly,
}: {
  readonly node: FieldNode;
  readonly label: string;
  readonly problems: Map<string, Diagnostic[]>;
  readonly onSet: (path: Path, value: string | boolean) => void;
  readonly readOnly: boolean;
}) {
  const here = problems.get(pathKey(node.path));
  const id = idOf(node.path);
  if (node.kind === 'leaf') {
    const errId = `${id}-error`;
    const invalid = here !== undefined;
    return (
      <div className={`field${invalid ? ' invalid' : ''}`}>
        <label htmlFor={id} title={formatPath(node.path)}>
          {label}
        </label>
        {typeof node.value === 'boolean' ? (
          <input
            id={id}
            type="checkbox"
            checked={node.value}
            disabled={readOnly}
            onChange={(e) => onSet(node.path, e.currentTarget.checked)}
            aria-invalid={invalid}
            aria-describedby={invalid ? errId : undefined}
          />
        ) : (
          <input
            id={id}
            type="text"
            value={node.value === null ? '' : String(node.value)}
            readOnly={readOnly}
            onChange={(e) => onSet(node.path, e.currentTarget.value)}
            aria-invalid={invalid}
            aria-describedby={invalid ? errId : undefined}
            spellCheck={false}
          />
        )}
        <Problems list={here} id={errId} />
      </div>
    );
  }
  const children =
    node.kind === 'map'
      ? node.entries.map(([k, child]) => ({ key: k, child, label: k }))
      : node.items.map((child, i) => ({ key: String(i), child, label: `${label} ${i + 1}` }));
  const body = (
    <>
      <Problems list={here} id={`${id}-error`} />
      {children.map((c) => (
        <Field
          key={c.key}
          node={c.child}
          label={c.label}
          problems={problems}
          onSet={onSet}
          readOnly={readOnly}
        />
      ))}
    </>
  );
  if (node.path.length === 0) return body;
  return (
    <fieldset className={here ? 'invalid' : undefined}>
      <legend>{label}</legend>
      {body}
    </fieldset>
  );
}

/** The scenario as a form: every field of the text, edited in place; the YAML stays the truth. */
export function ScenarioForm({
  yaml,
  diagnostics,
  onChange,
}: {
  readonly yaml: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly onChange: (yaml: string) => void;
}) {
  // While the text is not YAML the form stays, read-only, on the last text that was.
  const lastParsed = useRef<{ yaml: string; root: FieldNode } | undefined>(undefined);
  const parsed = fieldsOf(yaml);
  if (parsed) lastParsed.current = { yaml, root: parsed };
  const root = parsed ?? lastParsed.current?.root;
  if (!root)
    return <p className="muted">The text is not YAML yet: fix it on the right to edit it as a form.</p>;
  if (root.kind !== 'map') return <p className="muted">A scenario is a mapping of fields: see the YAML.</p>;
  const stale = parsed === undefined;
  const problems = stale ? new Map<string, Diagnostic[]>() : placeDiagnostics(root, diagnostics);
  return (
    <form
      className={`scenario-form${stale ? ' stale' : ''}`}
      aria-label="Scenario as a form"
      onSubmit={(e) => e.preventDefault()}
    >
      {stale && (
        <p className="stale-note" role="note">
          The YAML does not parse: this is the last scenario that parsed, read-only. Fix the YAML to edit it
          here.
        </p>
      )}
      <Field
        node={root}
        label="scenario"
        problems={problems}
        onSet={(path, v) => onChange(setField(yaml, path, v))}
        readOnly={stale}
      />
    </form>
  );
}
