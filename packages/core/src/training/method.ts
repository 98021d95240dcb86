import { type SoftwareStack, TRAINING_FEATURE_NAMES, type TrainingFeature } from '../catalog/software.js';
import type { TrainingMethod } from './job.js';

/** The features a training method asks of its software stack, each with the scenario field that
 * asks for it. Data: one row per feature. */
const FEATURE_FIELDS: readonly {
  readonly feature: TrainingFeature;
  readonly field: readonly string[];
  readonly uses: (m: TrainingMethod) => boolean;
}[] = [
  { feature: 'lora', field: ['finetune', 'method'], uses: (m) => m.adapters?.base === 'bf16' },
  { feature: 'qlora', field: ['finetune', 'method'], uses: (m) => m.adapters?.base === 'nf4' },
  { feature: 'adam-8bit', field: ['optimizer', 'kind'], uses: (m) => m.optimizer === 'adam-8bit' },
  {
    feature: 'optimizer-in-backward',
    field: ['optimizer', 'inBackward'],
    uses: (m) => m.optimizerInBackward,
  },
  { feature: 'optimizer-offload', field: ['optimizer', 'offload'], uses: (m) => m.optimizerOffload },
  { feature: 'activation-offload', field: ['activationOffload'], uses: (m) => m.activationOffload },
  { feature: 'chunked-loss', field: ['loss'], uses: (m) => m.loss === 'chunked' },
  { feature: 'compile', field: ['compile'], uses: (m) => m.compiled },
];

/** What a method asks that the stack does not offer: the field that asks, and why it is refused. */
export function unsupportedMethodParts(
  m: TrainingMethod,
  stack: SoftwareStack,
): { readonly field: readonly string[]; readonly message: string }[] {
  const out: { field: readonly string[]; message: string }[] = [];
  for (const f of FEATURE_FIELDS) {
    if (!f.uses(m) || stack.offers.includes(f.feature)) continue;
    const offered = stack.offers.map((o) => TRAINING_FEATURE_NAMES[o]);
    out.push({
      field: f.field,
      message: `${stack.name} does not offer ${TRAINING_FEATURE_NAMES[f.feature]}${
        offered.length > 0 ? ` (it offers ${offered.join(', ')})` : ''
      }: expected another software stack (train.software), or not this`,
    });
  }
  // A loss the stack computes its own way: only its own kind or, where offered, a chunked one.
  if (m.loss !== null && m.loss !== 'chunked' && m.loss !== stack.loss) {
    out.push({
      field: ['loss'],
      message: `${stack.name} computes the loss as '${stack.loss}', not '${m.loss}': expected '${stack.loss}'${
        stack.offers.includes('chunked-loss') ? " or 'chunked'" : ''
      }, or no loss field`,
    });
  }
  return out;
}

/** The fields of a method that move state to host memory over the host link. */
export function offloadFields(m: TrainingMethod): (readonly string[])[] {
  return FEATURE_FIELDS.filter(
    (f) => (f.feature === 'optimizer-offload' || f.feature === 'activation-offload') && f.uses(m),
  ).map((f) => f.field);
}
