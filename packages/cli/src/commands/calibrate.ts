import { basename } from 'node:path';
import { CALIBRATABLE, calibrateTraining, TRAINING_CONSTANTS, table, trainingSetSchema } from '@aidc/core';
import { UserError } from '../errors.js';
import { readText, writeOut } from '../io.js';
import { writeOutput } from '../output.js';

/** A training constant's public (committed) value by name. */
const publicValue = (name: string): number | undefined =>
  (TRAINING_CONSTANTS as unknown as Readonly<Record<string, number>>)[name];

/** The calibration file's default name: beside the measurements, `<name>.calib.json`. */
function defaultOut(file: string): string {
  return file.replace(/(\.json)?$/, '.calib.json');
}

/**
 * `aidc calibrate MEASUREMENTS.json`: the training model refitted on a team's own step times (the
 * validation set format, aidc-validation/training@1), checked by leaving each point out, written as a
 * calibration file a scenario names (`calibration: ./our-cluster.calib.json`). Refused, with why,
 * when the points cannot carry it.
 */
export function calibrateCommand(file: string, opts: { out?: string; json?: boolean }): void {
  let data: unknown;
  try {
    data = JSON.parse(readText(file));
  } catch (e) {
    throw new UserError(`${file}: not JSON: ${(e as Error).message}`);
  }
  const parsed = trainingSetSchema.safeParse(data);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new UserError(
      `${file}: ${i.path.join('.') || '(top)'}: ${i.message} (expected step times in the format of validation/training.json, aidc-validation/training@1)`,
    );
  }
  const result = calibrateTraining(parsed.data.cases, basename(file));
  if (!result.ok) {
    throw new UserError(
      `${file}: cannot calibrate on these measurements:\n${result.reasons.map((r) => `  ${r}`).join('\n')}`,
    );
  }
  const c = result.calibration;
  const out = opts.out ?? defaultOut(file);
  const text = `${JSON.stringify(c, null, 2)}\n`;
  writeOutput('--out', out, text);
  if (opts.json) {
    writeOut(text);
    return;
  }
  const cv = c.crossValidated;
  writeOut(
    [
      `Calibrated the training model on ${c.points} step times of ${file}.`,
      '',
      table(
        ['constant', 'public', 'calibrated', 'bounds', 'what it is'],
        CALIBRATABLE.filter((k) => c.constants[k.name] !== undefined).map((k) => [
          k.name,
          String(publicValue(k.name)),
          String(c.constants[k.name]),
          `${k.bounds[0]}–${k.bounds[1]}`,
          k.what,
        ]),
      ),
      '',
      `Each point left out in turn, fitted on the rest and predicted: MAPE ${cv.beforeMapePct.toFixed(2)}% with the public constants, ${cv.afterMapePct.toFixed(2)}% calibrated.`,
      table(
        ['left out', 'calibrated error'],
        cv.heldOut.map((h) => [h.id, `${h.errorPct >= 0 ? '+' : ''}${h.errorPct.toFixed(1)}%`]),
      ),
      '',
      `Wrote ${out}. A scenario uses it with a top-level field: calibration: ./${basename(out)}`,
    ].join('\n'),
  );
}
