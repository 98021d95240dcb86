import { type DatacenterPlan, describeFabric } from '@aidc/core';

const W = 520;

/** The compute fabric as tiers of switches over the nodes, each tier with its count and links. */
export function FabricDiagram({ plan }: { readonly plan: DatacenterPlan }) {
  const f = plan.networks.compute;
  const su = plan.networks.scaleUp;
  const tiers = [
    { name: 'core', count: f.coreSwitches, links: f.spineToCoreCables },
    { name: 'spine', count: f.spineSwitches, links: f.leafToSpineCables },
    { name: 'leaf', count: f.leafSwitches, links: f.nodeToLeafCables },
  ].filter((t) => t.count > 0);
  const rows = [...tiers, { name: 'nodes', count: f.nodes, links: 0 }];
  const H = 50 + rows.length * 62;
  const boxes = (n: number) => Math.min(n, 16);
  // Stable names for the drawn boxes and links: they are decoration, never reordered.
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, k) => `${prefix}${k}`);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="The compute fabric">
        <title>The compute fabric</title>
        <text x={0} y={16} className="chart-title">
          Compute fabric: {describeFabric(f, 'endpoints')}
        </text>
        <text x={0} y={30} className="tick">
          scale-up: {su.kind}, {su.domains.toLocaleString('en-US')} domains of {su.gpusPerDomain} GPUs
        </text>
        {rows.map((r, i) => {
          const y = 46 + i * 62;
          const n = boxes(r.count);
          const step = (W - 160) / n;
          return (
            <g key={r.name}>
              <text x={0} y={y + 16} className="tick">
                {r.name} × {r.count.toLocaleString('en-US')}
              </text>
              {ids(`${r.name}-box`, n).map((id, k) => (
                <rect
                  key={id}
                  x={140 + k * step}
                  y={y}
                  width={Math.max(4, step - 4)}
                  height={22}
                  rx={3}
                  className={r.name === 'nodes' ? 'node-box' : 'switch-box'}
                />
              ))}
              {r.count > n && (
                <text x={W - 2} y={y + 16} textAnchor="end" className="tick">
                  …
                </text>
              )}
              {i + 1 < rows.length && (
                <g>
                  {ids(`${r.name}-link`, Math.min(n, boxes(rows[i + 1]!.count))).map((id, k) => {
                    const nStep = (W - 160) / boxes(rows[i + 1]!.count);
                    return (
                      <line
                        key={id}
                        x1={140 + k * step + step / 2}
                        y1={y + 22}
                        x2={140 + (boxes(rows[i + 1]!.count) - 1 - k) * nStep + nStep / 2}
                        y2={y + 62}
                        className="link"
                      />
                    );
                  })}
                  <text x={0} y={y + 46} className="tick muted">
                    {r.links.toLocaleString('en-US')} links
                  </text>
                </g>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
