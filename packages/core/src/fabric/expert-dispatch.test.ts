import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MoE } from '../catalog/types.js';
import { Random } from '../sim/random.js';
import {
  type DispatchGroup,
  expertImbalance,
  remoteDomainsPerToken,
  tokenTraffic,
  touchedExpertShare,
} from './expert-dispatch.js';

const moe = (over: Partial<MoE> = {}): MoE => ({
  experts: 256,
  topK: 8,
  sharedExperts: 1,
  expertFfnHidden: 2048,
  denseLayers: 3,
  layerInterval: 1,
  ...over,
});

/** Distinct remote domains of a token, counted by drawing its experts: the reference the closed forms
 * are held to. Experts in order, `experts ÷ domains` per domain; the token sits in domain 0. */
function sampledRemoteDomains(m: MoE, domains: number, draws: number, seed: number): number {
  const rng = new Random(seed);
  const perDomain = m.experts / domains;
  const g = m.routingGroups;
  let total = 0;
  for (let d = 0; d < draws; d++) {
    const pool: number[] = [];
    if (g) {
      const groups = [...Array(g.groups).keys()];
      for (let i = 0; i < g.topGroups; i++) {
        const j = i + Math.floor(rng.next() * (groups.length - i));
        [groups[i], groups[j]] = [groups[j]!, groups[i]!];
      }
      const per = m.experts / g.groups;
      for (const grp of groups.slice(0, g.topGroups)) for (let e = 0; e < per; e++) pool.push(grp * per + e);
    } else for (let e = 0; e < m.experts; e++) pool.push(e);
    for (let i = 0; i < m.topK; i++) {
      const j = i + Math.floor(rng.next() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    const hit = new Set(pool.slice(0, m.topK).map((e) => Math.floor(e / perDomain)));
    hit.delete(0);
    total += hit.size;
  }
  return total / draws;
}

describe('remote domains per token', () => {
  it('matches drawing the experts, with and without group-limited routing', () => {
    for (const [m, domains] of [
      [moe(), 4],
      [moe(), 8],
      [moe({ routingGroups: { groups: 8, topGroups: 4 } }), 4],
      [moe({ routingGroups: { groups: 8, topGroups: 4 } }), 8],
      [moe({ routingGroups: { groups: 8, topGroups: 4 } }), 16],
      [moe({ experts: 128, topK: 4 }), 2],
    ] as const) {
      const sampled = sampledRemoteDomains(m, domains, 20_000, 7);
      expect(remoteDomainsPerToken(m, domains)).toBeCloseTo(sampled, 1);
    }
  });

  it('is 0 inside one domain and never more than the other domains or the experts a token picks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 4, 8, 16, 32),
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
        (domains, topK, grouped) => {
          const m = moe({ topK, ...(grouped ? { routingGroups: { groups: 8, topGroups: 4 } } : {}) });
          const r = remoteDomainsPerToken(m, domains);
          expect(r).toBeGreaterThanOrEqual(0);
          expect(r).toBeLessThanOrEqual(Math.min(topK, domains - 1) + 1e-12);
          if (domains === 1) expect(r).toBe(0);
        },
      ),
    );
  });

  it('group-limited routing reaches fewer domains than routing over all experts', () => {
    const grouped = moe({ routingGroups: { groups: 8, topGroups: 4 } });
    for (const d of [2, 4, 8])
      expect(remoteDomainsPerToken(grouped, d)).toBeLessThan(remoteDomainsPerToken(moe(), d));
  });
});

describe('token traffic', () => {
  const group = (ep: number, perDomain: number): DispatchGroup => ({
    ep,
    perDomain,
    scaleUpBytesPerS: 450e9,
    scaleOutBytesPerS: 50e9,
    oversubscription: 1,
  });
  const fmt = { dispatchBytesPerElement: 1, combineBytesPerElement: 2 };

  it('normal mode never sends more across domains than one copy per expert', () => {
    fc.assert(
      fc.property(fc.constantFrom(16, 32, 64, 72, 96), fc.integer({ min: 1, max: 8 }), (ep, topK) => {
        const m = moe({ topK });
        const normal = tokenTraffic(m, group(ep, 8), fmt, 'normal');
        const low = tokenTraffic(m, group(ep, 8), fmt, 'low-latency');
        expect(normal.scaleOutBytes).toBeLessThanOrEqual(low.scaleOutBytes + 1e-9);
      }),
    );
  });

  it('sends every remote copy over RDMA when low-latency kernels have no NVLink path (DeepEP before #173)', () => {
    const rdma = tokenTraffic(moe(), { ...group(72, 8), lowLatencyOverScaleUp: false }, fmt, 'low-latency');
    const nvlink = tokenTraffic(moe(), group(72, 8), fmt, 'low-latency');
    expect(rdma.scaleUpBytes).toBe(0);
    expect(rdma.scaleOutBytes).toBeCloseTo(nvlink.scaleOutBytes + nvlink.scaleUpBytes, 9);
    expect(rdma.scaleOutBytes).toBeGreaterThan(nvlink.scaleOutBytes);
  });

  it('stays on the scale-up links inside one domain, and is nothing without EP', () => {
    const t = tokenTraffic(moe(), group(72, 72), fmt, 'low-latency');
    expect(t.scaleOutBytes).toBe(0);
    expect(t.scaleUpBytes).toBeCloseTo((8 * 71 * 3) / 72, 9);
    expect(tokenTraffic(moe(), group(1, 1), fmt, 'normal')).toEqual({ scaleUpBytes: 0, scaleOutBytes: 0 });
  });
});

describe('expert load', () => {
  it('imbalance is at least 1, at most every assignment on one rank, and falls as tokens grow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 128 }), (n, ranks) => {
        const f = expertImbalance(n, ranks);
        expect(f).toBeGreaterThanOrEqual(1);
        expect(f).toBeLessThanOrEqual(ranks);
        expect(expertImbalance(n * 2, ranks)).toBeLessThanOrEqual(f);
      }),
    );
  });

  it('a step touches a growing share of the experts, all of them at large batches', () => {
    const m = moe();
    expect(touchedExpertShare(m, 0)).toBe(0);
    expect(touchedExpertShare(m, 1)).toBeCloseTo(8 / 256, 12);
    expect(touchedExpertShare(m, 4096)).toBeGreaterThan(0.999);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (t) => {
        expect(touchedExpertShare(m, t + 1)).toBeGreaterThanOrEqual(touchedExpertShare(m, t));
      }),
    );
  });
});
