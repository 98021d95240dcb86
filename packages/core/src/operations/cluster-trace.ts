// The Alibaba GPU-sharing cluster trace of 2023 (alibaba/clusterdata, cluster-trace-gpu-v2023; Weng
// et al., USENIX ATC 2023) and traces in its column conventions: nodes (CPU, memory, GPUs, GPU
// model) and tasks (CPU, memory, GPUs or a share of one, allowed GPU models, times). Parsed from
// text: core reads no files.

/** Milli-units in one GPU: a task asks for a share of one GPU in thousandths. */
export const MILLI_PER_GPU = 1000;

export interface TraceNode {
  readonly name: string;
  readonly cpuMilli: number;
  readonly memoryMib: number;
  readonly gpus: number;
  /** GPU model as the trace names it (G1–G3 are undisclosed internal codes). */
  readonly model: string;
}

export interface TraceTask {
  readonly name: string;
  readonly cpuMilli: number;
  readonly memoryMib: number;
  /** Whole GPUs, or 1 with a share below a whole GPU. */
  readonly gpus: number;
  /** Thousandths of each GPU the task takes: below 1000 only when it shares one GPU. */
  readonly gpuMilli: number;
  /** GPU models the task may run on; empty: any. */
  readonly gpuModels: readonly string[];
  readonly qos: string;
  readonly creationS: number | null;
  readonly deletionS: number | null;
  readonly scheduledS: number | null;
}

export type Parsed<T> =
  | { readonly ok: true; readonly rows: T[] }
  | { readonly ok: false; readonly message: string };

/** The header's column indices by name, or which required column is missing. */
function columns(header: string, required: readonly string[]): Record<string, number> | string {
  const names = header.split(',').map((s) => s.trim());
  const out: Record<string, number> = {};
  for (const r of required) {
    const i = names.indexOf(r);
    if (i < 0) return `the header has no column '${r}' (expected ${required.join(', ')})`;
    out[r] = i;
  }
  names.forEach((n, i) => {
    if (!(n in out)) out[n] = i;
  });
  return out;
}

function parseRows<T>(
  text: string,
  required: readonly string[],
  row: (cell: (name: string) => string, line: number) => T | string,
): Parsed<T> {
  const lines = text.split(/\r?\n/);
  const col = columns(lines[0] ?? '', required);
  if (typeof col === 'string') return { ok: false, message: `line 1: ${col}` };
  const rows: T[] = [];
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '') continue;
    const cells = l.split(',');
    const r = row((name) => (cells[col[name] ?? -1] ?? '').trim(), i + 1);
    if (typeof r === 'string') return { ok: false, message: `line ${i + 1}: ${r}` };
    rows.push(r);
  }
  if (rows.length === 0) return { ok: false, message: 'no rows after the header' };
  return { ok: true, rows };
}

/** A whole number ≥ 0 from a cell, or the words of what was wrong. */
function count(cell: (name: string) => string, name: string, optional = false): number | null | string {
  const v = cell(name);
  if (v === '' && optional) return null;
  const n = Number(v);
  if (v === '' || !Number.isFinite(n) || n < 0) return `${name}: found '${v}', expected a number ≥ 0`;
  return n;
}

export function parseTraceNodes(text: string): Parsed<TraceNode> {
  return parseRows(text, ['sn', 'cpu_milli', 'memory_mib', 'gpu', 'model'], (cell) => {
    const cpu = count(cell, 'cpu_milli');
    const mem = count(cell, 'memory_mib');
    const gpus = count(cell, 'gpu');
    for (const v of [cpu, mem, gpus]) if (typeof v === 'string') return v;
    return {
      name: cell('sn'),
      cpuMilli: cpu as number,
      memoryMib: mem as number,
      gpus: gpus as number,
      model: cell('model'),
    };
  });
}

export function parseTraceTasks(text: string): Parsed<TraceTask> {
  return parseRows(text, ['name', 'cpu_milli', 'memory_mib', 'num_gpu', 'gpu_milli'], (cell) => {
    const cpu = count(cell, 'cpu_milli');
    const mem = count(cell, 'memory_mib');
    const gpus = count(cell, 'num_gpu');
    const milli = count(cell, 'gpu_milli');
    const times = ['creation_time', 'deletion_time', 'scheduled_time'].map((t) => count(cell, t, true));
    for (const v of [cpu, mem, gpus, milli, ...times]) if (typeof v === 'string') return v;
    if ((milli as number) > MILLI_PER_GPU)
      return `gpu_milli: found ${milli}, expected at most ${MILLI_PER_GPU}`;
    if ((gpus as number) > 1 && milli !== MILLI_PER_GPU && (gpus as number) > 0)
      return `gpu_milli: found ${milli} with num_gpu ${gpus}: only a single-GPU task shares a GPU`;
    const spec = cell('gpu_spec');
    return {
      name: cell('name'),
      cpuMilli: cpu as number,
      memoryMib: mem as number,
      gpus: gpus as number,
      gpuMilli: (gpus as number) === 0 ? 0 : (milli as number),
      gpuModels: spec === '' ? [] : spec.split('|'),
      qos: cell('qos'),
      creationS: times[0] as number | null,
      deletionS: times[1] as number | null,
      scheduledS: times[2] as number | null,
    };
  });
}

/** GPU milli a task asks for in all. */
export function taskGpuMilli(t: Pick<TraceTask, 'gpus' | 'gpuMilli'>): number {
  return t.gpus * t.gpuMilli;
}
