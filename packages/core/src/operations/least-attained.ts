// Least-attained-service scheduling as Tiresias runs it (Gu et al., NSDI 2019: discretised 2D-LAS):
// a job's priority falls as the service it has had grows, counted in GPU-seconds (GPUs × time run),
// so short and small jobs pass long and large ones without anyone knowing durations. Jobs sit in a
// few queues by that service, first come first served within each; a waiting job preempts running
// jobs of a lower queue, which suspend with a checkpoint and resume later.

/** Upper bounds of the queues but the last, in GPU-seconds of attained service: two queues split at
 * one GPU-hour. Tiresias's simulator (SymbioticLab/Tiresias, simulator/README.md) shows
 * `queue_limit = [3600]` for its `dlas-gpu` policy, whose service is GPU-seconds; vodascheduler
 * (pkg/algorithm/tiresias.go) gives 2 queues and 3600 as the paper's settings. Lucid (ASPLOS 2023)
 * runs Tiresias at 18000 instead: the threshold is a knob, and this is its common value. */
export const LAS_THRESHOLDS_GPU_S: readonly number[] = [3600];

/** Seconds a job suspended by LAS pays to resume from the checkpoint it wrote when preempted, by its
 * GPUs: Lucid's simulator (S-Lab-System-Group/Lucid, simulation/policy/policy.py, `ckpt_overhead`)
 * charges 40 s up to 8 GPUs and 60 s beyond, against the 62 s average overhead Tiresias measured
 * (§5.2.4, as Lucid quotes it). */
export const SUSPEND_RESUME_S = { upTo8Gpus: 40, beyond: 60 } as const;

export function suspendResumeS(gpus: number): number {
  return gpus <= 8 ? SUSPEND_RESUME_S.upTo8Gpus : SUSPEND_RESUME_S.beyond;
}

/** The queue (0 first) of a job that has had `gpuS` GPU-seconds of service. */
export function lasQueue(gpuS: number): number {
  let q = 0;
  while (q < LAS_THRESHOLDS_GPU_S.length && gpuS >= LAS_THRESHOLDS_GPU_S[q]!) q++;
  return q;
}

/** GPU-seconds of service left before a job with `gpuS` drops a queue; Infinity in the last. */
export function serviceToNextQueue(gpuS: number): number {
  const q = lasQueue(gpuS);
  return q < LAS_THRESHOLDS_GPU_S.length ? LAS_THRESHOLDS_GPU_S[q]! - gpuS : Number.POSITIVE_INFINITY;
}
