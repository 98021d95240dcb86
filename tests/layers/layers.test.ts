// The layers of core (DESIGN.md) are enforced by Biome's rules in biome.json. These cases put a probe
// file in a layer's folder, import across a boundary, and check that lint refuses exactly the imports
// the design forbids, so a loosened rule fails here.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIOME = join(ROOT, 'node_modules/.bin/biome');

/** [the folder the probe sits in, the module it imports, whether lint must refuse it] */
const CASES: readonly (readonly [string, string, boolean])[] = [
  ['transformer', '../plan/resolve.js', true],
  ['catalog', '../training/layout.js', true],
  ['units', '../report/table.js', true],
  ['scenario', '../training/layout.js', true],
  ['scenario', '../plan/resolve.js', true],
  ['scenario', '../vocab/formats.js', false],
  ['fabric', '../training/layout.js', true],
  ['power', '../cost/plan.js', true],
  ['training', '../inference/formats.js', true],
  ['training', '../fabric/collectives.js', false],
  ['inference', '../fabric/collectives.js', false],
  ['training', '../plan/resolve.js', true],
  ['plan', '../report/table.js', true],
  ['plan', '../validate/error.js', true],
  ['plan', '../training/layout.js', false],
  ['report', '../plan/datacenter-types.js', false],
  ['training', '../index.js', true],
  ['uncertainty', '../training/layout.js', true],
  ['uncertainty', '../explain/figure.js', false],
  ['validate', '../uncertainty/bands.js', false],
];

interface BiomeReport {
  readonly diagnostics: readonly {
    readonly category: string;
    readonly location: { readonly path: string };
  }[];
}

/** Lints one probe file per case in a single Biome run (the scanner is the slow part) and returns,
 * per case, the lint categories Biome raised on its probe. */
function lintProbes(): string[][] {
  const probes = CASES.map(([folder, specifier], i) => {
    const path = `packages/core/src/${folder}/layer-probe-${process.pid}-${i}.ts`;
    writeFileSync(
      join(ROOT, path),
      `import * as probe from '${specifier}';\n\nexport const imported = probe;\n`,
    );
    return path;
  });
  try {
    let out: string;
    try {
      out = execFileSync(BIOME, ['lint', '--colors=off', '--reporter=json', ...probes], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'ignore'],
      }).toString();
    } catch (e) {
      out = String((e as { stdout?: Buffer }).stdout ?? '');
    }
    const report = JSON.parse(out) as BiomeReport;
    return probes.map((p) => report.diagnostics.filter((d) => d.location.path === p).map((d) => d.category));
  } finally {
    for (const p of probes) rmSync(join(ROOT, p), { force: true });
  }
}

describe('core layers (biome.json, DESIGN.md)', () => {
  const raised = lintProbes();
  it.each(CASES.map((c, i) => [...c, raised[i]!] as const))(
    '%s/ importing %s: refused = %s',
    (_folder, _specifier, refused, categories) => {
      expect(categories.includes('lint/style/noRestrictedImports'), categories.join(', ')).toBe(refused);
    },
  );
});
