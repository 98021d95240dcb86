import { dirname, join } from 'node:path';
import {
  comparePolicies,
  formatPercent,
  PLACEMENT_POLICIES,
  type PlacementPolicy,
  parseTraceNodes,
  parseTraceTasks,
  table,
} from '@aidc/core';
import { UserError } from '../errors.js';
import { readText, writeOut } from '../io.js';
import { progress } from '../render/progress.js';

/** The node list beside a task list of the 2023 trace, when none is given. */
const NODE_LIST = 'alibaba-v2023-openb_node_list_gpu_node.csv';

function policiesOf(list: string | undefined): PlacementPolicy[] {
  if (!list) return [...PLACEMENT_POLICIES];
  const out = list.split(',').map((p) => p.trim());
  for (const p of out) {
    if (!(PLACEMENT_POLICIES as readonly string[]).includes(p)) {
      throw new UserError(`--policies: found '${p}', expected some of ${PLACEMENT_POLICIES.join(', ')}`);
    }
  }
  return out as PlacementPolicy[];
}

/**
 * `aidc operate --trace TASKS.csv`: placement policies side by side on a GPU cluster trace in the
 * columns of the Alibaba 2023 GPU-sharing trace (issue #16, in progress: placement only, no time yet),
 * on the same seeds: the GPUs left unallocated when the arrived requests reach the cluster's capacity.
 */
export function operateCommand(opts: {
  trace?: string;
  nodes?: string;
  seeds?: string;
  policies?: string;
  json?: boolean;
}): void {
  if (!opts.trace) {
    throw new UserError(
      'give --trace TASKS.csv (a task list in the columns of the Alibaba 2023 GPU trace, e.g. validation/traces/alibaba-v2023-openb_pod_list_default.csv); scenarios of a shared cluster over time are not planned yet (issue #16)',
    );
  }
  const nodesFile = opts.nodes ?? join(dirname(opts.trace), NODE_LIST);
  const nodes = parseTraceNodes(readText(nodesFile));
  if (!nodes.ok) throw new UserError(`${nodesFile}: ${nodes.message}`);
  const tasks = parseTraceTasks(readText(opts.trace));
  if (!tasks.ok) throw new UserError(`${opts.trace}: ${tasks.message}`);
  const count = Number(opts.seeds ?? '3');
  if (!Number.isInteger(count) || count < 1 || count > 100) {
    throw new UserError(`--seeds: found '${opts.seeds}', expected a whole number from 1 to 100`);
  }
  const seeds = Array.from({ length: count }, (_, i) => 42 + i);
  const policies = policiesOf(opts.policies);
  const bar = progress(
    `placing ${tasks.rows.length} tasks on ${nodes.rows.length} nodes, ${policies.length} policies × ${count} seeds`,
  );
  const rows = comparePolicies(nodes.rows, tasks.rows, policies, seeds, (f) => bar.update(f));
  bar.done();
  if (opts.json) {
    writeOut(
      JSON.stringify(
        { format: 'aidc-operate/placement@1', trace: opts.trace, nodes: nodesFile, seeds, rows },
        null,
        2,
      ),
    );
    return;
  }
  const gpus = nodes.rows.reduce((a, n) => a + n.gpus, 0);
  writeOut(
    [
      `${tasks.rows.length} tasks on ${nodes.rows.length} nodes (${gpus} GPUs): each task of the trace in a seeded order, then draws until the requests reach 130% of the GPUs; placed at once or dropped.`,
      '',
      table(
        ['policy', 'unallocated GPUs at 100% arrived', 'seeds min–max', 'GPUs', 'tasks dropped'],
        rows.map((r) => [
          r.policy,
          formatPercent(r.mean / 100),
          `${r.min.toFixed(2)}–${r.max.toFixed(2)}%`,
          String(Math.round((r.mean / 100) * gpus)),
          `${Math.round(r.failed)} of ${Math.round(r.arrived)}`,
        ]),
      ),
      '',
      'The published comparison (Weng et al., USENIX ATC 2023) beside these: docs/operations.md and validation/placement.json.',
    ].join('\n'),
  );
}
