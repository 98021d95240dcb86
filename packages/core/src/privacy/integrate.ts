// Adaptive Gauss–Kronrod (7-point Gauss, 15-point Kronrod) quadrature. Nodes and weights are the
// standard ones (Piessens et al. 1983, QUADPACK).
const XGK = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911,
  0.4058451513773972, 0.20778495500789848, 0,
];
const WGK = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679,
  0.19035057806478542, 0.20443294007529889, 0.20948214108472782,
];
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

function kronrod(f: (x: number) => number, a: number, b: number): { k: number; err: number } {
  const c = (a + b) / 2;
  const h = (b - a) / 2;
  const fc = f(c);
  let k = WGK[7]! * fc;
  let g = WG[3]! * fc;
  for (let j = 0; j < 7; j++) {
    const dx = h * XGK[j]!;
    const s = f(c - dx) + f(c + dx);
    k += WGK[j]! * s;
    if (j % 2 === 1) g += WG[(j - 1) / 2]! * s;
  }
  return { k: k * h, err: Math.abs((k - g) * h) };
}

/**
 * Most Kronrod rules one integral applies: QUADPACK's bound on subintervals, at the 500 that Opacus
 * passes to scipy.integrate.quad for the PRV's mean. The validation set's integrals take at most 23;
 * a near-step integrand (a PRV of tiny noise) would otherwise halve the
 * tolerance with every level and subdivide 2⁵⁰ times (fuzz seed 1 case 4932 ran for hours).
 */
export const MAX_INTEGRATION_PIECES = 500;

export interface Integral {
  readonly value: number;
  /** Whether every piece met its share of the tolerance within MAX_INTEGRATION_PIECES rules. */
  readonly converged: boolean;
  /** Kronrod rules applied: at most maxPieces + 50. */
  readonly pieces: number;
}

/** ∫ₐᵇ f, subdividing until each piece's Kronrod–Gauss difference is within its share of `tol`, or
 * until `maxPieces` rules have been applied; after that, each piece still pending takes one rule as it
 * is (at most one per level of depth, 50). */
export function integrate(
  f: (x: number) => number,
  a: number,
  b: number,
  tol = 1e-14,
  maxPieces = MAX_INTEGRATION_PIECES,
): Integral {
  let pieces = 0;
  let converged = true;
  const piece = (l: number, r: number, t: number, depth: number): number => {
    pieces++;
    const { k, err } = kronrod(f, l, r);
    if (err <= t || depth >= 50 || r - l < 1e-15 * Math.max(1, Math.abs(l))) return k;
    if (pieces >= maxPieces) {
      converged = false;
      return k;
    }
    const m = (l + r) / 2;
    return piece(l, m, t / 2, depth + 1) + piece(m, r, t / 2, depth + 1);
  };
  const value = piece(a, b, tol, 0);
  return { value, converged, pieces };
}
