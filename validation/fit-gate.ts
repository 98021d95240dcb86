import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * The gate of a model with fitted constants: its leave-one-source-out error, read from the artifact
 * its fit script writes (validation/fits/<model>.json, scripts/fit-lib.js) and recomputed here with
 * the model itself, the in-sample error beside it. The script is rerun with --check, so an artifact
 * that is not what it produces fails.
 */
export interface FitArtifact {
  readonly format: string;
  readonly model: string;
  readonly set: string;
  readonly script: string;
  readonly figure: string;
  readonly sourceKey: string;
  readonly fitted: readonly string[];
  readonly committed: { readonly constants: Readonly<Record<string, number>>; readonly mape: number };
  readonly refit: { readonly constants: Readonly<Record<string, number>>; readonly mape: number };
  readonly loso: {
    readonly mape: number;
    readonly sources: readonly {
      readonly source: string;
      readonly cases: readonly string[];
      readonly constants: Readonly<Record<string, number>>;
      readonly mape: number;
      readonly inSampleMape: number;
    }[];
  };
}

export interface FitGate<C extends { readonly id: string }> {
  /** validation/fits/<name>.json */
  readonly name: string;
  /** The set's cases. */
  readonly cases: readonly C[];
  /** The constants the model uses (core's). */
  readonly committed: Readonly<Record<string, unknown>>;
  /** Signed % error per case with the fitted constants overridden. */
  readonly errorsOf: (cases: readonly C[], fitted: Readonly<Record<string, number>>) => readonly number[];
  /** Leave-one-source-out MAPE limit, %. */
  readonly limitPct: number;
  /** How far the committed constants' in-sample MAPE may be above a refit's, points: the fit's
   * objective is flat near its optimum, so a rerun finds other digits, not a better model. */
  readonly refitSlackPct: number;
}

const root = new URL('../', import.meta.url);
const run = promisify(execFile);
const mapeOf = (errors: readonly number[]) =>
  errors.reduce((a, e) => a + Math.abs(e), 0) / Math.max(1, errors.length);
const pct = (v: number) => `${v.toFixed(1)}%`;

export function readFit(name: string): FitArtifact {
  return JSON.parse(readFileSync(new URL(`validation/fits/${name}.json`, root), 'utf8')) as FitArtifact;
}

export function describeFitGate<C extends { readonly id: string }>(gate: FitGate<C>): void {
  const fit = readFit(gate.name);
  const byId = new Map(gate.cases.map((c) => [c.id, c]));
  const held = fit.loso.sources.map((s) => {
    const cases = s.cases.map((id) => byId.get(id)).filter((c): c is C => c !== undefined);
    return { ...s, errors: gate.errorsOf(cases, s.constants) };
  });
  const pooled = mapeOf(held.flatMap((s) => s.errors));
  const inSample = mapeOf(gate.errorsOf(gate.cases, fit.committed.constants));

  describe(`${gate.name}: constants fitted on ${fit.set} by ${fit.script}`, () => {
    it(`leave-one-source-out MAPE ${pct(pooled)} (in-sample ${pct(inSample)}) within ${gate.limitPct}%`, () => {
      console.table(
        Object.fromEntries([
          ...held.map((s) => [
            s.source.length > 60 ? `…${s.source.slice(-59)}` : s.source,
            {
              cases: s.cases.length,
              heldOutPct: +mapeOf(s.errors).toFixed(2),
              inSamplePct: +s.inSampleMape.toFixed(2),
            },
          ]),
          [
            'all cases',
            { cases: gate.cases.length, heldOutPct: +pooled.toFixed(2), inSamplePct: +inSample.toFixed(2) },
          ],
        ]),
      );
      expect(pooled).toBeLessThanOrEqual(gate.limitPct);
      // The artifact's figures are the model's, not typed in.
      expect(pooled).toBeCloseTo(fit.loso.mape, 9);
      expect(inSample).toBeCloseTo(fit.committed.mape, 9);
      for (const s of held) expect(mapeOf(s.errors), s.source).toBeCloseTo(s.mape, 9);
    });
    it('holds every case out exactly once', () => {
      const ids = fit.loso.sources.flatMap((s) => s.cases);
      expect([...ids].sort()).toEqual(gate.cases.map((c) => c.id).sort());
    });
    it("uses the artifact's committed constants", () => {
      const core = Object.fromEntries(fit.fitted.map((n) => [n, gate.committed[n]]));
      expect(core).toEqual(fit.committed.constants);
    });
    it(`has committed constants within ${gate.refitSlackPct} points of a refit on the whole set`, () => {
      expect(mapeOf(gate.errorsOf(gate.cases, fit.refit.constants))).toBeCloseTo(fit.refit.mape, 9);
      expect(fit.committed.mape).toBeLessThanOrEqual(fit.refit.mape + gate.refitSlackPct);
    });
    it(`is what ${fit.script} produces (rerun with --check)`, { timeout: 600_000 }, async () => {
      const script = fileURLToPath(new URL(fit.script, root));
      const { stdout } = await run(process.execPath, [script, '--check'], {
        cwd: fileURLToPath(root),
        maxBuffer: 1 << 24,
      }).catch((e: { stdout?: string; stderr?: string }) => {
        throw new Error(`${fit.script} --check failed:\n${e.stderr ?? ''}${e.stdout ?? ''}`);
      });
      expect(stdout).toContain('is what');
    });
  });
}
