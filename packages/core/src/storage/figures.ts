import { type Figure, figure } from '../explain/figure.js';
import { CHECKPOINT_BYTES_PER_PARAM, MIXED_PRECISION_ADAM_SOURCE } from '../transformer/training-state.js';
import type { StoragePlan } from './plan.js';

/** What the storage holds, as a figure built where the storage is sized. */
export function storageFigures(storage: StoragePlan): Record<string, Figure> {
  return {
    storageUsable: figure(
      storage.usableBytes,
      'B',
      storage.tiers[0]?.role === 'model weights'
        ? "the served models' weights (parameters × bytes of their format)"
        : `data set (tokens × bytes per token) + checkpoints kept × checkpoint size (parameters × ${CHECKPOINT_BYTES_PER_PARAM} B)`,
      {
        datasetBytes: storage.datasetBytes,
        checkpointBytes: storage.checkpointBytes,
        kept: storage.keptCheckpoints,
      },
      [MIXED_PRECISION_ADAM_SOURCE],
    ),
  };
}
