import type { Source } from '../catalog/types.js';
import type { ClippingId } from '../vocab/privacy.js';

/** How per-example gradients are clipped in DP-SGD: the work and memory private training adds. */
export interface ClippingMethod {
  readonly id: ClippingId;
  readonly name: string;
  /** Step time with clipping ÷ without, applied to the pipeline (every micro-batch's passes). */
  readonly stepTimeFactor: number;
  /** Activation memory with clipping ÷ without. */
  readonly activationMemoryFactor: number;
  /** Whether one gradient per example of the micro-batch is held (the naive method). */
  readonly perSampleGradients: boolean;
  /** The published range the factor was taken from. */
  readonly range: string;
  readonly sources: readonly Source[];
}

const OPACUS_BLOG: Source = {
  title:
    'Ullah, Zhang, Bullock, Mironov, "Enabling Fast Gradient Clipping and Ghost Clipping in Opacus", PyTorch blog, 2024',
  url: 'https://pytorch.org/blog/clipping-in-opacus/',
  note: 'Memory Benchmarking: BERT, last 3 layers trained, P100; per-iteration time and peak memory at batch 32 to 1024',
};

export const CLIPPING_METHODS: Readonly<Record<ClippingId, ClippingMethod>> = {
  'per-sample': {
    id: 'per-sample',
    name: 'per-sample gradients (Opacus hooks)',
    stepTimeFactor: 1.32,
    activationMemoryFactor: 1,
    perSampleGradients: true,
    range: 'step time 1.24–1.4× (batch 32–128); 2.6–8× lower throughput on vision models',
    sources: [
      { ...OPACUS_BLOG, note: `${OPACUS_BLOG.note}: 0.21/0.15 and 0.68/0.55 s; the midpoint 1.32× is taken` },
      {
        title:
          'Rodriguez Beltran et al., "Efficient and Scalable Implementation of Differentially Private Deep Learning without Shortcuts", arXiv 2406.17298',
        note: 'throughput 2.6–8× lower than SGD with naive per-sample clipping (abstract)',
      },
    ],
  },
  ghost: {
    id: 'ghost',
    name: 'ghost clipping (Li et al. 2022)',
    stepTimeFactor: 1.3,
    activationMemoryFactor: 1,
    perSampleGradients: false,
    range: 'step time 1.19–1.4×; memory 1.0× at batch ≥ 512 (1.5× at batch 32)',
    sources: [
      {
        ...OPACUS_BLOG,
        note: `${OPACUS_BLOG.note}: ghost clipping 0.67/0.55, 2.5/2.1, 5/4.2 s; memory equal at 512 and 1024`,
      },
      {
        title:
          'Li, Tramèr, Liang, Hashimoto, "Large Language Models Can Be Strong Differentially Private Learners", ICLR 2022, §4.2',
        note: '"almost as light as non-private" in memory, "a modest run-time overhead"',
      },
    ],
  },
  'book-keeping': {
    id: 'book-keeping',
    name: 'book-keeping (Bu et al. 2023)',
    stepTimeFactor: 1 / 0.83,
    activationMemoryFactor: 1.01,
    perSampleGradients: false,
    range: '0.83× training speed and < 1% more memory on GPT-2; FastDP: < 25% slower, < 20% more memory',
    sources: [
      {
        title:
          'Bu, Wang, Zha, Karypis, "Differentially Private Optimization on Large Model at Small Cost", ICML 2023 (PMLR 202:3192–3218), abstract',
        url: 'https://proceedings.mlr.press/v202/bu23a.html',
        note: 'GPT-2: 0.83× the training speed and < 1% memory overhead of standard training',
      },
    ],
  },
};
