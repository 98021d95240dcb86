// Privacy: closed vocabularies the scenario schema and the models share.

/**
 * The accountants, each with the conventions of the library it reproduces:
 * - 'rdp-opacus': RDP at Opacus's orders, exact (signed) fractional series, Balle et al. 2020;
 * - 'rdp-dp-accounting': RDP at dp_accounting's orders, |·| fractional series, Canonne et al. 2020;
 * - 'rdp-classic': RDP at dp_accounting's orders, exact series, Mironov 2017;
 * - 'prv': the PRV accountant as Opacus runs it (upper bound);
 * - 'pld': the privacy loss distribution as dp_accounting's PLDAccountant builds it (pessimistic);
 * - 'gdp': Gaussian DP by the central limit theorem (Bu et al. 2020), as Opacus; an approximation,
 *   not a bound.
 */
export const ACCOUNTANTS = ['rdp-opacus', 'rdp-dp-accounting', 'rdp-classic', 'prv', 'pld', 'gdp'] as const;
export type AccountantId = (typeof ACCOUNTANTS)[number];

export const CLIPPING_IDS = ['per-sample', 'ghost', 'book-keeping'] as const;
export type ClippingId = (typeof CLIPPING_IDS)[number];

/** How client updates are protected on their way to the aggregator. */
export const SECURE_AGGREGATION_IDS = ['none', 'secagg', 'paillier', 'batchcrypt', 'ckks'] as const;
export type SecureAggregationId = (typeof SECURE_AGGREGATION_IDS)[number];

/**
 * How batches are drawn:
 * - 'poisson': each example joins each step independently with probability q, which the
 *   accountants' amplification by sampling assumes;
 * - 'shuffle': the data set is shuffled and cut into batches. No accountant here proves
 *   amplification for it, so each epoch is counted as one release of the whole data set with the
 *   step's noise, ⌈epochs⌉ releases in all (TensorFlow Privacy's accounting without a sampling
 *   probability; validation/privacy.json privacy-18, -22).
 */
export const SAMPLINGS = ['poisson', 'shuffle'] as const;
export type Sampling = (typeof SAMPLINGS)[number];
