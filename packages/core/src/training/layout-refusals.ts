// Why a parallel layout cannot run a job: a closed set of codes, each with the words a plan shows.
// The step model returns a code (a string constant, so the search allocates nothing to refuse one).

export const LAYOUT_REFUSALS = {
  'gpu-count': 'TP × PP × DP × CP is not the GPU count',
  'batch-split': 'global batch is not a whole number of micro-batches per data-parallel replica',
  'heads-tp': 'heads or KV heads not divisible by TP',
  'pipeline-chunks': 'more pipeline chunks than layers',
  'experts-ep':
    'experts not divisible by EP, or EP does not divide DP × CP (× TP where the stack folds expert parallelism)',
  'sequence-cp': 'sequence length not divisible by 2 × CP',
  'format-peak': 'accelerator has no peak for this number format',
  'vpp-needs-pp': 'virtual pipeline stages need PP > 1',
  'partial-recompute': 'partial recompute not needed (fits without) or needs every layer (full)',
  'stack-tp': 'the software stack has no tensor parallelism',
  'stack-pp': 'the software stack has no pipeline parallelism',
  'stack-vpp': 'the software stack has no interleaved pipeline schedule (vpp > 1)',
  'stack-sp': 'the software stack has no sequence parallelism',
  'stack-cp': 'the software stack has no context parallelism',
  'stack-zero': 'the software stack does not offer this ZeRO stage (or not beside pipeline stages)',
} as const;

export type LayoutRefusal = keyof typeof LAYOUT_REFUSALS;

export const LAYOUT_REFUSAL_CODES = Object.keys(LAYOUT_REFUSALS) as readonly LayoutRefusal[];
