import { describe, expect, it } from 'vitest';
import { findModel } from '../catalog/lookup.js';
import { layerShapes } from '../transformer/shapes.js';
import { NF4_BYTES_PER_PARAM, optimizerStateBytesPerParam } from '../transformer/training-state.js';
import { adapterCounts } from './adapters.js';

const llama2 = findModel('llama-2-7b')!;
const shapes = layerShapes(llama2);

describe('low-rank adapters', () => {
  it('count rank × (in + out) per wrapped matrix: Llama 2 7B, q and v at rank 8', () => {
    const a = adapterCounts(llama2, shapes, { rank: 8, targets: ['q', 'v'], base: 'bf16' });
    // 32 layers × 2 matrices × 8 × (4,096 + 4,096): the 4.2M trainable parameters LoRA tutorials print.
    expect(a.trainedPerDenseLayer * llama2.layers).toBe(4_194_304);
    expect(a.quantisedPerDenseLayer).toBe(0);
    expect(a.all).toBe(false);
  });
  it('quantise exactly the matrices they wrap under QLoRA, and the head only when it is wrapped', () => {
    const a = adapterCounts(llama2, shapes, { rank: 8, targets: ['q', 'k', 'v', 'o', 'mlp'], base: 'nf4' });
    expect(a.quantisedPerDenseLayer).toBe(4 * 4096 * 4096 + 3 * 4096 * 11008);
    expect(a.quantisedHead).toBe(0);
    const withHead = adapterCounts(llama2, shapes, { rank: 8, targets: ['output'], base: 'nf4' });
    expect(withHead.quantisedHead).toBe(4096 * 32000);
    expect(withHead.trainedHead).toBe(8 * (4096 + 32000));
  });
  it('train everything without adapters', () => {
    expect(adapterCounts(llama2, shapes, null).all).toBe(true);
  });
});

describe('training state per parameter', () => {
  it('keeps FP32 master weights and moments under mixed precision, 16-bit moments in pure BF16', () => {
    expect(optimizerStateBytesPerParam('mixed', 'adam')).toBe(12);
    expect(optimizerStateBytesPerParam('pure-16bit', 'adam')).toBe(4);
    expect(optimizerStateBytesPerParam('pure-16bit', 'adam-8bit')).toBe(2);
    expect(optimizerStateBytesPerParam('mixed', 'adam-8bit')).toBe(6);
  });
  it('stores NF4 at 4 bits plus 0.127 bits of double-quantised scales', () => {
    expect(NF4_BYTES_PER_PARAM * 8).toBeCloseTo(4.127, 10);
  });
});
