import { ACCELERATORS } from './accelerators.js';
import { MODELS } from './models.js';
import { LINK_MEDIA, SWITCHES } from './network.js';
import { SYSTEMS } from './systems.js';
import type { Accelerator, LinkMedium, ModelArchitecture, SwitchSpec, SystemSpec } from './types.js';

export function findAccelerator(id: string): Accelerator | undefined {
  return ACCELERATORS.find((a) => a.id === id);
}

export function findModel(id: string): ModelArchitecture | undefined {
  return MODELS.find((m) => m.id === id);
}

export function findSystem(id: string): SystemSpec | undefined {
  return SYSTEMS.find((s) => s.id === id);
}

export function findSwitch(id: string): SwitchSpec | undefined {
  return SWITCHES.find((s) => s.id === id);
}

export function findLinkMedium(id: string): LinkMedium | undefined {
  return LINK_MEDIA.find((m) => m.id === id);
}

/** Edit distance, for "did you mean" suggestions on unknown ids. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The closest ids to an unknown one, best first. */
export function closestIds(id: string, ids: readonly string[], count = 3): string[] {
  return [...ids]
    .map((c) => ({ c, d: distance(id.toLowerCase(), c) - (c.includes(id.toLowerCase()) ? 3 : 0) }))
    .sort((x, y) => x.d - y.d)
    .slice(0, count)
    .map((x) => x.c);
}
