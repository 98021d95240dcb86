import { describe, expect, it } from 'vitest';
import { loadScenario } from './load.js';
import { SEED_BERT_YAML } from './seed-bert.fixture.js';
import { sweepGpus } from './training-plan.js';

const BERT = SEED_BERT_YAML;

function bert(text = BERT) {
  const r = loadScenario(text, 'bert.yaml');
  if (!r.ok || !r.value.datacenter) throw new Error('should load');
  return { t: r.value.trainings[0]!, perNode: r.value.datacenter.hardware.gpusPerNode };
}

describe("the seed essay's formula beside aidc (issue #12, item 4)", () => {
  it("takes the node's peak from hardware.peak: 64 TFLOP/s per node of four GPUs", () => {
    const { t, perNode } = bert();
    const [row] = sweepGpus(t, [4], perNode);
    expect(row?.ok && row.naive.nodePeakFlopsPerS).toBeCloseTo(64e12, 0);
    // 6 FLOP × 108M parameters × 3.3B tokens at 64 TFLOP/s on one node: about 9.3 hours.
    expect(row?.ok && row.naive.computeS / 3600).toBeCloseTo(9.32, 1);
    expect(row?.ok && row.naive.nodeLinkBytesPerS).toBeCloseTo(1.25e9, 0);
  });

  it('the formula’s compute term and the gap terms add up to aidc’s time at every size', () => {
    const { t, perNode } = bert();
    for (const r of sweepGpus(t, [4, 32, 128, 512], perNode)) {
      if (!r.ok) throw new Error(r.reason);
      const sum = r.naive.computeS + r.gap.belowPeakS + r.gap.communicationS + r.gap.bubbleS + r.gap.fixedS;
      expect(sum / r.best.trainingTimeS).toBeCloseTo(1, 9);
      expect(r.gap.communicationS).toBeGreaterThanOrEqual(0);
      expect(r.gap.fixedS).toBeGreaterThan(0);
    }
  });

  it('the catalog peak applies without hardware.peak, and every format scales with a given one', () => {
    const catalog = bert(BERT.replace(', peak: 16 TFLOP/s', ''));
    const [row] = sweepGpus(catalog.t, [4], catalog.perNode);
    expect(row?.ok && row.naive.nodePeakFlopsPerS).toBeCloseTo(4 * 40.3e12, -10);
    const given = bert().t.job.accelerator;
    const plain = catalog.t.job.accelerator;
    expect(given.peakFlopsPerS.fp32! / plain.peakFlopsPerS.fp32!).toBeCloseTo(16 / 40.3, 3);
    expect(given.givenFields).toContain('peakFlopsPerS.fp16');
  });
});
