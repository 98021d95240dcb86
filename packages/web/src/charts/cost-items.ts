import type { DatacenterPlan } from '@aidc/core';
import type { Bar } from './Bars.js';

type CostLine = DatacenterPlan['cost']['lines'][number];

/** Characters of a bar's label that fit the label column (170 px of 11 px text, about 6.5 px a character). */
const LABEL_CHARS = 25;

/** The network a line serves, where its name ends with one: "… (compute)", "… (storage)". */
const NETWORK = /\s\(([\w /-]+)\)$/;

/** A name cut to fit, keeping the network at its end: two lines of one part on two networks differ. */
export function shortName(name: string, max = LABEL_CHARS): string {
  if (name.length <= max) return name;
  const net = NETWORK.exec(name);
  const tail = net ? ` (${net[1]})` : '';
  const head = net ? name.slice(0, net.index) : name;
  return `${head.slice(0, Math.max(1, max - tail.length - 1)).trimEnd()}…${tail}`;
}

/**
 * The costliest lines of a bill as bars, each keyed by what it is (category, item, network), never by
 * its shortened label: a key that two lines share leaves a stale bar behind when the plan changes.
 */
export function largestCostItems(lines: readonly CostLine[], count: number): Bar[] {
  const seen = new Map<string, number>();
  return [...lines]
    .filter((l) => l.totalUsd > 0)
    .sort((a, b) => b.totalUsd - a.totalUsd)
    .slice(0, count)
    .map((l) => {
      const base = `${l.category}/${l.item}/${NETWORK.exec(l.name)?.[1] ?? ''}`;
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      return {
        key: n === 0 ? base : `${base}#${n + 1}`,
        label: shortName(l.name),
        title: l.name,
        value: l.totalUsd,
      };
    });
}
