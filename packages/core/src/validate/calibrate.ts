import {
  CALIBRATABLE,
  CALIBRATION_FORMAT,
  type Calibratable,
  type CalibratedModel,
  type Calibration,
} from '../uncertainty/calibration.js';
import { mape } from './error.js';
import { nelderMead } from './nelder-mead.js';

/**
 * Calibration on a team's own cluster: a model's constants refitted, within bounds, on the team's
 * measurements (in the public sets' formats), and kept only if that helps on points the refit did
 * not see. A scenario names the file (`calibration:`), and its plans use the constants.
 */

/** Fewest points a calibration takes: with two, leaving one out fits on one. */
export const MIN_CALIBRATION_POINTS = 3;
/** Points per fitted constant beyond the first two: a fit needs more points than unknowns to be checked. */
const SPARE_POINTS = 2;
/** Two records of one run (same model, cluster and settings) that differ by more than this are
 * refused: one of them is not what it says. */
export const INCONSISTENT_RATIO = 1.25;
const ITERATIONS = 200;

/** What calibration needs of a model: its public constants, how to score measurements with other
 * constants, and how to tell two records of one run. */
export interface CalibrationTarget<C extends { readonly id: string }> {
  readonly model: CalibratedModel;
  /** The measured quantity, plural, for messages ("step times"). */
  readonly measures: string;
  readonly publicConstants: Readonly<Record<string, number>>;
  /** Signed percentage error of each case under the constants, or why it cannot be planned. */
  errors(cases: readonly C[], constants: Readonly<Record<string, number>>): readonly (number | string)[];
  /** The case's measured value (for the consistency check). */
  measured(c: C): number;
  /** The same key for two records of one run. */
  runKey(c: C): string;
  /** The constants the points say anything about (all, when absent): bandwidths measured inside a
   * node cannot move the efficiency of the links between nodes. */
  informs?(cases: readonly C[]): ReadonlySet<string>;
}

export type CalibrationResult =
  | { readonly ok: true; readonly calibration: Calibration }
  | {
      readonly ok: false;
      readonly reasons: readonly string[];
      readonly crossValidated?: { readonly beforeMapePct: number; readonly afterMapePct: number };
    };

/** What makes points unfit to calibrate on, in words; empty when they are fit. */
function refusals<C extends { readonly id: string }>(
  target: CalibrationTarget<C>,
  cases: readonly C[],
  before: readonly (number | string)[],
): string[] {
  const out: string[] = [];
  if (cases.length < MIN_CALIBRATION_POINTS) {
    out.push(
      `${cases.length} measurement${cases.length === 1 ? '' : 's'}: a calibration needs at least ${MIN_CALIBRATION_POINTS}, so that one can be left out to check it`,
    );
  }
  cases.forEach((c, i) => {
    const e = before[i];
    if (typeof e === 'string') out.push(`${c.id}: the model cannot plan it (${e})`);
  });
  for (let i = 0; i < cases.length; i++) {
    for (let j = i + 1; j < cases.length; j++) {
      const a = cases[i]!;
      const b = cases[j]!;
      const [x, y] = [target.measured(a), target.measured(b)];
      const ratio = Math.max(x, y) / Math.min(x, y);
      if (target.runKey(a) === target.runKey(b) && ratio > INCONSISTENT_RATIO) {
        out.push(
          `${a.id} and ${b.id} describe the same run but measured ${x} and ${y} (×${ratio.toFixed(2)}): inconsistent, keep the one you trust`,
        );
      }
    }
  }
  return out;
}

const numeric = (errors: readonly (number | string)[]): number[] =>
  errors.map((e) => (typeof e === 'number' ? e : Number.POSITIVE_INFINITY));

/** The constants fitted on `cases`, from the public ones, `names` within their bounds. */
function fit<C extends { readonly id: string }>(
  target: CalibrationTarget<C>,
  cases: readonly C[],
  names: readonly Calibratable[],
): Record<string, number> {
  const constantsOf = (x: readonly number[]): Record<string, number> => {
    const k: Record<string, number> = { ...target.publicConstants };
    names.forEach((c, i) => {
      k[c.name] = Math.min(c.bounds[1], Math.max(c.bounds[0], x[i]!));
    });
    return k;
  };
  const objective = (x: readonly number[]) => mape(numeric(target.errors(cases, constantsOf(x))));
  const start = names.map((c) => target.publicConstants[c.name]!);
  return constantsOf(nelderMead(objective, start, { iterations: ITERATIONS }).x);
}

/**
 * Calibrates a model on measurements: as many constants as the points allow (two spare points per
 * constant), each within bounds; checked by leaving each point out, fitting on the rest and
 * predicting it. Refused when the points are too few, unplannable or inconsistent, or when the
 * calibrated constants predict the left-out points no better than the public ones.
 */
export function calibrate<C extends { readonly id: string }>(
  target: CalibrationTarget<C>,
  cases: readonly C[],
  measurements: string,
): CalibrationResult {
  const before = target.errors(cases, target.publicConstants);
  const why = refusals(target, cases, before);
  if (why.length > 0) return { ok: false, reasons: why };
  const informed = target.informs?.(cases);
  const all = CALIBRATABLE[target.model].filter((c) => !informed || informed.has(c.name));
  const names = all.slice(0, Math.max(1, Math.min(all.length, cases.length - SPARE_POINTS)));
  const heldOut = cases.map((c, i) => {
    const k = fit(
      target,
      cases.filter((_, j) => j !== i),
      names,
    );
    return { id: c.id, errorPct: numeric(target.errors([c], k))[0]! };
  });
  const crossValidated = {
    beforeMapePct: mape(numeric(before)),
    afterMapePct: mape(heldOut.map((h) => h.errorPct)),
  };
  if (crossValidated.afterMapePct >= crossValidated.beforeMapePct) {
    return {
      ok: false,
      reasons: [
        `calibrating does not help on points it did not see: leaving each out, the calibrated constants err by ${crossValidated.afterMapePct.toFixed(1)}%, the public ones by ${crossValidated.beforeMapePct.toFixed(1)}%; keep the public constants`,
      ],
      crossValidated,
    };
  }
  const k = fit(target, cases, names);
  return {
    ok: true,
    calibration: {
      format: CALIBRATION_FORMAT,
      model: target.model,
      measurements,
      constants: Object.fromEntries(names.map((c) => [c.name, Number(k[c.name]!.toPrecision(6))])),
      points: cases.length,
      crossValidated: { ...crossValidated, heldOut },
    },
  };
}
