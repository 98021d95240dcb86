import { describe, expect, it } from 'vitest';
import { findModel } from './lookup.js';
import { findRecipe, recipeModels, TRAINING_RECIPES } from './recipes.js';
import { findSoftwareStack } from './software.js';

describe('published training recipes', () => {
  it('name catalog models and stacks, and cite their source', () => {
    for (const r of TRAINING_RECIPES) {
      expect(findModel(r.model), r.model).toBeDefined();
      expect(findSoftwareStack(r.stack), r.stack).toBeDefined();
      expect(r.source.title.length).toBeGreaterThan(20);
    }
  });

  it('prefer the same GPU generation, then the format, then the nearest GPU count', () => {
    const q = { stack: 'megatron-core-0.13', model: 'deepseek-v3', precision: 'bf16' } as const;
    expect(findRecipe({ ...q, architecture: 'hopper', gpus: 2048 })!.gpus).toBe(1024);
    expect(findRecipe({ ...q, architecture: 'hopper', gpus: 600 })!.gpus).toBe(512);
    expect(findRecipe({ ...q, architecture: 'blackwell', gpus: 4096 })!.architecture).toBe('blackwell');
    expect(findRecipe({ ...q, model: 'mixtral-8x7b', architecture: 'hopper', gpus: 64 })).toBeUndefined();
    expect(recipeModels('megatron-core')).toContain('llama-3-70b');
  });
});
