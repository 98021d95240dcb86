#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { scenarioJsonSchema, scenarioReference } from '@aidc/core';
import { Command, CommanderError } from 'commander';
import { calibrateCommand } from './commands/calibrate.js';
import { catalogCommand } from './commands/catalog.js';
import { operateCommand } from './commands/operate.js';
import { planCommand } from './commands/plan.js';
import { privacyCommand } from './commands/privacy.js';
import { serveCommand } from './commands/serve.js';
import { trainCommand } from './commands/train.js';
import { validateCommand } from './commands/validate.js';
import { UserError } from './errors.js';
import { writeOut } from './io.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  readonly version: string;
};

const program = new Command()
  .name('aidc')
  .description('Plan AI datacenters: from a scenario file to a traced plan.')
  .version(version, '-V, --version', 'print the version of aidc')
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
  .option('--allow-outside', "read files the scenario refers to (trace, hf) outside the scenario's folder")
  .action(trainCommand);

program
  .command('serve')
  .description(
    'plan the serving workloads of a scenario: layout, replicas, latency percentiles, cost per token',
  )
  .argument('<scenario>', 'scenario file (YAML or JSON)')
  .option('--json', 'print the plan as JSON (format aidc-plan/serving@1)')
  .option('--explain', 'show the formula, inputs and sources of every figure')
  .option('--allow-outside', "read files the scenario refers to (trace, hf) outside the scenario's folder")
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
  .option('--allow-outside', "read files the scenario refers to (trace, hf) outside the scenario's folder")
  .action(planCommand);

program
  .command('validate')
  .description('score the models against a published validation set (recognised by its format field)')
  .argument('<file>', 'validation set, e.g. validation/training.json')
  .option('--json', 'print {mape, cases: [{id, predicted, measured, errorPct}], ...} as JSON')
  .action(validateCommand);

program
  .command('calibrate')
  .description(
    "fit the training model's constants to your own measured step times; write a calibration file a scenario can name",
  )
  .argument(
    '<file>',
    'your step times, in the format of validation/training.json (aidc-validation/training@1)',
  )
  .option('-o, --out <file>', 'where to write the calibration (default: <file>.calib.json)')
  .option('--json', 'print the calibration as JSON')
  .action(calibrateCommand);

program
  .command('operate')
  .argument('[scenario]', 'a scenario file with an operations section, e.g. examples/shared-cluster.yaml')
  .description(
    "a shared GPU cluster over time: a scenario's site under queue and placement policies, with serving fleets, failures and cloud bursting; or placement policies on a trace (--trace); or queue policies on jobs like a published cluster (--cluster)",
  )
  .option(
    '--trace <file>',
    'task list (CSV), e.g. validation/traces/alibaba-v2023-openb_pod_list_default.csv',
  )
  .option('--nodes <file>', 'node list (CSV); default: the 2023 GPU node list beside the trace')
  .option(
    '--cluster <name>',
    "jobs like a published cluster's (Seren, Kalos, Philly, Helios, Alibaba-2023), over time",
  )
  .option(
    '--gpus <n>',
    'with --cluster: GPUs, in nodes of 8 (default 512); with a scenario: site sizes to compare, e.g. 384,512,768 (owned against rented)',
  )
  .option('--jobs <n>', 'with --cluster: jobs to generate (default 20000)')
  .option('--load <share>', 'with --cluster: GPUs the jobs ask for on average, as a share (default 0.8)')
  .option(
    '--failures',
    "with --cluster: jobs fail at the reliability model's rates and restart from hourly checkpoints",
  )
  .option('--seeds <n>', 'seeds per policy (default 3)')
  .option(
    '--policies <list>',
    `comma-separated, of ${['random', 'dot-product', 'clustering', 'packing', 'best-fit', 'fgd'].join(', ')}`,
  )
  .option('--json', 'print the comparison as JSON')
  .option('--html <file>', 'with a scenario: write an HTML report with charts')
  .option('--explain', 'with a scenario: show how each cost, energy and carbon figure was made')
  .option('--allow-outside', 'with a scenario: let it read files outside its folder')
  .action(operateCommand);

program
  .command('catalog')
  .description('list catalog entries')
  .argument('[kind]', 'accelerators, models, systems, switches, media, prices or grid')
  .option('--json', 'print the entries, with their sources, as JSON')
  .action(catalogCommand);

program
  .command('privacy')
  .description(
    'differential privacy of DP-SGD: ε for a noise multiplier (--noise), or the noise multiplier for an ε (--epsilon), by every accountant',
  )
  .option('--epsilon <e>', 'target ε: find the noise multiplier')
  .option('--noise <sigma>', 'noise multiplier (noise std ÷ clipping norm): find ε')
  .option('--delta <d>', 'target δ, e.g. 1e-5')
  .option('--sample-rate <q>', 'Poisson sampling rate: expected batch ÷ examples')
  .option('--batch <n>', 'expected batch size (with --examples, instead of --sample-rate)')
  .option('--examples <n>', 'training examples (with --batch)')
  .option('--epochs <n>', 'epochs; steps = epochs ÷ q (see --steps-from-epochs)')
  .option('--steps <n>', 'noisy steps, instead of --epochs')
  .option(
    '--steps-from-epochs <rule>',
    'truncate (Opacus), python-floor-division (Opacus tests), ceil (TF Privacy)',
    'truncate',
  )
  .option('--accountant <list>', 'rdp-opacus, rdp-dp-accounting, rdp-classic, prv, pld, gdp (default: all)')
  .option('--microbatching', 'per-micro-batch clipping: the sensitivity doubles (TF Privacy)')
  .option(
    '--sampling <kind>',
    'poisson (amplified by sampling) or shuffle (one full release per epoch)',
    'poisson',
  )
  .option('--tolerance <e>', 'how close to the target ε the search stops (Opacus: 0.01)')
  .option('--json', 'print the results as JSON')
  .action(privacyCommand);

program
  .command('schema')
  .description('print the JSON Schema of scenario files, for editors')
  .option('--markdown', 'print the field reference instead (docs/scenario-reference.md)')
  .action((opts: { markdown?: boolean }) =>
    writeOut(opts.markdown ? scenarioReference() : JSON.stringify(scenarioJsonSchema(), null, 2)),
  );

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
