// Computes the collectives' link efficiencies (LINK_EFFICIENCY in core/src/fabric/collectives.ts)
// from the nccl-tests figures of validation/collectives.json, and measures the leave-one-source-out
// error (compute them without one source's cases, score those): the gate of
// validation/datacenter.test.ts. Writes validation/fits/collectives.json (scripts/fit-lib.js).
// Usage: npm run fit:collectives [-- --check]
//
// The method is the documented ratio: an efficiency is the bus bandwidth a case measures over the
// bus bandwidth of its link at line rate (370 GB/s ÷ 450 GB/s = 0.82; 47 ÷ 50 GB/s per NIC = 0.94;
// 478 ÷ (450 × 2·7/8) = 0.61 for NVLS), rounded to two decimals (the figures are "about 370",
// "46–48"). A case measures the in-network
// link if NCCL reduced in the switch (NVLS, CollNet, SHARP), else the scale-out link if it spans
// nodes, else the scale-up link. Each link takes the first case of the set that measures it (the
// set lists the NVIDIA maintainers' H100 figures first); a fold without that case takes the next.
import {
  busBandwidthFactor,
  collectivesSetSchema,
  findAccelerator,
  LINK_EFFICIENCY,
  scoreCollectivesSet,
} from '@aidc/core';
import { isMain, readJson, runFitScript } from './fit-lib.js';

const FITTED = ['scaleUp', 'scaleOut', 'inNetwork'];
const IN_NETWORK = new Set(['nvls', 'collnet', 'sharp']);

const linkOf = (c) =>
  IN_NETWORK.has(c.input.algorithm) ? 'inNetwork' : c.input.nodes > 1 ? 'scaleOut' : 'scaleUp';

const errorsOf = (cases, efficiency) =>
  scoreCollectivesSet(cases, efficiency).cases.map((c) => c.errorPct ?? Number.NaN);

/** The measured bus bandwidth over the bus bandwidth of the case's link at line rate, GB/s. */
function ratioOf(c) {
  const acc = findAccelerator(c.input.accelerator);
  if (!acc) throw new Error(`${c.id}: unknown accelerator '${c.input.accelerator}'`);
  const link = linkOf(c);
  if (link === 'scaleOut') {
    // nccl-tests across nodes reports bus bandwidth per NIC.
    const nicGBps = (c.input.nicGbpsPerGpu ?? acc.scaleOutBitsPerS / 1e9) / 8;
    return (c.measured.busBandwidthGBpsPerNic ?? Number.NaN) / nicGBps;
  }
  if (c.input.nodes > 1) throw new Error(`${c.id}: in-network reduction across nodes is not fitted yet`);
  const linkGBps = acc.scaleUpBytesPerS / 1e9;
  // In the switch each GPU sends and receives its buffer once: bus bandwidth ÷ 2(n−1)/n is its rate.
  const factor =
    link === 'inNetwork'
      ? busBandwidthFactor(c.input.collective, c.input.gpus ?? c.input.gpusPerNode ?? 1)
      : 1;
  return (c.measured.busBandwidthGBps ?? Number.NaN) / (linkGBps * factor);
}

function fit(cases) {
  const constants = { ...LINK_EFFICIENCY };
  const basis = {};
  for (const link of FITTED) {
    const c = cases.find((x) => linkOf(x) === link);
    if (!c) throw new Error(`no case measures the ${link} link`);
    constants[link] = Math.round(ratioOf(c) * 100) / 100;
    basis[link] = c.id;
  }
  return { constants, basis };
}

/**
 * The nccl issue threads a case cites ("nccl-tests issues #212 and #290: …" cites two); cases that
 * share a thread are one source (union–find), so no figure is scored with a ratio from its own thread.
 */
function sourcesOf(cases) {
  const threads = (c) => {
    const citation = c.source.split(':')[0];
    const repo = citation.trim().split(/\s/)[0];
    const numbers = citation.match(/#\d+/g);
    return numbers ? numbers.map((n) => `${repo} ${n}`) : [citation];
  };
  const parent = new Map();
  const find = (t) => {
    while (parent.get(t) !== t) t = parent.get(t);
    return t;
  };
  for (const c of cases) {
    const [first, ...rest] = threads(c);
    if (!parent.has(first)) parent.set(first, first);
    for (const t of rest) {
      if (!parent.has(t)) parent.set(t, t);
      parent.set(find(t), find(first));
    }
  }
  const members = new Map();
  for (const t of parent.keys()) members.set(find(t), [...(members.get(find(t)) ?? []), t]);
  return new Map(cases.map((c) => [c.id, members.get(find(threads(c)[0])).join(' + ')]));
}

const cases = collectivesSetSchema.parse(readJson('validation/collectives.json')).cases;
const sources = sourcesOf(cases);

export const collectivesFit = {
  name: 'collectives',
  set: 'validation/collectives.json',
  script: 'scripts/fit-collectives.js',
  figure: 'bus bandwidth',
  method: "measured ÷ line-rate bus bandwidth of each link's first case, to two decimals",
  sourceKey: 'the nccl issue threads a case cites; cases sharing a thread are one source',
  fitted: FITTED,
  cases,
  committed: LINK_EFFICIENCY,
  sourceOf: (c) => sources.get(c.id),
  fit,
  errorsOf,
};

if (isMain(import.meta.url)) runFitScript(collectivesFit);
