import type { Gemm } from '../transformer/shapes.js';
import type { TrainingContext } from './context.js';

/** Time of `batch` matmuls [M×K]·[K×N] run as one (batched or grouped) kernel on this GPU: compute at
 * a fraction of peak, less for a part-empty last wave of tiles, or the operand traffic at memory
 * bandwidth when that is longer (roofline; thin matmuls). */
export function matmulS(
  ctx: TrainingContext,
  mRows: number,
  n: number,
  kDim: number,
  peak: number,
  operandBytes: number,
  batch = 1,
): number {
  const flops = 2 * mRows * n * kDim * batch;
  const bytes = batch * (operandBytes * (mRows * kDim + kDim * n) + 2 * mRows * n);
  const efficiency = operandBytes < 2 ? ctx.lowPrecisionGemmEfficiency : ctx.gemmEfficiency;
  const compute = flops / (peak * efficiency * waveEfficiency(ctx, mRows, n, batch));
  return Math.max(compute, bytes / ctx.hbmBytesPerS);
}

/** Wave quantization: output tiles are spread over the compute units in whole waves, so the last wave
 * runs part-empty. One TILE_ROWS × TILE_COLS output tile per unit at a time. */
function waveEfficiency(ctx: TrainingContext, mRows: number, n: number, batch: number): number {
  const units = ctx.job.accelerator.computeUnits;
  const tiles = Math.ceil(mRows / TILE_ROWS) * Math.ceil(n / TILE_COLS) * Math.ceil(batch);
  return tiles / (Math.ceil(tiles / units) * units);
}

/** Output tile of a large 16-bit matmul kernel: 128 × 256 is CUTLASS's and cuBLAS's usual choice
 * on Hopper for large GEMMs (CUTLASS 3 examples, NVIDIA "Matrix Multiplication Background" guide). */
const TILE_ROWS = 128;
const TILE_COLS = 256;

export function gemmsS(
  ctx: TrainingContext,
  gemms: readonly Gemm[],
  rows: number,
  tp: number,
  count: number,
): number {
  let t = 0;
  if (count <= 0) return 0;
  for (let i = 0; i < gemms.length; i++) {
    const g = gemms[i]!;
    const n = g.columnParallel ? g.outWidth / tp : g.outWidth;
    const kk = g.columnParallel ? g.inWidth : g.inWidth / tp;
    t += matmulS(ctx, rows, n, kk, ctx.peakLinearFlopsPerS, ctx.linearOperandBytes, count);
  }
  return t;
}

/** Bytes of quantize/transpose traffic for low-precision matmul inputs: read 16-bit, write 8-bit twice
 * (row- and column-major copies for forward and backward). Forward inputs and backward output grads. */
export function castBytes(
  gemms: readonly Gemm[],
  rows: number,
  tp: number,
  count: number,
  forward: boolean,
): number {
  let b = 0;
  for (let i = 0; i < gemms.length; i++) {
    const g = gemms[i]!;
    const w = forward
      ? g.columnParallel
        ? g.inWidth
        : g.inWidth / tp
      : g.columnParallel
        ? g.outWidth / tp
        : g.outWidth;
    b += 4 * rows * w;
  }
  return b * count;
}
