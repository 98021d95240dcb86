import { basename } from 'node:path';
import {
  CALIBRATABLE,
  CALIBRATION_MEASURES,
  CALIBRATION_SETS,
  type Calibration,
  COLLECTIVES_TARGET,
  SERVING_TARGET,
  TRAINING_TARGET,
  table,
} from '@aidc/core';
import { UserError } from '../errors.js';
import { readText, writeOut } from '../io.js';
import { writeOutput } from '../output.js';

/** Each model's public (committed) constants by name. */
const PUBLIC: Readonly<Record<Calibration['model'], Readonly<Record<string, number>>>> = {
  training: TRAINING_TARGET.publicConstants,
  serving: SERVING_TARGET.publicConstants,
  collectives: COLLECTIVES_TARGET.publicConstants,
};

/** The calibration file's default name: beside the measurements, `<name>.calib.json`. */
function defaultOut(file: string): string {
  return file.replace(/(\.json)?$/, '.calib.json');
}

/**
 * `aidc calibrate MEASUREMENTS.json`: a model refitted on a team's own measurements in a public set's
 * format (step times: aidc-validation/training@1; serving throughputs: inference@1; collective bus
 * bandwidths: collectives@1), checked by leaving each point out, written as a calibration file a
 * scenario names (`calibration: ./our-cluster.calib.json`). Refused, with why, when the points cannot
 * carry it.
 */
export function calibrateCommand(file: string, opts: { out?: string; json?: boolean }): void {
  let data: unknown;
  try {
    data = JSON.parse(readText(file));
  } catch (e) {
    throw new UserError(`${file}: not JSON: ${(e as Error).message}`);
  }
  const format = (data as { format?: unknown } | null)?.format;
  const set = CALIBRATION_SETS.find((s) => s.format === format);
  const kinds = CALIBRATION_SETS.map((s) => `${CALIBRATION_MEASURES[s.model]}`).join('; ');
  if (!set) {
    throw new UserError(
      `${file}: format: found ${JSON.stringify(format ?? null)}, expected one of: ${kinds}`,
    );
  }
  const result = set.calibrate(data, basename(file));
  if ('parseError' in result) {
    throw new UserError(`${file}: ${result.parseError} (expected ${CALIBRATION_MEASURES[set.model]})`);
  }
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
      `Calibrated the ${c.model} model on ${c.points} ${CALIBRATION_MEASURES[c.model].split(' (')[0]} of ${file}.`,
      '',
      table(
        ['constant', 'public', 'calibrated', 'bounds', 'what it is'],
        CALIBRATABLE[c.model]
          .filter((k) => c.constants[k.name] !== undefined)
          .map((k) => [
            k.name,
            String(PUBLIC[c.model][k.name]),
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
