import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../sim/random.js';
import {
  MILLI_PER_GPU,
  parseTraceNodes,
  parseTraceTasks,
  type TraceNode,
  type TraceTask,
} from './cluster-trace.js';
import { nodeFragmentation, typicalShapes } from './fragmentation.js';
import { runInflation } from './inflation.js';
import { ClusterState, PLACEMENT_POLICIES, Placer } from './placement.js';

const node = (gpus: number, cpu = 64_000, model = 'G2'): TraceNode => ({
  name: `n${gpus}`,
  cpuMilli: cpu,
  memoryMib: 262_144,
  gpus,
  model,
});
const task = (gpus: number, gpuMilli: number, cpu = 4000, models: string[] = []): TraceTask => ({
  name: 't',
  cpuMilli: cpu,
  memoryMib: 8192,
  gpus,
  gpuMilli: gpus === 0 ? 0 : gpuMilli,
  gpuModels: models,
  qos: 'LS',
  creationS: null,
  deletionS: null,
  scheduledS: null,
});

const taskArb = fc.oneof(
  fc.constant(task(0, 0, 2000)),
  fc.integer({ min: 50, max: 950 }).map((m) => task(1, m)),
  fc.constantFrom(1, 2, 4, 8).map((g) => task(g, MILLI_PER_GPU, 2000 * g)),
);
const clusterArb = fc.array(
  fc.constantFrom(node(1, 8000, 'P100'), node(2, 64_000, 'T4'), node(4, 48_000), node(8, 96_000)),
  { minLength: 1, maxLength: 12 },
);

describe('the trace reader', () => {
  it('reads the 2023 trace columns and says where a row is wrong', () => {
    const nodes = parseTraceNodes('sn,cpu_milli,memory_mib,gpu,model\nn0,96000,393216,8,G2\n');
    expect(nodes.ok && nodes.rows[0]).toMatchObject({ gpus: 8, model: 'G2' });
    const tasks = parseTraceTasks(
      'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n' +
        'p0,12000,16384,1,460,T4|G2,LS,Running,0,12537496,0\np1,6000,12288,0,0,,BE,Running,5,,\n',
    );
    expect(tasks.ok && tasks.rows[0]).toMatchObject({
      gpuMilli: 460,
      gpuModels: ['T4', 'G2'],
      deletionS: 12_537_496,
    });
    expect(tasks.ok && tasks.rows[1]).toMatchObject({ gpus: 0, gpuMilli: 0, deletionS: null });
    const bad = parseTraceTasks('name,cpu_milli,memory_mib,num_gpu,gpu_milli\np,1,1,2,500\n');
    expect(!bad.ok && bad.message).toMatch(/^line 2: gpu_milli: found 500 with num_gpu 2/);
    expect(!parseTraceNodes('sn,gpu\nx,1\n').ok && 'ok').toBe('ok');
  });
});

describe('fragmentation (Weng et al. 2023)', () => {
  it('counts a GPU too full for a shape, and the whole node where the shape cannot run', () => {
    const free = Float64Array.from([1000, 300, 0, 1000]);
    const typical = typicalShapes([
      { cpuMilli: 1000, memoryMib: 0, gpus: 1, gpuMilli: 500, modelMask: 0 },
      { cpuMilli: 1000, memoryMib: 0, gpus: 4, gpuMilli: 1000, modelMask: 0 },
    ]);
    // Half the tasks ask for half a GPU: the 300 left on GPU 1 is a fragment for them. The other
    // half ask for four whole GPUs: the node cannot take them, so all 2,300 free milli are.
    expect(nodeFragmentation(free, 0, 4, 64_000, 0, typical)).toBeCloseTo(0.5 * 300 + 0.5 * 2300, 9);
    // Without CPU no shape runs: everything free is a fragment.
    expect(nodeFragmentation(free, 0, 4, 0, 0, typical)).toBeCloseTo(2300, 9);
  });
});

describe('placement', () => {
  it('never gives a GPU more than it has, conserves GPU milli, and repeats exactly for a seed', () => {
    fc.assert(
      fc.property(
        clusterArb,
        fc.array(taskArb, { minLength: 1, maxLength: 60 }),
        fc.constantFrom(...PLACEMENT_POLICIES),
        fc.integer({ min: 1, max: 1000 }),
        (nodes, tasks, policy, seed) => {
          const a = runInflation(nodes, tasks, policy, seed);
          const b = runInflation(nodes, tasks, policy, seed);
          expect(Array.from(b.unallocatedPctAt)).toEqual(Array.from(a.unallocatedPctAt));
          expect(a.allocatedGpuMilli).toBeLessThanOrEqual(a.totalGpuMilli);
          // Replay by hand to check every GPU and CPU stays within its node.
          const s = new ClusterState(nodes);
          const rng = new Random(seed);
          const p = new Placer(s, policy, typicalShapes([]), rng);
          let placed = 0;
          for (const t of tasks) {
            const shape = { ...t, modelMask: 0 };
            const n = p.choose(shape, JSON.stringify(shape));
            if (n < 0) continue;
            s.place(n, shape, p.chosenGpu);
            placed += t.gpus * t.gpuMilli;
          }
          for (const f of s.gpuFree) expect(f).toBeGreaterThanOrEqual(0);
          for (const c of s.cpuFree) expect(c).toBeGreaterThanOrEqual(0);
          expect(s.allocatedGpuMilli).toBe(placed);
          expect(s.gpuFree.reduce((x, y) => x + y, 0)).toBe(s.totalGpuMilli - placed);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('fits every task when the cluster can hold them all at once', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(1, 2, 4, 8), { minLength: 1, maxLength: 10 }), (sizes) => {
        // One 8-GPU node per task: room for all of them whatever the order.
        const nodes = sizes.map(() => node(8, 96_000));
        const s = new ClusterState(nodes);
        const p = new Placer(s, 'best-fit', typicalShapes([]), new Random(1));
        for (const g of sizes) {
          const shape = { ...task(g, MILLI_PER_GPU, 2000), modelMask: 0 };
          const n = p.choose(shape, `w${g}`);
          expect(n).toBeGreaterThanOrEqual(0);
          s.place(n, shape, p.chosenGpu);
        }
      }),
    );
  });

  it('keeps a task off GPU models it may not use', () => {
    const s = new ClusterState([node(2, 64_000, 'T4'), node(8, 96_000, 'G2')]);
    const p = new Placer(s, 'random', typicalShapes([]), new Random(3));
    const onlyG2 = { ...task(1, MILLI_PER_GPU), modelMask: s.modelMask(['G2']) };
    for (let i = 0; i < 5; i++) expect(p.choose(onlyG2, 'g2')).toBe(1);
    expect(p.choose({ ...onlyG2, modelMask: s.modelMask(['A100']) }, 'none')).toBe(-1);
  });

  it('packs a share onto the fullest GPU that holds it under best-fit', () => {
    const s = new ClusterState([node(4, 64_000)]);
    const p = new Placer(s, 'best-fit', typicalShapes([]), new Random(1));
    const half = { ...task(1, 500), modelMask: 0 };
    s.place(0, half, 2);
    expect(p.choose({ ...task(1, 400), modelMask: 0 }, 'q')).toBe(0);
    expect(p.chosenGpu).toBe(2);
  });
});
