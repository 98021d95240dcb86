/**
 * Physical validity, a law of the engine: a plan called feasible holds only figures the world allows.
 * Every number in it (times, counts, bytes, energy, money, and the inputs of every figure) is finite
 * and not negative; no layout computes faster than its GPUs' peak (MFU at most 100%) or holds more
 * than their memory; a serving fleet has GPUs and room for a sequence. The planners check their
 * plans against it and refuse rather than return one that breaks it: such a plan means a model was
 * handed dimensions it does not handle, which the dimension checks (catalog/model-check.ts) exist to
 * catch first.
 */

/** One figure that breaks the law: where in the plan (a dotted path), its value, and the rule. */
export interface Violation {
  readonly path: string;
  readonly value: number;
  readonly rule: string;
}

/** Slack for the comparisons of figures computed two ways (a ratio of sums rounds in the last bits). */
const ROUNDING = 1e-9;

type Fields = Readonly<Record<string, unknown>>;

/** A rule over each object of the plan that holds the fields it names as numbers: the violations it
 * finds there. */
interface ObjectRule {
  readonly fields: readonly string[];
  readonly check: (o: Fields) => readonly { field: string; rule: string }[];
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);

/** Rules by the fields an object holds: a training layout's summary or step (`mfu`, memory against
 * usable memory), the cluster it runs on, a serving layout. Data, so that every place a plan repeats
 * a layout (best, alternatives, the private and non-private runs, sweep rows) is held to them. */
const OBJECT_RULES: readonly ObjectRule[] = [
  {
    fields: ['mfu'],
    check: (o) => (num(o.mfu) <= 1 + ROUNDING ? [] : [{ field: 'mfu', rule: 'MFU above 100%' }]),
  },
  {
    fields: ['memoryBytes', 'usableMemoryBytes'],
    check: (o) =>
      num(o.memoryBytes) <= num(o.usableMemoryBytes) * (1 + ROUNDING)
        ? []
        : [{ field: 'memoryBytes', rule: 'memory above the usable memory of the GPU' }],
  },
  {
    fields: ['gpusPerReplica', 'replicas', 'gpus', 'maxBatch'],
    check: (o) => [
      ...(num(o.gpus) >= 1 ? [] : [{ field: 'gpus', rule: 'a serving fleet without GPUs' }]),
      ...(num(o.maxBatch) >= 1 ? [] : [{ field: 'maxBatch', rule: 'a replica that holds no sequence' }]),
    ],
  },
  {
    fields: ['sloAttainment'],
    check: (o) =>
      num(o.sloAttainment) <= 1 + ROUNDING ? [] : [{ field: 'sloAttainment', rule: 'a share above 100%' }],
  },
  {
    fields: ['sampleRate', 'delta', 'epsilon', 'noiseMultiplier'],
    check: (o) => [
      ...(num(o.sampleRate) <= 1 ? [] : [{ field: 'sampleRate', rule: 'a sampling rate above 1' }]),
      ...(num(o.delta) < 1 ? [] : [{ field: 'delta', rule: 'a δ of 1 or more' }]),
    ],
  },
];

/**
 * Fields that hold signed differences between two answers, not quantities of the world: the gap
 * between aidc's time and the seed formula's (plan/naive.ts) may be negative, and breaks no law.
 */
const SIGNED_DIFFERENCES: ReadonlySet<string> = new Set(['gap']);

/** The plan's violations of the law, empty when it holds. Any plan object: a site, a training run. */
export function physicalViolations(plan: unknown): Violation[] {
  const out: Violation[] = [];
  const walk = (x: unknown, path: string): void => {
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) out.push({ path, value: x, rule: 'not a finite number' });
      else if (x < 0) out.push({ path, value: x, rule: 'negative' });
      return;
    }
    if (x === null || typeof x !== 'object') return;
    const o = x as Fields;
    if (!Array.isArray(x)) {
      for (const r of OBJECT_RULES) {
        if (!r.fields.every((f) => typeof o[f] === 'number')) continue;
        for (const v of r.check(o))
          out.push({ path: join(path, v.field), value: num(o[v.field]), rule: v.rule });
      }
    }
    for (const [k, v] of Object.entries(o)) if (!SIGNED_DIFFERENCES.has(k)) walk(v, join(path, k));
  };
  walk(plan, '');
  return out;
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/** The first violations in words, for a refusal's message. */
export function describeViolations(vs: readonly Violation[], max = 3): string {
  const shown = vs
    .slice(0, max)
    .map((v) => `${v.path} = ${v.value} (${v.rule})`)
    .join('; ');
  return vs.length > max ? `${shown}; and ${vs.length - max} more` : shown;
}

/** The refusal's words: what broke, and that it is aidc's fault to report, not the user's. */
export function physicallyImpossibleMessage(vs: readonly Violation[]): string {
  return `the plan would break physical limits: ${describeViolations(vs)}. aidc refuses it rather than show it; the model's dimensions are probably outside what its models handle (please report this scenario)`;
}

/** The field a planner's "no" points at: the workload, or its model when the plan broke the law. */
export function faultPath(
  code: string,
  workloadPath: readonly (string | number)[],
): readonly (string | number)[] {
  return code === 'physically-impossible' ? [...workloadPath, 'model'] : workloadPath;
}
