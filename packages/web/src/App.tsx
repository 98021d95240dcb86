import type { Figure } from '@aidc/core';
import { useEffect, useMemo, useState } from 'react';
import { CompareView } from './components/CompareView.js';
import { ExplainContext, FigureDialog } from './components/FigureDialog.js';
import { Planner } from './components/Planner.js';
import { ShareView } from './components/ShareView.js';
import { createEngine } from './engine/engine.js';

type Route =
  | { readonly kind: 'planner' }
  | { readonly kind: 'share'; readonly id: string }
  | { readonly kind: 'compare'; readonly a: string; readonly b: string };

function routeOf(loc: Location): Route {
  const share = /^\/share\/([\w-]+)$/.exec(loc.pathname);
  if (share) return { kind: 'share', id: share[1]! };
  if (loc.pathname === '/compare') {
    const q = new URLSearchParams(loc.search);
    return { kind: 'compare', a: q.get('a') ?? '', b: q.get('b') ?? '' };
  }
  return { kind: 'planner' };
}

export function App() {
  const engine = useMemo(createEngine, []);
  useEffect(() => () => engine.dispose(), [engine]);
  const [route, setRoute] = useState<Route>(() => routeOf(window.location));
  const [explained, setExplained] = useState<{ name: string; figure: Figure } | undefined>();

  useEffect(() => {
    const onPop = () => setRoute(routeOf(window.location));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = (path: string) => {
    window.history.pushState(null, '', path);
    setRoute(routeOf(window.location));
  };

  return (
    <ExplainContext.Provider value={(name, figure) => setExplained({ name, figure })}>
      <header className="top">
        <a
          href="/"
          className="brand"
          onClick={(e) => {
            e.preventDefault();
            navigate('/');
          }}
        >
          aidc
        </a>
        <span className="tagline">plan an AI datacenter: compute, network, storage, power, cost</span>
        <a href="/api/openapi.json" className="api-link">
          API
        </a>
      </header>
      {route.kind === 'planner' && <Planner engine={engine} navigate={navigate} />}
      {route.kind === 'share' && <ShareView id={route.id} engine={engine} navigate={navigate} />}
      {route.kind === 'compare' && <CompareView a={route.a} b={route.b} onBack={() => navigate('/')} />}
      <FigureDialog open={explained} onClose={() => setExplained(undefined)} />
    </ExplainContext.Provider>
  );
}
