import { describe, expect, it } from 'vitest';
import { ACCELERATORS } from '../catalog/accelerators.js';
import { fieldSources } from '../catalog/field-sources.js';
import { findAccelerator } from '../catalog/lookup.js';
import { derivedSystem } from './site.js';

describe('derived nodes', () => {
  it.each(ACCELERATORS.map((a) => [a.id, a] as const))('%s: each field names existing sources', (_, a) => {
    const node = derivedSystem(a);
    for (const [field, indices] of Object.entries(node.fieldSources ?? {}))
      for (const i of indices) expect(node.sources[i], `${field}: source ${i}`).toBeDefined();
  });

  it("node power cites the derivation and the accelerator's TDP documents, not its NICs", () => {
    const h100 = findAccelerator('h100-sxm')!;
    const cited = fieldSources(derivedSystem(h100), 'nodePowerW');
    expect(cited).toContain(fieldSources(h100, 'tdpW')[0]);
    expect(cited).not.toContain(fieldSources(h100, 'scaleOutBitsPerS')[0]);
  });
});
