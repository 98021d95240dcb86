// Speculative decoding: a cheap draft proposes a few tokens one at a time, the model checks them all
// in one forward pass and keeps the longest prefix it agrees with, plus one token of its own. A step
// then costs the verification of draft + 1 tokens per sequence and the draft's passes, and yields the
// acceptance length in tokens instead of one.
import type { ModelArchitecture, Source } from '../catalog/types.js';

/** Where the draft tokens come from. */
export type DraftMethod = 'mtp' | 'draft';

/** Speculative decoding as a deployment runs it. */
export interface SpeculativeDecoding {
  readonly method: DraftMethod;
  /** What runs once per draft token: the model's multi-token-prediction module, or a smaller model. */
  readonly draft: ModelArchitecture;
  /** The draft's embedding and output head are the model's own (MTP): held once, read at each pass. */
  readonly sharesEmbedding: boolean;
  /** Copies of the draft's layers held: a model's MTP modules, each drafting one position (1 for a
   * draft model). */
  readonly draftCopies: number;
  /** Tokens drafted per step. */
  readonly draftTokens: number;
  /** Chance each drafted token is accepted, given the ones before it were. */
  readonly acceptance: number;
  /** Tokens a step yields on average, the model's own included: acceptanceLength(acceptance, draftTokens). */
  readonly acceptanceLength: number;
  /** Where the acceptance came from: the scenario, or the default's source. */
  readonly acceptanceSource: string;
}

/**
 * Expected tokens per step with `draftTokens` drafted, each accepted with chance α independently of
 * the others once those before it were: (1 − α^(k+1)) ÷ (1 − α) (Leviathan, Kalman and Matias, "Fast
 * Inference from Transformers via Speculative Decoding", ICML 2023, eq. 1); k + 1 when every draft is
 * accepted.
 */
export function acceptanceLength(acceptance: number, draftTokens: number): number {
  if (acceptance >= 1) return draftTokens + 1;
  return (1 - acceptance ** (draftTokens + 1)) / (1 - acceptance);
}

export const ACCEPTANCE_LENGTH_SOURCE: Source = {
  title:
    'Leviathan, Kalman and Matias, "Fast Inference from Transformers via Speculative Decoding" (ICML 2023)',
  url: 'https://arxiv.org/abs/2211.17192',
  note: 'eq. 1: expected tokens per step (1 − α^(γ+1)) ÷ (1 − α) for γ drafted tokens each accepted with chance α',
};

/** The defaults of multi-token-prediction drafting, with their source. */
export const MTP_DEFAULTS = {
  /** DeepSeek-V3 predicts one extra token with its one MTP module. */
  draftTokens: 1,
  /** The middle of the 85–90% the report measures for the second token. */
  acceptance: 0.85,
  source: {
    title: 'DeepSeek-AI, "DeepSeek-V3 Technical Report" (2024), sec. 5.4.3',
    url: 'https://arxiv.org/abs/2412.19437',
    note: 'MTP predicts the next 2 tokens; the acceptance rate of the second token is between 85% and 90% across generation topics, giving 1.8 times the tokens per second',
  } satisfies Source,
} as const;

/**
 * One draft pass of a model's MTP module: one transformer layer of the model's kind (a MoE layer when
 * the model's later layers are) with the model's embedding and output head. The module's projection of
 * the joined hidden state and embedding (2·hidden × hidden) is left out: a fraction of a layer.
 */
export function mtpDraft(m: ModelArchitecture): ModelArchitecture {
  const { localAttention: _everyLayerAttendsToAll, ...rest } = m;
  return {
    ...rest,
    id: `${m.id}-mtp`,
    name: `${m.name} MTP module`,
    layers: 1,
    moe: m.moe ? { ...m.moe, denseLayers: 0, layerInterval: 1 } : null,
  };
}

/** What a scenario asks for: the method, the draft model for `draft`, and what it overrides. */
export type SpeculationAsk =
  | {
      readonly method: 'mtp';
      readonly draftTokens?: number | undefined;
      readonly acceptance?: number | undefined;
    }
  | {
      readonly method: 'draft';
      readonly draft: ModelArchitecture;
      readonly draftTokens: number;
      readonly acceptance: number;
    };

/** Speculative decoding of model `m` as asked: MTP with the report's defaults where not given, or a
 * draft model with the scenario's own figures. */
export function speculation(m: ModelArchitecture, ask: SpeculationAsk): SpeculativeDecoding {
  if (ask.method === 'mtp') {
    const draftTokens = ask.draftTokens ?? MTP_DEFAULTS.draftTokens;
    const acceptance = ask.acceptance ?? MTP_DEFAULTS.acceptance;
    return {
      method: 'mtp',
      draft: mtpDraft(m),
      sharesEmbedding: true,
      draftCopies: Math.max(1, m.mtpModules ?? 1),
      draftTokens,
      acceptance,
      acceptanceLength: acceptanceLength(acceptance, draftTokens),
      acceptanceSource: ask.acceptance !== undefined ? 'the scenario' : MTP_DEFAULTS.source.title,
    };
  }
  return {
    method: 'draft',
    draft: ask.draft,
    sharesEmbedding: false,
    draftCopies: 1,
    draftTokens: ask.draftTokens,
    acceptance: ask.acceptance,
    acceptanceLength: acceptanceLength(ask.acceptance, ask.draftTokens),
    acceptanceSource: 'the scenario',
  };
}
