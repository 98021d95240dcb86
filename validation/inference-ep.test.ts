import { readFileSync } from 'node:fs';
import {
  figureErrors,
  findModel,
  inferenceSetSchema,
  scoreInferenceSet,
  TPOT_P99_ERRORS,
  TTFT_P99_ERRORS,
} from '@aidc/core';
import { describe, expect, it } from 'vitest';

// Serving as deployed now (validation/inference-ep.json, issue #13): MLPerf Inference v5.1 logs of
// NVIDIA, AMD and Nebius, SGLang's and vLLM's wide-EP runs. Nothing is fitted on this set (the serving
// constants are fitted on validation/inference.json), so every source's error here is its
// leave-one-source-out error. The limits are the measured MAPEs plus a margin, rounded up: they hold
// what the model reaches, so a change that loses it fails here. Measured at this commit: see
// docs/serving-model.md, "Expert parallelism and attention data parallelism".
const THROUGHPUT_LIMIT_PCT = { outputTokensPerSPerGpu: 15, inputTokensPerSPerGpu: 15 } as const;
/** Latency gates against regression, not the aim (25%, issue #13): with the datasets' own lengths the
 * p99s stand at 50–58%, from 130–5,000% with exponential lengths. At the measured rate TTFT is not
 * gated: a Server run at up to 98% of its capacity makes it the capacity's error. */
const LATENCY_LIMIT_PCT = {
  measuredRate: { 'tpotMs.p99': 60, 'e2eMs.p99': 70 },
  matchedLoad: { 'ttftMs.p99': 65, 'tpotMs.p99': 65, 'e2eMs.p99': 50 },
} as const;
/** Cases that cannot be scored (a layout or a dataset mean not published), each with its reason. */
const MAX_UNSCORED = 10;

const set = inferenceSetSchema.parse(
  JSON.parse(readFileSync(new URL('./inference-ep.json', import.meta.url), 'utf8')),
);
const score = scoreInferenceSet(set.cases);

describe('serving with EP, attention DP and disaggregation (validation/inference-ep.json)', () => {
  it("ships the p99 latency errors at matched load the plans' latency ranges rest on (npm run errors:latency)", () => {
    const byId = new Map(set.cases.map((c) => [c.id, c]));
    for (const [errors, key] of [
      [TTFT_P99_ERRORS, 'ttftMs'],
      [TPOT_P99_ERRORS, 'tpotMs'],
    ] as const) {
      const now = score.matchedLoad.flatMap((m) => {
        const measured = byId.get(m.id)?.measured[key]?.p99;
        const predicted = (m.predicted[key] as { readonly p99?: number } | undefined)?.p99;
        return measured && predicted ? [[m.id, ((predicted - measured) / measured) * 100] as const] : [];
      });
      expect(errors.cases.map((c) => c.id)).toEqual(now.map(([id]) => id));
      for (const [i, c] of errors.cases.entries()) expect(c.errorPct).toBeCloseTo(now[i]![1], 2);
    }
  });

  it('scores every case or says why not, and leaves few unscored', () => {
    const unscored = new Set(score.unscored.map((u) => u.id));
    for (const c of score.cases) {
      if (unscored.has(c.id)) expect(c.error).toMatch(/\w/);
      else expect(Object.keys(figureErrors(c)).length).toBeGreaterThan(0);
    }
    console.log(
      `not scored (${score.unscored.length}):\n${score.unscored.map((u) => `  ${u.id}: ${u.why}`).join('\n')}`,
    );
    expect(score.unscored.length).toBeLessThanOrEqual(MAX_UNSCORED);
  });

  it('predicts throughput for every scored case of a catalog model (never zero)', () => {
    for (const c of score.cases) {
      if (c.error) continue;
      const p = c.predicted.outputTokensPerSPerGpu ?? c.predicted.inputTokensPerSPerGpu;
      expect(typeof p === 'number' && p > 0, c.id).toBe(true);
    }
  });

  it.each(Object.entries(THROUGHPUT_LIMIT_PCT))('%s MAPE within %s%%', (figure, limit) => {
    const mape = score.mapeByFigure[figure];
    console.log(
      `${figure}: MAPE ${mape?.toFixed(1)}%; by source:`,
      score.breakdown
        .filter((r) => r.axis === 'source' && r.mapeByFigure[figure] !== undefined)
        .map((r) => `${r.group} ${r.mapeByFigure[figure]!.toFixed(1)}% (${r.cases})`)
        .join('; '),
    );
    expect(mape).toBeDefined();
    expect(mape!).toBeLessThanOrEqual(limit);
  });

  it.each(
    Object.entries(LATENCY_LIMIT_PCT).flatMap(([at, limits]) =>
      Object.entries(limits).map(([figure, limit]) => [at, figure, limit] as const),
    ),
  )('at the %s, %s MAPE within %s%%', (at, figure, limit) => {
    const mape = (at === 'matchedLoad' ? score.mapeAtMatchedLoad : score.mapeByFigure)[figure];
    expect(mape).toBeDefined();
    expect(mape!).toBeLessThanOrEqual(limit);
  });

  it('reports the latency percentiles the simulator gives against those measured', () => {
    const latency = Object.entries(score.mapeByFigure).filter(([f]) => f.includes('Ms.'));
    console.log(latency.map(([f, m]) => `${f} ${m.toFixed(1)}%`).join(', '));
    const measuredLatency = set.cases.some((c) => c.measured.ttftMs !== undefined);
    if (measuredLatency && score.unscored.length < set.cases.length) {
      expect(latency.some(([f]) => f === 'ttftMs.p99')).toBe(true);
    }
  });

  it('re-simulates each Server run with an Offline sibling at its measured share of that Offline throughput', () => {
    const unscored = new Set(score.unscored.map((u) => u.id));
    const offlineOf = (id: string) => id.replace(/-(server|interactive)$/, '-offline');
    const servers = set.cases.filter(
      (c) =>
        c.serving.scenario === 'server' &&
        c.measured.ttftMs !== undefined &&
        !unscored.has(c.id) &&
        set.cases.some((o) => o.id === offlineOf(c.id) && !unscored.has(o.id)),
    );
    expect(score.matchedLoad.map((m) => m.id).sort()).toEqual(servers.map((c) => c.id).sort());
    for (const m of score.matchedLoad) {
      const c = set.cases.find((x) => x.id === m.id)!;
      const offline = score.cases.find((x) => x.id === m.offlineId)!;
      expect(m.measuredUtilisation).toBeCloseTo(
        (c.measured.outputTokensPerSPerGpu as number) / (offline.measured.outputTokensPerSPerGpu as number),
        12,
      );
      expect(m.measuredUtilisation).toBeGreaterThan(0);
      expect(m.measuredUtilisation).toBeLessThan(1.2);
    }
    console.log(
      'at matched load:',
      Object.entries(score.mapeAtMatchedLoad)
        .map(([f, v]) => `${f} ${v.toFixed(1)}%`)
        .join(', '),
    );
  });

  it('breaks the error down by family, layout, accelerator and source', () => {
    const families = new Set(score.breakdown.filter((r) => r.axis === 'family').map((r) => r.group));
    const moe = set.cases.some((c) => findModel(c.model.catalogId)?.moe);
    expect(families.has('MoE')).toBe(moe);
    for (const axis of ['layout', 'accelerator', 'source']) {
      expect(score.breakdown.some((r) => r.axis === axis)).toBe(true);
    }
  });
});
