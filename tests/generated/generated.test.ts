// Generated files are committed for readers and editors; a stale one fails here with the command that
// regenerates it.
import { readFileSync } from 'node:fs';
import { scenarioJsonSchema } from '@aidc/core';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('generated files are current', () => {
  it('docs/scenario.schema.json is what `aidc schema` prints (npm run schema regenerates it)', () => {
    const committed: unknown = JSON.parse(readFileSync(`${ROOT}docs/scenario.schema.json`, 'utf8'));
    expect(committed).toEqual(scenarioJsonSchema());
  });
});
