export interface Bar {
  /** What the bar stands for, unique among the bars; the label when that is unique already. */
  readonly key?: string;
  readonly label: string;
  /** The whole name, where the label is cut short. */
  readonly title?: string;
  readonly value: number;
  readonly color?: string;
}

export interface BarsProps {
  readonly title: string;
  readonly bars: readonly Bar[];
  readonly format: (v: number) => string;
  /** A limit drawn across the bars (memory capacity, the rack power limit). */
  readonly limit?: { readonly value: number; readonly label: string };
  /** Show each bar's share of the total. */
  readonly shares?: boolean;
}

export const PALETTE = [
  '#1d4ed8',
  '#15803d',
  '#b45309',
  '#b91c1c',
  '#6d28d9',
  '#0e7490',
  '#be185d',
  '#4d7c0f',
  '#334155',
];

const W = 520;
const ROW = 24;
const LABEL = 170;
const RIGHT = 110;

/** Horizontal bars as SVG: one per part, its value, and optionally its share and a limit line. */
export function Bars(p: BarsProps) {
  const shown = p.bars.filter((b) => b.value > 0);
  if (shown.length === 0) return null;
  const total = shown.reduce((a, b) => a + b.value, 0);
  const max = Math.max(...shown.map((b) => b.value), p.limit?.value ?? 0) || 1;
  const H = 30 + shown.length * ROW + (p.limit ? 18 : 0);
  const x = (v: number) => LABEL + (v / max) * (W - LABEL - RIGHT);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={p.title}>
        <title>{p.title}</title>
        <text x={0} y={16} className="chart-title">
          {p.title}
        </text>
        {shown.map((b, i) => (
          <g key={b.key ?? b.label} transform={`translate(0 ${28 + i * ROW})`}>
            <text x={LABEL - 6} y={14} textAnchor="end" className="tick">
              {b.label}
              {b.title && b.title !== b.label ? <title>{b.title}</title> : null}
            </text>
            <rect
              x={LABEL}
              y={2}
              width={Math.max(1, x(b.value) - LABEL)}
              height={ROW - 6}
              fill={b.color ?? PALETTE[i % PALETTE.length]}
            />
            <text x={x(b.value) + 4} y={14} className="tick">
              {p.format(b.value)}
              {p.shares ? ` (${((100 * b.value) / total).toFixed(0)}%)` : ''}
            </text>
          </g>
        ))}
        {p.limit && (
          <g>
            <line x1={x(p.limit.value)} x2={x(p.limit.value)} y1={24} y2={H - 16} className="mark" />
            <text x={x(p.limit.value)} y={H - 4} textAnchor="middle" className="mark-label">
              {p.limit.label}
            </text>
          </g>
        )}
      </svg>
    </figure>
  );
}
