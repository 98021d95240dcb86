import { useEffect, useState } from 'react';
import { ApiError, api, type SharedVersion } from '../api/client.js';
import type { Engine } from '../engine/engine.js';
import { usePlanExtras } from '../engine/use-plan-extras.js';
import { Alert } from './Alert.js';
import { PlanView } from './PlanView.js';

/** A shared plan, read-only: the scenario as saved and the plan the server made of it. */
export function ShareView({
  id,
  engine,
  navigate,
}: {
  readonly id: string;
  readonly engine: Engine;
  readonly navigate: (p: string) => void;
}) {
  const [saved, setSaved] = useState<SharedVersion | undefined>();
  const [error, setError] = useState('');
  useEffect(() => {
    api
      .shared(id)
      .then(setSaved)
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [id]);
  const extras = usePlanExtras(engine, saved?.yaml ?? '', saved?.plan);
  return (
    <main className="share-view">
      <p className="banner" role="note">
        A shared plan, read-only.{' '}
        <button type="button" className="link-button" onClick={() => navigate('/')}>
          Open the planner
        </button>
      </p>
      <Alert message={error} />
      {saved && (
        <div className="planner">
          <section className="editor" aria-label="Scenario">
            <h1>
              {saved.name} <span className="muted">version {saved.version}</span>
            </h1>
            <label htmlFor="shared-yaml">Scenario YAML</label>
            <textarea id="shared-yaml" readOnly value={saved.yaml} rows={30} />
          </section>
          <section className="plan-pane" aria-label="Plan">
            <PlanView
              plan={saved.plan}
              sweep={extras.sweep}
              loadCurves={extras.loadCurves}
              operations={extras.operations}
            />
          </section>
        </div>
      )}
    </main>
  );
}
