import type { Figure, FigureRange } from '../explain/figure.js';

/** "80%" for a range held at that level. */
export function rangeLevel(r: FigureRange): string {
  return `${Math.round(r.level * 100)}%`;
}

/** "low–high" of a figure's range in `fmt`, or undefined when the figure has none. */
export function rangeSpan(f: Figure | undefined, fmt: (v: number) => string): string | undefined {
  return f?.range ? `${fmt(f.range.low)}–${fmt(f.range.high)}` : undefined;
}

/** "80%: low–high", marked where the plan lies outside what was validated; undefined without a range. */
export function rangeLabel(f: Figure | undefined, fmt: (v: number) => string): string | undefined {
  const span = rangeSpan(f, fmt);
  return span && f?.range
    ? `${rangeLevel(f.range)}: ${span}${f.range.outsideValidated ? ' (outside the validated range)' : ''}`
    : undefined;
}
