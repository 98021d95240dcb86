// Legal but doubtful: what a plan warns of, with a stable code (for programs and tests) and the words
// a person reads. The same object in core, the CLI, the API and the page.

export const WARNING_CODES = {
  'resolver-note': 'an interpretation the resolver made of the scenario (a batch rounded, a default taken)',
  'past-deadline': 'the run ends after its deadline',
  'over-budget': 'the run costs more than the budget',
  'beyond-context': "the sequence is longer than the model's published context",
  'little-memory-headroom': 'the best layout leaves little memory free',
  'offload-chosen': 'nothing fit in GPU memory, so the plan offloads to host memory, which slows every step',
  'rack-power-limit': 'the rack power limit holds fewer nodes than the reference rack',
  'node-over-rack-limit': 'one node draws more than the rack power limit',
  'missing-price': 'a bill-of-materials item has no price and counts 0',
  'no-cloud-price': 'no cloud price is known for the accelerator',
  'derived-system': 'the node is derived from the accelerator, not a catalog system',
  'weak-delta': 'δ is above 1 ÷ examples: the guarantee may leak a whole example',
  'estimate-not-bound': 'the privacy accountant gives an estimate, not a bound',
  'privacy-never-catches-up': 'no cluster size tried makes the private run as fast as the non-private one',
  'federated-rounds-retried': 'some federated rounds fail and are retried',
  'federated-upload-expansion': 'the secure aggregation multiplies every upload',
  'security-gap': 'a requirement of the security level is not met',
  'security-control-blocked': 'a listed control cannot run on this site',
} as const;

export type WarningCode = keyof typeof WARNING_CODES;

export interface Warning {
  readonly code: WarningCode;
  readonly message: string;
}

export const warning = (code: WarningCode, message: string): Warning => ({ code, message });
