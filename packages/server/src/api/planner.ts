import type { Refusal } from '@aidc/core';
import type { AppContext } from '../context.js';
import { HttpError } from '../http/errors.js';
import { clientKey } from '../http/rate-limit.js';
import type { PlanOutcome } from '../planning/contract.js';
import type { JobPriority } from '../planning/pool.js';

/** The scenario's file name in diagnostics the API returns: a request has text, not a file. */
const FILE = 'scenario.yaml';

/** Why a job was not run, in the words of a 503. */
const BUSY_MESSAGES: Readonly<Record<Extract<PlanOutcome, { kind: 'busy' }>['why'], string>> = {
  full: 'every planner is busy and the queue is full',
  waited: 'the request waited in the planner queue past its limit while other plans ran',
  closing: 'the server is shutting down',
};

function refusalMessage(r: Refusal): string {
  const what = r.what === 'scenario' ? 'the scenario has problems' : 'the scenario cannot be planned';
  return r.omitted
    ? `${what}: the first ${r.diagnostics.length} are listed, ${r.omitted.toLocaleString('en-US')} more are not`
    : what;
}

/** The plan as JSON text, or undefined for a scenario that was only checked; else the refusal. */
function acceptedPlan(o: PlanOutcome): string | undefined {
  switch (o.kind) {
    case 'planned':
      return o.planJson;
    case 'valid':
      return undefined;
    case 'refused':
      throw new HttpError(422, 'invalid_scenario', refusalMessage(o.refusal), { refusal: o.refusal });
    case 'timeout':
      throw new HttpError(
        422,
        'plan_timeout',
        `planning passed the limit of ${o.seconds} s; plan a smaller scenario`,
      );
    case 'busy':
      throw new HttpError(503, 'busy', `${BUSY_MESSAGES[o.why]}; try again in ${o.retryAfterS} s`, {
        retryAfterS: o.retryAfterS,
      });
    case 'error':
      throw new HttpError(500, 'planner_error', `the planner failed: ${o.message}`, {
        log: o.stack ?? o.message,
      });
  }
}

function runPlanner(
  app: AppContext,
  client: string,
  op: 'plan' | 'validate',
  yaml: string,
  priority: JobPriority,
): Promise<PlanOutcome> {
  return app.planQuota.run(client, priority, () =>
    app.pool.run(op, yaml, FILE, { client: clientKey(client), priority }),
  );
}

/** Checks a scenario without planning it; refuses one with problems. */
export async function checkScenario(app: AppContext, client: string, yaml: string): Promise<void> {
  acceptedPlan(await runPlanner(app, client, 'validate', yaml, 'read'));
}

/** The scenario's plan as JSON text; saves ask with 'write' priority, plain plans with 'read'. */
export async function planScenario(
  app: AppContext,
  client: string,
  yaml: string,
  priority: JobPriority,
): Promise<string> {
  return acceptedPlan(await runPlanner(app, client, 'plan', yaml, priority))!;
}
