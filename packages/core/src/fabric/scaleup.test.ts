import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAccelerator } from '../catalog/lookup.js';
import { planScaleUp, torusDims } from './scaleup.js';

describe('scale-up domains', () => {
  it('lays TPU pods out as the published tori', () => {
    expect(torusDims(4096)).toEqual([16, 16, 16]);
    expect(torusDims(256)).toEqual([16, 16]);
    expect(torusDims(8960).reduce((a, b) => a * b, 1)).toBe(8960);
  });
  it('torus dimensions always multiply back to the domain', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), (n) => {
        expect(torusDims(n).reduce((a, b) => a * b, 1)).toBe(n);
      }),
    );
  });
  it('names the kind of domain from the accelerator', () => {
    const h100 = findAccelerator('h100-sxm')!;
    expect(planScaleUp(64, h100, 8, h100.scaleUpBytesPerS)).toMatchObject({
      kind: 'nvlink-switch',
      domains: 8,
    });
    const tpu = findAccelerator('tpu-v4')!;
    expect(planScaleUp(4096, tpu, 4096, tpu.scaleUpBytesPerS)).toMatchObject({
      kind: 'torus',
      dims: [16, 16, 16],
    });
    const mi = findAccelerator('mi300x')!;
    expect(planScaleUp(16, mi, 8, mi.scaleUpBytesPerS).kind).toBe('full-mesh');
  });
});
