import { formatPercent } from '@aidc/core';

/**
 * The plan is being made: a bar over the pane, with the share done when the engine reports one. The
 * plan under it (if any) is the previous one, dimmed until the new one comes.
 */
export function PlanProgress({
  fraction,
  replacing,
}: {
  readonly fraction: number;
  readonly replacing: boolean;
}) {
  const known = fraction > 0;
  const text = `Planning…${known ? ` ${formatPercent(fraction)}` : ''}`;
  return (
    <div className="plan-progress">
      <div
        role="progressbar"
        aria-label="Planning"
        aria-valuemin={0}
        aria-valuemax={100}
        {...(known ? { 'aria-valuenow': Math.round(fraction * 100) } : {})}
        aria-valuetext={text}
        className={`progress-track${known ? '' : ' indeterminate'}`}
      >
        <div
          className="progress-fill"
          style={known ? { width: `${(fraction * 100).toFixed(1)}%` } : undefined}
        />
      </div>
      <span>
        {text}
        {replacing ? ' The plan below is the previous one.' : ''}
      </span>
    </div>
  );
}
