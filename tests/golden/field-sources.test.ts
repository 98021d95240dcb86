// Figures cite the documents of the catalog fields they use, not every document of the entry.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findAccelerator, findSystem, type Source } from '@aidc/core';
import { describe, expect, it } from 'vitest';
import { planExample } from './golden.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const examples = readdirSync(join(ROOT, 'examples')).filter((f) => /\.ya?ml$/.test(f));

interface PlanLike {
  readonly site: { readonly accelerator: string; readonly system: string };
  readonly training: { readonly figures: Record<string, { readonly sources: readonly Source[] }> } | null;
  readonly serving: readonly { readonly figures: Record<string, { readonly sources: readonly Source[] }> }[];
}

const plan = (example: string): PlanLike => planExample(join(ROOT, 'examples', example)) as PlanLike;

describe('figures cite the fields they use', () => {
  it("the MFU of Llama 3 8B FP8 on a DGX H100 cites the H100's peak rate, not the DGX's NICs", () => {
    const mfu = plan('llama3-8b-h100-fp8.yaml').training!.figures.mfu!;
    expect(mfu.sources.length).toBeGreaterThan(0);
    expect(mfu.sources.map((s) => s.title)).not.toContain('NVIDIA DGX H100 datasheet');
    expect(mfu.sources.filter((s) => s.note?.includes('ConnectX-7'))).toEqual([]);
  });

  it.each(examples)(
    "examples/%s: MFU and energy per token cite a subset of their entry's documents, or the scenario",
    (example) => {
      const p = plan(example);
      const accelerator = findAccelerator(p.site.accelerator)!;
      // A field the scenario gave (hardware.peak) cites the scenario instead of the catalog.
      const fromCatalog = (s: { readonly title: string }) => !s.title.startsWith('given in the scenario');
      if (p.training)
        for (const s of p.training.figures.mfu!.sources.filter(fromCatalog))
          expect(accelerator.sources).toContainEqual(s);
      const system = findSystem(p.site.system);
      for (const sv of p.serving) {
        const cited = sv.figures.energyPerOutputToken!.sources;
        expect(cited.length).toBeGreaterThan(0);
        if (system) for (const s of cited) expect(system.sources).toContainEqual(s);
      }
    },
  );
});
