import { describe, expect, it } from 'vitest';
import { MODELS } from '../catalog/models.js';
import { paramCounts } from './params.js';

describe('paramCounts', () => {
  it.each(MODELS.filter((m) => m.publishedParams !== undefined).map((m) => [m.id, m] as const))(
    '%s is within 3% of its published parameter count',
    (_, m) => {
      const p = paramCounts(m);
      expect(Math.abs(p.total / m.publishedParams! - 1)).toBeLessThan(0.03);
    },
  );
  it('counts only the routed experts a token visits as active', () => {
    const v3 = MODELS.find((m) => m.id === 'deepseek-v3')!;
    const p = paramCounts(v3);
    // DeepSeek-V3: 671B total, 37B activated (DeepSeek-AI 2024, §1).
    expect((p.activeNonEmbedding + p.embedding) / 1e9).toBeGreaterThan(35);
    expect((p.activeNonEmbedding + p.embedding) / 1e9).toBeLessThan(39);
  });
  it('a dense model is all active', () => {
    const m = MODELS.find((x) => x.id === 'llama-3.1-405b')!;
    const p = paramCounts(m);
    expect(p.total - p.activeNonEmbedding - p.embedding - p.lmHead).toBe(0);
  });
});
