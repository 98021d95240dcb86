import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from './db/store.js';
import { spawnServer } from './spawn-server.js';

/**
 * A scenario the planner takes seconds over: `workloads` serving fleets, each a full simulation of
 * its traffic (the flood sent 300 of them; a few already take seconds, which keeps a test short).
 */
export function heavyScenario(workloads: number): string {
  const fleet = `  - serve:
      model: llama-3-8b
      traffic:
        rate: 1 req/s
        input: { mean: 500, distribution: fixed }
        output: { mean: 100, distribution: fixed }
      parallelism: { tp: 1, pp: 1, disaggregated: false }
`;
  return `name: heavy\nhardware:\n  system: dgx-h100\n  gpus: auto\nworkloads:\n${fleet.repeat(workloads)}`;
}

/** The light request: the 8B example, planned in milliseconds. */
const lightScenario = (): string =>
  readFileSync(new URL('../../../examples/llama3-8b-h100-fp8.yaml', import.meta.url), 'utf8');

/** Three clients, told apart by the address the one trusted proxy puts in X-Forwarded-For. */
const FLOODER = '10.0.0.1';
const LIGHT = '10.0.0.2';
const SAVER = '10.0.0.3';
/** The flood is sent first and is queued well before the light requests come. */
const FLOOD_HEAD_START_MS = 300;

export interface StarvationReport {
  /** One heavy plan with nothing else running. */
  readonly heavyAloneMs: number;
  /** The light plan with nothing else running (the median of three). */
  readonly lightAloneMs: number;
  /** The flood's answers by status, and the latency of each answered 200, in the order they came. */
  readonly floodStatuses: Readonly<Record<string, number>>;
  readonly heavyMs: readonly number[];
  /** The light client's plans during the flood, one after another, each latency. */
  readonly lightMs: readonly number[];
  /** A token holder's save sent with the first light plan. */
  readonly saveMs: number;
  readonly lightStatuses: Readonly<Record<string, number>>;
  readonly saveStatus: number;
}

async function timed(
  url: string,
  body: unknown,
  client: string,
  token?: string,
): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': client,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t0 };
}

const count = (statuses: readonly number[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
};

/**
 * The starvation test, for `npm run starvation` and `npm test`: the server in its own process with two
 * planner threads behind one trusted proxy; one client sends `flood` heavy plans at once, another
 * plans the light scenario over and over while they run (at most `lightRequests` times), and a token
 * holder saves a scenario. Every latency is reported beside the heavy plan's own duration.
 */
export async function starvationRun(options: {
  readonly flood: number;
  readonly workloads: number;
  readonly lightRequests: number;
  readonly serverArgs?: readonly string[];
  readonly onListening?: (url: string) => void;
}): Promise<StarvationReport> {
  const dir = mkdtempSync(join(tmpdir(), 'aidc-starve-'));
  const dbFile = join(dir, 'aidc.sqlite');
  const store = new Store(dbFile);
  const token = store.users.createToken('saver', 'member').token;
  store.close();
  const server = await spawnServer(dbFile, [
    '--rate',
    '0',
    '--trust-proxy',
    '1',
    '--threads',
    '2',
    ...(options.serverArgs ?? []),
  ]);
  try {
    options.onListening?.(server.url);
    const plan = `${server.url}/api/plan`;
    const heavy = { yaml: heavyScenario(options.workloads) };
    const light = { yaml: lightScenario() };
    // Warm both planner threads, then time each kind alone.
    await Promise.all([timed(plan, light, LIGHT), timed(plan, light, LIGHT)]);
    const heavyAloneMs = (await timed(plan, heavy, FLOODER)).ms;
    const alone: number[] = [];
    for (let i = 0; i < 3; i++) alone.push((await timed(plan, light, LIGHT)).ms);
    alone.sort((a, b) => a - b);

    let floodLeft = options.flood;
    const flood = Array.from({ length: options.flood }, () =>
      timed(plan, heavy, FLOODER).finally(() => {
        floodLeft--;
      }),
    );
    await new Promise((r) => setTimeout(r, FLOOD_HEAD_START_MS));
    const save = timed(
      `${server.url}/api/scenarios`,
      { name: 'saved during a flood', yaml: light.yaml },
      SAVER,
      token,
    );
    const lights: { status: number; ms: number }[] = [];
    while (lights.length < options.lightRequests && (lights.length === 0 || floodLeft > 0)) {
      lights.push(await timed(plan, light, LIGHT));
    }
    const floodDone = await Promise.all(flood);
    const saved = await save;
    return {
      heavyAloneMs,
      lightAloneMs: alone[1]!,
      floodStatuses: count(floodDone.map((r) => r.status)),
      heavyMs: floodDone.filter((r) => r.status === 200).map((r) => r.ms),
      lightMs: lights.map((r) => r.ms),
      lightStatuses: count(lights.map((r) => r.status)),
      saveMs: saved.ms,
      saveStatus: saved.status,
    };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

/** The report as lines for people. */
export function describeStarvation(r: StarvationReport): string[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const statuses = (c: Readonly<Record<string, number>>) =>
    Object.entries(c)
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ');
  return [
    `alone: heavy plan ${s(r.heavyAloneMs)}, light plan ${s(r.lightAloneMs)}`,
    `flood: ${statuses(r.floodStatuses)}; heavy latency min ${s(Math.min(...r.heavyMs))}, max ${s(Math.max(...r.heavyMs))}`,
    `light plans under the flood: ${r.lightMs.length} (${statuses(r.lightStatuses)}), first ${s(r.lightMs[0] ?? 0)}, p50 ${s(percentile(r.lightMs, 0.5))}, max ${s(Math.max(...r.lightMs))}`,
    `token holder's save under the flood: ${r.saveStatus} in ${s(r.saveMs)}`,
  ];
}
