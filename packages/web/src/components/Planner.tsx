import type { DatacenterPlan, Refusal } from '@aidc/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SavedVersion } from '../api/client.js';
import type { PageFiles } from '../engine/contract.js';
import type { Engine } from '../engine/engine.js';
import { Superseded } from '../engine/engine.js';
import { usePlanExtras } from '../engine/use-plan-extras.js';
import { BLANK, DEFAULT_EXAMPLE, EXAMPLES } from '../examples.js';
import { firstSyntaxError } from '../scenario/first-syntax-error.js';
import { Diagnostics, REFUSAL_HEADLINE } from './Diagnostics.js';
import { PlanProgress } from './PlanProgress.js';
import { PlanView } from './PlanView.js';
import { ScenarioForm } from './ScenarioForm.js';
import { type SavedRef, ServerPanel } from './ServerPanel.js';
import { goTo, YamlEditor } from './YamlEditor.js';

/** Typing pauses this long before the plan is recomputed. */
const DEBOUNCE_MS = 200;

type PlanState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'planned'; readonly plan: DatacenterPlan; readonly ms: number; readonly yaml: string }
  | { readonly kind: 'refused'; readonly refusal: Refusal }
  | { readonly kind: 'failed'; readonly message: string };

const nameOf = (yaml: string): string =>
  /^name:\s*(.+)$/m
    .exec(yaml)?.[1]
    ?.trim()
    .replace(/^['"]|['"]$/g, '') ?? 'Untitled';

/** Files the user adds for the scenario to name as `./<name>`: read in the page, sent to nobody. */
function AddedFiles({
  files,
  onAdd,
}: {
  readonly files: PageFiles;
  readonly onAdd: (name: string, text: string) => void;
}) {
  const names = Object.keys(files);
  return (
    <div className="added-files">
      <label htmlFor="add-file">
        Add a file the scenario names (a calibration from aidc calibrate, a trace)
      </label>
      <input
        id="add-file"
        type="file"
        accept=".json,.csv,.yaml,.yml"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void file.text().then((text) => onAdd(file.name, text));
        }}
      />
      {names.length > 0 && <p className="muted">Added: {names.map((n) => `./${n}`).join(', ')}</p>}
    </div>
  );
}

/** The planner: scenario as a form and as YAML side by side, the plan beside them, saved plans below. */
export function Planner({
  engine,
  navigate,
}: {
  readonly engine: Engine;
  readonly navigate: (path: string) => void;
}) {
  const [yaml, setYaml] = useState(() => EXAMPLES.find((e) => e.id === DEFAULT_EXAMPLE)?.yaml ?? BLANK);
  const [example, setExample] = useState(DEFAULT_EXAMPLE);
  const [state, setState] = useState<PlanState>({ kind: 'idle' });
  const [lastPlan, setLastPlan] = useState<DatacenterPlan | undefined>();
  const [busy, setBusy] = useState(false);
  /** How far the running plan is, 0 to 1, when the engine reports it. */
  const [progress, setProgress] = useState(0);
  const [current, setCurrent] = useState<SavedRef | undefined>();
  /** Files the user added (a calibration from aidc calibrate, a trace), which the scenario may name. */
  const [files, setFiles] = useState<PageFiles>({});
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    setBusy(true);
    setProgress(0);
    const timer = setTimeout(() => {
      engine
        .run({ kind: 'plan', yaml, files }, setProgress)
        .then((a) => {
          if (a.kind !== 'plan') return;
          if (a.result.ok) {
            setState({ kind: 'planned', plan: a.result.plan, ms: a.ms, yaml });
            setLastPlan(a.result.plan);
          } else setState({ kind: 'refused', refusal: a.result.refusal });
          setBusy(false);
        })
        .catch((e: unknown) => {
          if (e instanceof Superseded) return;
          setState({ kind: 'failed', message: (e as Error).message });
          setBusy(false);
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [engine, yaml, files]);

  const plan = state.kind === 'planned' ? state.plan : undefined;
  // The charts follow the text the plan was made from, not every keystroke since.
  const extras = usePlanExtras(engine, state.kind === 'planned' ? state.yaml : '', plan, files);
  // A text that is not YAML lists its first syntax error alone: the rest mostly follow from it.
  const shown = state.kind === 'refused' ? firstSyntaxError(state.refusal) : undefined;
  const refusal = shown?.refusal;
  const diagnostics = refusal?.diagnostics ?? [];
  const defaultName = useMemo(() => nameOf(yaml), [yaml]);

  const pick = (id: string) => {
    setExample(id);
    setCurrent(undefined);
    setYaml(id === 'blank' ? BLANK : (EXAMPLES.find((e) => e.id === id)?.yaml ?? BLANK));
  };

  return (
    <main className="planner">
      <section className="editor" aria-label="Scenario">
        <div className="toolbar">
          <label htmlFor="example">Start from</label>
          <select id="example" value={example} onChange={(e) => pick(e.currentTarget.value)}>
            {EXAMPLES.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title}
              </option>
            ))}
            <option value="blank">A blank scenario</option>
          </select>
          <span className="status" role="status" aria-live="polite">
            {busy
              ? 'Planning…'
              : state.kind === 'planned'
                ? `Planned in ${state.ms.toFixed(0)} ms`
                : refusal
                  ? REFUSAL_HEADLINE[refusal.what]
                  : ''}
          </span>
        </div>
        <AddedFiles files={files} onAdd={(name, text) => setFiles((f) => ({ ...f, [name]: text }))} />
        <div id="problems">
          <Diagnostics
            refusal={refusal}
            hidden={shown?.hidden ?? 0}
            onGo={(d) => area.current && goTo(area.current, d.line, d.column)}
          />
          {state.kind === 'failed' && (
            <p role="alert" className="error">
              The engine failed: {state.message}
            </p>
          )}
        </div>
        <div className="side-by-side">
          <ScenarioForm yaml={yaml} diagnostics={diagnostics} onChange={setYaml} />
          <YamlEditor ref={area} value={yaml} onChange={setYaml} invalid={diagnostics.length > 0} />
        </div>
        <ServerPanel
          yaml={yaml}
          defaultName={defaultName}
          canSave={state.kind === 'planned'}
          current={current}
          onSaved={setCurrent}
          onDeleted={(id) => setCurrent((c) => (c?.id === id ? undefined : c))}
          onOpen={(v: SavedVersion) => {
            setCurrent({ id: v.scenarioId, version: v.version, name: v.name });
            setYaml(v.yaml);
          }}
          navigate={navigate}
        />
      </section>
      <section className={`plan-pane${plan ? '' : ' stale'}`} aria-label="Plan" aria-busy={busy}>
        {busy && (
          <PlanProgress fraction={progress} replacing={plan !== undefined || lastPlan !== undefined} />
        )}
        {plan ? (
          <PlanView
            plan={plan}
            sweep={extras.sweep}
            loadCurves={extras.loadCurves}
            operations={extras.operations}
            stale={busy}
          />
        ) : lastPlan ? (
          <>
            <p className="stale-note" role="note">
              Showing the last plan that planned; fix the scenario to update it.
            </p>
            <PlanView plan={lastPlan} sweep={null} loadCurves={[]} stale={busy} />
          </>
        ) : (
          !busy && <p className="muted">No plan yet.</p>
        )}
      </section>
    </main>
  );
}
