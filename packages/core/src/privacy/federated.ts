import type { Source } from '../catalog/types.js';
import { derivedFigure, type Figure, figure } from '../explain/figure.js';
import type { Failure } from '../explain/refusal.js';
import { type Warning, warning } from '../explain/warning.js';
import { formatPercent } from '../units/format.js';
import type { SecureAggregationId } from '../vocab/privacy.js';
import { binomialUpperTail, bisect, normalQuantile } from './special.js';

interface SecureAggregation {
  readonly name: string;
  /** Bytes a client uploads ÷ the update's plain bytes, for K clients per round. */
  readonly expansion: (clientsPerRound: number) => number;
  readonly sources: readonly Source[];
}

const SECAGG: Source = {
  title:
    'Bonawitz et al., "Practical Secure Aggregation for Privacy-Preserving Machine Learning", CCS 2017 (abstract)',
  note: '16-bit inputs: 1.73× expansion for 2^10 users and 2^20-dimensional vectors, 1.98× for 2^14 users and 2^24',
};

export const SECURE_AGGREGATION: Readonly<Record<SecureAggregationId, SecureAggregation>> = {
  none: { name: 'none (plain updates)', expansion: () => 1, sources: [] },
  secagg: {
    name: 'secure aggregation (Bonawitz et al. 2017)',
    // Linear in log2(users) between the two published points, held at the nearer one outside them.
    expansion: (k) => {
      const x = Math.min(14, Math.max(10, Math.log2(k)));
      return 1.73 + ((x - 10) / 4) * (1.98 - 1.73);
    },
    sources: [SECAGG],
  },
  paillier: {
    name: 'Paillier encryption, one value per ciphertext',
    // A 2048-bit modulus gives 4096-bit ciphertexts; each carries one 32-bit value.
    expansion: () => 4096 / 32,
    sources: [
      {
        title: 'Paillier 1999, "Public-Key Cryptosystems Based on Composite Degree Residuosity Classes"',
        note: 'ciphertexts live in Z_{n²}: 2 × 2048 bits for a 2048-bit modulus; derived 128× for 32-bit values',
      },
    ],
  },
  batchcrypt: {
    name: 'BatchCrypt (Zhang et al. 2020): quantised, packed Paillier',
    // 66–101× less traffic than plain Paillier (midpoint 83.5×), on the 128× of plain Paillier.
    expansion: () => 128 / 83.5,
    sources: [
      {
        title:
          'Zhang et al., "BatchCrypt: Efficient Homomorphic Encryption for Cross-Silo Federated Learning", USENIX ATC 2020 (abstract)',
        note: 'communication cut by 66–101× against plain Paillier; derived ≈1.5× of the plain update',
      },
    ],
  },
  ckks: {
    name: 'CKKS homomorphic encryption, fully packed',
    // N = 8192, log q ≈ 218: 2·N·log q bits hold N/2 values.
    expansion: () => (2 * 8192 * 218) / (8192 / 2) / 32,
    sources: [
      {
        title:
          'Cheon, Kim, Kim, Song, "Homomorphic Encryption for Arithmetic of Approximate Numbers", ASIACRYPT 2017',
        note: 'illustrative parameters N = 8192, log q = 218: ≈ 872 bits per packed slot, ≈ 27× a 32-bit value (derived)',
      },
    ],
  },
};

const OVERCOMMIT_SOURCE: Source = {
  title: 'Bonawitz et al., "Towards Federated Learning at Scale: System Design", MLSys 2019, §9',
  note: '6–10% of devices drop out; the server selects 130% of the target; SecAgg limits an instance to hundreds of users',
};
const TRAINING_FLOPS_SOURCE: Source = {
  title: 'Kaplan et al. 2020, "Scaling Laws for Neural Language Models", §2.1',
  note: 'training FLOPs ≈ 6 × parameters × tokens',
};
/** Updates travel as fp32 values (an assumption: FedAvg exchanges model weights). */
export const UPDATE_BYTES_PER_PARAM = 4;
/** Clients one secure-aggregation instance serves: "hundreds" in production (Bonawitz et al. 2019); 500 assumed. */
export const SECAGG_GROUP = 500;
/** An aggregator server's NIC and the share of it achieved (an assumption). */
export const AGGREGATOR_NIC_BITS_PER_S = 100e9;
export const AGGREGATOR_NIC_EFFICIENCY = 0.9;
/** An aggregator server's network, bytes/s. */
export const AGGREGATOR_NIC_BYTES_PER_S = (AGGREGATOR_NIC_BITS_PER_S / 8) * AGGREGATOR_NIC_EFFICIENCY;
/** Training FLOPs per parameter and token: forward and backward (Kaplan et al. 2020). */
const TRAINING_FLOPS_PER_PARAM_TOKEN = 6;

/** Below this share of successful rounds (more than 1,000 attempts a round) nothing is planned. */
export const MIN_ROUND_SUCCESS = 1e-3;
/** Below this share of successful rounds the plan warns that rounds are retried. */
export const WARN_ROUND_SUCCESS = 0.95;
/** The share of successful rounds the advice aims for. */
const TARGET_ROUND_SUCCESS = 0.99;

/** P(at least K of n selected clients report) when each drops out independently with probability d. */
export const roundSuccess = (selected: number, dropout: number, clientsPerRound: number): number =>
  binomialUpperTail(selected, 1 - dropout, clientsPerRound);

/** The over-commitment that reaches K in 99% of rounds, as advice. */
function advice(f: FederatedInput): string {
  const reaches = (o: number) =>
    roundSuccess(selectedAt(f, o), f.dropout, f.clientsPerRound) >= TARGET_ROUND_SUCCESS;
  // Over-commitment is capped by the clients that exist: past that, only a smaller K helps.
  const most = Math.min(OVERCOMMIT_MAX, f.clients / f.clientsPerRound);
  if (!reaches(most))
    return `no over-commitment up to ${most.toFixed(2)} reaches K in 99% of rounds; lower clientsPerRound`;
  const o = bisect((x) => (reaches(x) ? 1 : -1), 1, most);
  return `select more clients (overcommit ≥ ${(Math.ceil(o * 100) / 100).toFixed(2)} reaches K in 99% of rounds)`;
}

/** Clients the server selects a round at an over-commitment: no more than exist. */
const selectedAt = (f: FederatedInput, overcommit: number): number =>
  Math.min(f.clients, Math.ceil(overcommit * f.clientsPerRound));

const OVERCOMMIT_MAX = 10;
const pct = (x: number) => (x < 1e-4 ? '< 0.01%' : formatPercent(x));

export interface FederatedInput {
  readonly params: number;
  readonly tokens: number;
  readonly clients: number;
  readonly clientsPerRound: number;
  readonly clientFlopsPerS: number;
  readonly downBytesPerS: number;
  readonly upBytesPerS: number;
  readonly rounds: number;
  readonly secureAggregation: SecureAggregationId;
  readonly localTokens?: number | undefined;
  readonly overcommit: number;
  readonly dropout: number;
  readonly clientSpread: number;
}

/** A federated plan, or why its rounds would (almost) never complete, naming the field to change. */
export type FederatedResult =
  | { readonly ok: true; readonly plan: FederatedPlan }
  | (Failure & { readonly field: keyof FederatedInput });

export interface FederatedPlan {
  readonly secureAggregation: string;
  readonly selectedPerRound: number;
  readonly roundTimeS: number;
  readonly wallClockS: number;
  readonly uploadBytesPerClient: number;
  readonly ingressBytesPerRound: number;
  readonly egressBytesPerRound: number;
  readonly aggregatorServers: number;
  readonly figures: Readonly<Record<string, Figure>>;
  readonly warnings: readonly Warning[];
}

/**
 * A federated run: each round the server picks overcommit × K clients; a client downloads the model,
 * trains on its local tokens and uploads its (possibly encrypted) update; the round closes when the
 * K-th fastest of the clients that stay reports. Client times are log-normal around the nominal one
 * (σ = clientSpread), so an attempt is the K-th order statistic, ≈ the K/(n+1) quantile; an attempt
 * where fewer than K stay is retried, so a round is attempt ÷ P(at least K stay).
 */
export function planFederated(f: FederatedInput): FederatedResult {
  const warnings: Warning[] = [];
  const sa = SECURE_AGGREGATION[f.secureAggregation];
  const expansion = sa.expansion(f.clientsPerRound);
  const updateBytes = f.params * UPDATE_BYTES_PER_PARAM;
  const uploadBytes = updateBytes * expansion;
  const localTokens = f.localTokens ?? f.tokens / (f.rounds * f.clientsPerRound);
  const computeS = (TRAINING_FLOPS_PER_PARAM_TOKEN * f.params * localTokens) / f.clientFlopsPerS;
  const downS = updateBytes / f.downBytesPerS;
  const upS = uploadBytes / f.upBytesPerS;
  const nominalS = downS + computeS + upS;
  const selected = selectedAt(f, f.overcommit);
  const staying = selected * (1 - f.dropout);
  const success = roundSuccess(selected, f.dropout, f.clientsPerRound);
  if (success < MIN_ROUND_SUCCESS)
    return {
      ok: false,
      code: 'federated-infeasible',
      field: 'overcommit',
      message: `${pct(f.dropout)} dropout of ${selected} selected clients reaches K = ${f.clientsPerRound} in ${pct(success)} of rounds: ${advice(f)}`,
    };
  if (success < WARN_ROUND_SUCCESS)
    warnings.push(
      warning(
        'federated-rounds-retried',
        `${pct(1 - success)} of rounds fail to reach K = ${f.clientsPerRound} (${pct(f.dropout)} dropout of ${selected} selected) and are retried: ${advice(f)}`,
      ),
    );
  // A round that fails waits as long as one that succeeds (the server's report deadline), so rounds
  // are retried geometrically: 1 ÷ P(success) attempts a round.
  const attemptS =
    nominalS *
    Math.exp(f.clientSpread * normalQuantile(f.clientsPerRound / (Math.max(staying, f.clientsPerRound) + 1)));
  const roundTimeS = attemptS / success;
  const wallClockS = f.rounds * roundTimeS;
  const ingress = f.clientsPerRound * uploadBytes;
  const egress = selected * updateBytes;
  // Failed attempts move their traffic too, so the aggregator's rate is per attempt.
  const byTraffic = Math.ceil(Math.max(ingress, egress) / attemptS / AGGREGATOR_NIC_BYTES_PER_S);
  const byGroups = f.secureAggregation === 'secagg' ? Math.ceil(f.clientsPerRound / SECAGG_GROUP) : 1;
  const aggregatorServers = Math.max(1, byTraffic, byGroups);
  if (f.secureAggregation === 'paillier')
    warnings.push(
      warning(
        'federated-upload-expansion',
        'Paillier without packing multiplies every upload by 128: consider batchcrypt',
      ),
    );
  const inputs = {
    rounds: f.rounds,
    clientsPerRound: f.clientsPerRound,
    selected,
    dropout: f.dropout,
    clientSpread: f.clientSpread,
    roundSuccess: success,
  };
  return {
    ok: true,
    plan: {
      secureAggregation: sa.name,
      selectedPerRound: selected,
      roundTimeS,
      wallClockS,
      uploadBytesPerClient: uploadBytes,
      ingressBytesPerRound: ingress,
      egressBytesPerRound: egress,
      aggregatorServers,
      warnings,
      figures: {
        clientTime: figure(
          nominalS,
          's',
          `download (params × ${UPDATE_BYTES_PER_PARAM} B ÷ down-link) + local training (${TRAINING_FLOPS_PER_PARAM_TOKEN} × params × local tokens ÷ client FLOP/s) + upload (params × ${UPDATE_BYTES_PER_PARAM} B × expansion ÷ up-link)`,
          { downloadS: downS, computeS, uploadS: upS, localTokens, expansion },
          [TRAINING_FLOPS_SOURCE, ...sa.sources],
        ),
        roundTime: figure(
          roundTimeS,
          's',
          'client time × exp(spread × Φ⁻¹(K ÷ (max(clients that stay, K) + 1))) ÷ P(at least K of the selected stay): the K-th fastest of overcommit × K selected, less dropouts, with failed rounds retried',
          inputs,
          [OVERCOMMIT_SOURCE],
        ),
        roundSuccess: figure(
          success,
          'fraction',
          'P(at least K of the selected stay): Σ_{s ≥ K} C(n, s) (1 − dropout)^s dropout^(n − s), n = selected, summed exactly',
          { selected, dropout: f.dropout, clientsPerRound: f.clientsPerRound },
          [OVERCOMMIT_SOURCE],
        ),
        federatedWallClock: derivedFigure(wallClockS, 's', 'rounds × round time', inputs),
        uploadExpansion: figure(
          expansion,
          'count',
          'bytes uploaded ÷ plain update bytes for the secure aggregation chosen',
          { method: f.secureAggregation },
          sa.sources,
        ),
        aggregatorIngress: derivedFigure(ingress, 'B', 'K × upload per client, per round', {
          clientsPerRound: f.clientsPerRound,
        }),
        aggregatorServers: figure(
          aggregatorServers,
          'count',
          `max(traffic per attempt ÷ attempt time ÷ ${AGGREGATOR_NIC_BITS_PER_S / 1e9} Gb/s NIC at ${AGGREGATOR_NIC_EFFICIENCY * 100}%, K ÷ ${SECAGG_GROUP} clients per secure-aggregation instance)`,
          { byTraffic, byGroups },
          [OVERCOMMIT_SOURCE],
        ),
      },
    },
  };
}
