import { derivedFigure, type Figure, figure } from '../explain/figure.js';
import { type Warning, warning } from '../explain/warning.js';
import type { ControlId, SecurityLevel } from '../vocab/security.js';
import {
  CONTROLS,
  type ControlContext,
  type ControlEffect,
  levelRequirements,
  type Requirement,
  SECURITY_LEVEL_SOURCE,
} from './controls.js';

export interface SecurityInput {
  readonly level?: SecurityLevel | undefined;
  readonly require?: readonly ControlId[] | undefined;
  readonly controls: readonly ControlId[];
}

export interface ControlLine {
  readonly id: ControlId;
  readonly name: string;
  readonly layer: string;
  readonly protects: string;
  readonly implemented: boolean;
  readonly effect: ControlEffect;
}

export interface RequirementLine {
  readonly name: string;
  readonly anyOf: readonly ControlId[];
  /** The implemented control that meets it, if any. */
  readonly metBy: ControlId | null;
  /** Why it cannot be met on this site (every control that would meet it is unavailable). */
  readonly blocked: string | null;
}

export interface SecurityPlan {
  readonly level: SecurityLevel | null;
  readonly requirements: readonly RequirementLine[];
  /** Implemented controls, and the cheapest available control of each unmet requirement. */
  readonly controls: readonly ControlLine[];
  readonly met: number;
  readonly gaps: number;
  /** Throughput with the controls ÷ without, multiplied over the controls. */
  readonly trainingFactor: number;
  readonly inferenceFactor: number;
  readonly storageFactor: number;
  readonly networkFactor: number;
  readonly annualUsd: number;
  /** The training run with the controls: extra wall-clock and cost (owned). */
  readonly extraWallClockS: number | null;
  readonly extraRunCostUsd: number | null;
  readonly figures: Readonly<Record<string, Figure>>;
  readonly warnings: readonly Warning[];
}

/**
 * The controls a level (or a list) requires, which the site has, and what the set costs: the
 * implemented controls plus, for each unmet requirement, its first available control, so the
 * figures say what meeting the level would take.
 */
export function planSecurity(
  s: SecurityInput,
  ctx: ControlContext,
  training: { readonly wallClockS: number; readonly runCostUsd: number } | null,
): SecurityPlan {
  const implemented = new Set(s.controls);
  const available = (id: ControlId) => !CONTROLS[id].effect(ctx).unavailable;
  // One line per distinct requirement: a control named by the level and by `require` counts once.
  const reqs: Requirement[] = [];
  for (const r of [
    ...(s.level ? levelRequirements(s.level) : []),
    ...(s.require ?? []).map((id) => ({ name: CONTROLS[id].name, anyOf: [id] })),
  ]) {
    const key = [...r.anyOf].sort().join('|');
    if (!reqs.some((x) => [...x.anyOf].sort().join('|') === key)) reqs.push(r);
  }
  const warnings: Warning[] = [];
  const chosen = new Map<ControlId, boolean>();
  for (const id of implemented) chosen.set(id, true);
  const metBy = (r: Requirement) => r.anyOf.find((id) => implemented.has(id) && available(id)) ?? null;
  // For the gaps, prefer a control that closes several at once (an HSM meets "managed keys" and
  // "keys in hardware"), so the cost is not counted twice.
  const unmet = reqs.filter((r) => !metBy(r));
  const closes = (id: ControlId) => unmet.filter((r) => r.anyOf.includes(id)).length;
  const requirements: RequirementLine[] = reqs.map((r) => {
    const by = metBy(r);
    const usable = r.anyOf.filter(available);
    const blocked =
      usable.length === 0 ? r.anyOf.map((id) => CONTROLS[id].effect(ctx).unavailable).join('; ') : null;
    if (!by) {
      warnings.push(
        warning(
          'security-gap',
          blocked
            ? `gap: ${r.name} cannot be met on this site: ${blocked}`
            : `gap: ${r.name} (add ${usable.join(' or ')})`,
        ),
      );
      const already = usable.find((id) => chosen.has(id));
      const pick = already ?? [...usable].sort((a, b) => closes(b) - closes(a))[0];
      if (pick && !chosen.has(pick)) chosen.set(pick, false);
    }
    return { name: r.name, anyOf: r.anyOf, metBy: by, blocked };
  });
  for (const id of implemented) {
    const why = CONTROLS[id].effect(ctx).unavailable;
    if (why)
      warnings.push(warning('security-control-blocked', `${id} is listed but cannot run here: ${why}`));
  }
  const controls: ControlLine[] = [...chosen].map(([id, isImplemented]) => {
    const c = CONTROLS[id];
    return {
      id,
      name: c.name,
      layer: c.layer,
      protects: c.protects,
      implemented: isImplemented,
      effect: c.effect(ctx),
    };
  });
  const running = controls.filter((c) => !c.effect.unavailable);
  const product = (k: 'trainingFactor' | 'inferenceFactor' | 'storageFactor' | 'networkFactor') =>
    running.reduce((a, c) => a * c.effect[k], 1);
  const trainingFactor = product('trainingFactor');
  const annualUsd = running.reduce((a, c) => a + c.effect.annualUsd, 0);
  const extraWallClockS = training ? training.wallClockS * (1 / trainingFactor - 1) : null;
  const extraRunCostUsd = training ? training.runCostUsd * (1 / trainingFactor - 1) : null;
  const met = requirements.filter((r) => r.metBy).length;
  const sources = [SECURITY_LEVEL_SOURCE, ...running.flatMap((c) => CONTROLS[c.id].sources)];
  const factors = Object.fromEntries(running.map((c) => [c.id, c.effect.trainingFactor]));
  return {
    level: s.level ?? null,
    requirements,
    controls,
    met,
    gaps: requirements.length - met,
    trainingFactor,
    inferenceFactor: product('inferenceFactor'),
    storageFactor: product('storageFactor'),
    networkFactor: product('networkFactor'),
    annualUsd,
    extraWallClockS,
    extraRunCostUsd,
    warnings,
    figures: {
      securityTrainingFactor: figure(
        trainingFactor,
        'fraction',
        'product of the training throughput factors of the controls run',
        factors,
        sources,
      ),
      securityAnnualCost: figure(
        annualUsd,
        'USD',
        'sum of the controls’ yearly costs (keys, HSMs, logging)',
        Object.fromEntries(running.map((c) => [c.id, c.effect.annualUsd])),
        sources,
      ),
      ...(extraWallClockS !== null
        ? {
            securityExtraWallClock: derivedFigure(
              extraWallClockS,
              's',
              'wall-clock × (1 ÷ training factor − 1)',
              {
                trainingFactor,
                wallClockS: training!.wallClockS,
              },
            ),
            securityExtraRunCost: derivedFigure(
              extraRunCostUsd!,
              'USD',
              'run cost × (1 ÷ training factor − 1)',
              {
                trainingFactor,
                runCostUsd: training!.runCostUsd,
              },
            ),
          }
        : {}),
    },
  };
}
