import { useId } from 'react';
import { linear, log2 } from './scale.js';

export interface Series {
  readonly name: string;
  readonly color: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
  readonly dashed?: boolean;
}

export interface LineChartProps {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly logX?: boolean;
  readonly formatX?: (v: number) => string;
  readonly formatY?: (v: number) => string;
  /** A vertical marker, e.g. the chosen cluster size. */
  readonly markX?: { readonly x: number; readonly label: string };
  /** A horizontal marker, e.g. an objective. */
  readonly markY?: { readonly y: number; readonly label: string };
  /** A dot (with its value on hover) at each point; off for long timelines, where they would pile up. */
  readonly markers?: boolean;
}

const W = 520;
const H = 260;
const M = { left: 64, right: 16, top: 28, bottom: 44 };

/** A line chart as SVG, with its data also in a table for screen readers. */
export function LineChart(p: LineChartProps) {
  const titleId = useId();
  const all = p.series.flatMap((s) => s.points);
  const fx = p.formatX ?? String;
  const fy = p.formatY ?? ((v: number) => String(Number(v.toPrecision(3))));
  if (all.length === 0) return null;
  const xs = all.map((q) => q.x);
  const ys = all.map((q) => q.y).concat(p.markY ? [p.markY.y] : []);
  const xDom: [number, number] = [Math.min(...xs), Math.max(...xs)];
  const yDom: [number, number] = [0, Math.max(...ys) * 1.08 || 1];
  const x = (p.logX ? log2 : linear)(xDom, [M.left, W - M.right]);
  const y = linear(yDom, [H - M.bottom, M.top]);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{p.title}</title>
        <text x={M.left} y={16} className="chart-title">
          {p.title}
        </text>
        {y.ticks.map((t) => (
          <g key={`y${t}`}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className="grid" />
            <text x={M.left - 6} y={y(t) + 4} textAnchor="end" className="tick">
              {fy(t)}
            </text>
          </g>
        ))}
        {x.ticks.map((t) => (
          <text key={`x${t}`} x={x(t)} y={H - M.bottom + 16} textAnchor="middle" className="tick">
            {fx(t)}
          </text>
        ))}
        <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle" className="axis-label">
          {p.xLabel}
        </text>
        <text
          transform={`translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
          className="axis-label"
        >
          {p.yLabel}
        </text>
        {p.markY && (
          <g>
            <line x1={M.left} x2={W - M.right} y1={y(p.markY.y)} y2={y(p.markY.y)} className="mark" />
            <text x={W - M.right} y={y(p.markY.y) - 4} textAnchor="end" className="mark-label">
              {p.markY.label}
            </text>
          </g>
        )}
        {p.markX && (
          <g>
            <line x1={x(p.markX.x)} x2={x(p.markX.x)} y1={M.top} y2={H - M.bottom} className="mark" />
            <text
              x={x(p.markX.x) + (x(p.markX.x) > W / 2 ? -4 : 4)}
              y={M.top + 10}
              textAnchor={x(p.markX.x) > W / 2 ? 'end' : 'start'}
              className="mark-label"
            >
              {p.markX.label}
            </text>
          </g>
        )}
        {p.series.map((s) => (
          <g key={s.name}>
            <polyline
              fill="none"
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={s.dashed ? '5 4' : undefined}
              points={s.points.map((q) => `${x(q.x)},${y(q.y)}`).join(' ')}
            />
            {p.markers !== false &&
              s.points.map((q) => (
                <circle key={q.x} cx={x(q.x)} cy={y(q.y)} r={3} fill={s.color}>
                  <title>{`${s.name}: ${fy(q.y)} at ${fx(q.x)}`}</title>
                </circle>
              ))}
          </g>
        ))}
      </svg>
      <figcaption className="legend">
        {p.series.map((s) => (
          <span key={s.name}>
            <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
            {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
