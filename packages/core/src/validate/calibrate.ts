import { TRAINING_CONSTANTS, type TrainingConstants } from '../training/constants.js';
import { CALIBRATABLE, CALIBRATION_FORMAT, type Calibration } from '../uncertainty/calibration.js';
import { mape } from './error.js';
import { nelderMead } from './nelder-mead.js';
import { scoreTrainingSet, type TrainingCase } from './training-set.js';

/**
 * Calibration on a team's own cluster: the training model's constants refitted, within bounds, on the
 * team's measured step times (in the public set's format), and kept only if that helps on points the
 * refit did not see. A scenario names the file (`calibration:`), and its plans use the constants.
 */

/** Fewest points a calibration takes: with two, leaving one out fits on one. */
export const MIN_CALIBRATION_POINTS = 3;
/** Points per fitted constant beyond the first two: a fit needs more points than unknowns to be checked. */
const SPARE_POINTS = 2;
/** Two records of one run (same model, cluster and layout) that differ by more than this are refused:
 * one of them is not what it says. */
export const INCONSISTENT_RATIO = 1.25;
const ITERATIONS = 200;

export type CalibrationResult =
  | { readonly ok: true; readonly calibration: Calibration }
  | {
      readonly ok: false;
      readonly reasons: readonly string[];
      readonly crossValidated?: { readonly beforeMapePct: number; readonly afterMapePct: number };
    };

function sameRun(a: TrainingCase, b: TrainingCase): boolean {
  const strip = (c: TrainingCase) =>
    JSON.stringify({ model: c.model, cluster: c.cluster, training: c.training });
  return strip(a) === strip(b);
}

/** What makes points unfit to calibrate on, in words; empty when they are fit. */
function refusals(cases: readonly TrainingCase[], scoredErrors: readonly (string | undefined)[]): string[] {
  const out: string[] = [];
  if (cases.length < MIN_CALIBRATION_POINTS) {
    out.push(
      `${cases.length} measurement${cases.length === 1 ? '' : 's'}: a calibration needs at least ${MIN_CALIBRATION_POINTS}, so that one can be left out to check it`,
    );
  }
  cases.forEach((c, i) => {
    const why = scoredErrors[i];
    if (why) out.push(`${c.id}: the model cannot plan it (${why})`);
  });
  for (let i = 0; i < cases.length; i++) {
    for (let j = i + 1; j < cases.length; j++) {
      const a = cases[i]!;
      const b = cases[j]!;
      const ratio =
        Math.max(a.measured.stepTimeS, b.measured.stepTimeS) /
        Math.min(a.measured.stepTimeS, b.measured.stepTimeS);
      if (sameRun(a, b) && ratio > INCONSISTENT_RATIO) {
        out.push(
          `${a.id} and ${b.id} describe the same run but measured ${a.measured.stepTimeS} s and ${b.measured.stepTimeS} s (×${ratio.toFixed(2)}): inconsistent, keep the one you trust`,
        );
      }
    }
  }
  return out;
}

/** The constants fitted on `cases`, from the public ones, `names` within their bounds. */
function fit(
  cases: readonly TrainingCase[],
  names: readonly (typeof CALIBRATABLE)[number][],
): TrainingConstants {
  const constantsOf = (x: readonly number[]): TrainingConstants => {
    const k: Record<string, number> = { ...TRAINING_CONSTANTS };
    names.forEach((c, i) => {
      k[c.name] = Math.min(c.bounds[1], Math.max(c.bounds[0], x[i]!));
    });
    return k as unknown as TrainingConstants;
  };
  const objective = (x: readonly number[]) =>
    mape(scoreTrainingSet(cases, constantsOf(x)).cases.map((c) => c.errorPct));
  const start = names.map((c) => TRAINING_CONSTANTS[c.name as keyof TrainingConstants]);
  return constantsOf(nelderMead(objective, start, { iterations: ITERATIONS }).x);
}

/**
 * Calibrates the training model on measured step times: as many constants as the points allow (two
 * spare points per constant), each within bounds; checked by leaving each point out, fitting on the
 * rest and predicting it. Refused when the points are too few, unplannable or inconsistent, or when
 * the calibrated constants predict the left-out points no better than the public ones.
 */
export function calibrateTraining(cases: readonly TrainingCase[], measurements: string): CalibrationResult {
  const before = scoreTrainingSet(cases);
  const why = refusals(
    cases,
    before.cases.map((c) => (Number.isFinite(c.errorPct) ? undefined : (c.error ?? 'no layout'))),
  );
  if (why.length > 0) return { ok: false, reasons: why };
  const count = Math.max(1, Math.min(CALIBRATABLE.length, cases.length - SPARE_POINTS));
  const names = CALIBRATABLE.slice(0, count);
  const heldOut = cases.map((c, i) => {
    const k = fit(
      cases.filter((_, j) => j !== i),
      names,
    );
    return { id: c.id, errorPct: scoreTrainingSet([c], k).cases[0]!.errorPct };
  });
  const crossValidated = {
    beforeMapePct: before.mape,
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
  const k = fit(cases, names);
  return {
    ok: true,
    calibration: {
      format: CALIBRATION_FORMAT,
      model: 'training',
      measurements,
      constants: Object.fromEntries(
        names.map((c) => [c.name, Number(k[c.name as keyof TrainingConstants].toPrecision(6))]),
      ),
      points: cases.length,
      crossValidated: { ...crossValidated, heldOut },
    },
  };
}
