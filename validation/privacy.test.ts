import { readFileSync } from 'node:fs';
import { type PrivacyCheck, privacySetSchema, scorePrivacyCase, worstPrivacyErrors } from '@aidc/core';
import { describe, expect, it } from 'vitest';

// Every vector of validation/privacy.json is a test, scored by core's privacy-set scorer (the same
// one `aidc validate validation/privacy.json` runs) with the conventions of the library it comes
// from: the tolerance its source states, else 1e-6 relative.
const set = privacySetSchema.parse(
  JSON.parse(readFileSync(new URL('./privacy.json', import.meta.url), 'utf8')),
);
const scored: PrivacyCheck[] = [];

describe('privacy accountants against the reference libraries (validation/privacy.json)', () => {
  it('holds the 27 records the shared set holds', () => {
    expect(set.cases.map((c) => c.id).sort()).toEqual(
      [...Array.from({ length: 26 }, (_, i) => `privacy-${String(i).padStart(2, '0')}`), 'privacy-29'].sort(),
    );
  });

  for (const c of set.cases) {
    it(`${c.id}: ${c.accountant} (${c.library})`, () => {
      const checks = scorePrivacyCase(c);
      scored.push(...checks);
      expect(checks.length).toBeGreaterThan(0);
      expect(checks.filter((x) => !x.pass)).toEqual([]);
    }, 120_000);
  }

  it('reports the worst relative error per accountant', () => {
    const worst = worstPrivacyErrors(scored);
    console.log(
      `privacy worst relative error: ${JSON.stringify(Object.fromEntries(Object.entries(worst).map(([k, v]) => [k, Number(v.toPrecision(3))])))}`,
    );
    expect(Object.keys(worst).sort()).toEqual([
      'conversion',
      'gaussian',
      'inverse-gdp',
      'inverse-prv',
      'inverse-rdp',
      'pld',
      'prv',
      'rdp',
    ]);
  });
});
