// Generated files are committed for readers and editors; a stale one fails here with the command that
// regenerates it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { scenarioJsonSchema, scenarioReference } from '@aidc/core';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('generated files are current', () => {
  it('docs/scenario.schema.json is what `aidc schema` prints (npm run schema regenerates it)', () => {
    const committed: unknown = JSON.parse(readFileSync(`${ROOT}docs/scenario.schema.json`, 'utf8'));
    expect(committed).toEqual(scenarioJsonSchema());
  });
  it('docs/scenario-reference.md is what `aidc schema --markdown` prints (npm run schema regenerates it)', () => {
    const committed = readFileSync(`${ROOT}docs/scenario-reference.md`, 'utf8');
    expect(committed, 'docs/scenario-reference.md is stale: run npm run schema').toBe(scenarioReference());
  });
  it('the MLPerf dataset length quantiles are those of validation/mlperf-datasets (npm run mlperf:lengths regenerates them)', () => {
    const r = spawnSync(process.execPath, [`${ROOT}scripts/mlperf-lengths.js`, '--check'], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
  });
  it('the command output shown in docs is what the CLI prints today (npm run docs regenerates it)', () => {
    const r = spawnSync(process.execPath, [`${ROOT}scripts/doc-blocks.js`, '--check'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
});
