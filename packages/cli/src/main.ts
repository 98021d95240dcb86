#!/usr/bin/env node
import { scenarioJsonSchema } from '@aidc/core';
import { Command, CommanderError } from 'commander';
import { catalogCommand } from './commands/catalog.js';
import { planCommand } from './commands/plan.js';
import { serveCommand } from './commands/serve.js';
import { trainCommand } from './commands/train.js';
import { validateCommand } from './commands/validate.js';
import { UserError } from './errors.js';
import { writeOut } from './io.js';

const program = new Command()
  .name('aidc')
  .description('Plan AI datacenters: from a scenario file to a traced plan.')
  .exitOverride()
  .configureOutput({ outputError: (s, write) => write(s) });

program
  .command('train')
  .description('plan the training workloads of a scenario: best layout, step time, memory, days')
  .argument('<scenario>', 'scenario file (YAML or JSON)')
  .option('--json', 'print the plan as JSON (format aidc-plan/training@1, docs/plan-json.md)')
  .option('--explain', 'show the formula, inputs and sources of every figure')
  .option('--gpus <list>', 'sweep cluster sizes, e.g. 64,128,256,512: time, efficiency and GPU-hours')
  .option('--top <n>', 'how many next-best layouts to list (default 4)')
  .action(trainCommand);

program
  .command('serve')
  .description(
    'plan the serving workloads of a scenario: layout, replicas, latency percentiles, cost per token',
  )
  .argument('<scenario>', 'scenario file (YAML or JSON)')
  .option('--json', 'print the plan as JSON (format aidc-plan/serving@1)')
  .option('--explain', 'show the formula, inputs and sources of every figure')
  .action(serveCommand);

program
  .command('plan')
  .description(
    'plan the whole site for a scenario: training, networks, storage, power, failures, cost, carbon',
  )
  .argument('<scenario>', 'scenario file (YAML or JSON)')
  .option('--json', 'print the plan as JSON (format aidc-plan/datacenter@1)')
  .option('--csv <file>', 'write the bill of materials as CSV')
  .option('--html <file>', 'write one self-contained HTML report with charts')
  .option('--explain', 'show the formula, inputs and sources of every site figure')
  .option('--gpus <list>', 'compare cluster sizes (64,128 or a doubling range 512..16384) and choose one')
  .action(planCommand);

program
  .command('validate')
  .description('score the models against a published validation set (recognised by its format field)')
  .argument('<file>', 'validation set, e.g. validation/training.json')
  .option('--json', 'print {mape, cases: [{id, predicted, measured, errorPct}], ...} as JSON')
  .action(validateCommand);

program
  .command('catalog')
  .description('list catalog entries')
  .argument('[kind]', 'accelerators, models, systems, switches, media, prices or grid')
  .option('--json', 'print the entries, with their sources, as JSON')
  .action(catalogCommand);

program
  .command('schema')
  .description('print the JSON Schema of scenario files, for editors')
  .action(() => writeOut(JSON.stringify(scenarioJsonSchema(), null, 2)));

try {
  program.parse();
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else if (e instanceof UserError) {
    process.stderr.write(`aidc: ${e.message}\n`);
    process.exitCode = e.exitCode;
  } else {
    throw e;
  }
}
