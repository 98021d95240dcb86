// Golden plans: every example's figures, in a reviewed file, so an unintended change to a model or to
// the composition fails here with a readable diff. An intended change updates the file in the same
// commit (`npm run golden` rewrites them all), and the commit message says why the figures moved.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenDiff, goldenFigures, planExample } from './golden.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const examples = readdirSync(join(ROOT, 'examples')).filter((f) => /\.ya?ml$/.test(f));

describe('golden plans (tests/golden/*.json)', () => {
  it.each(examples)('examples/%s plans with the reviewed figures', (example) => {
    const expectedFile = join(ROOT, 'tests/golden', example.replace(/\.ya?ml$/, '.json'));
    const changedFile = expectedFile.replace(/\.json$/, '-changed.json');
    const actual = goldenFigures(planExample(join(ROOT, 'examples', example)));
    if (process.env.GOLDEN_UPDATE === '1')
      writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(existsSync(expectedFile), `${expectedFile} is missing: run npm run golden`).toBe(true);
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as Record<string, string | number>;
    const diff = goldenDiff(expected, actual);
    if (diff.length > 0) writeFileSync(changedFile, `${JSON.stringify(actual, null, 2)}\n`);
    else rmSync(changedFile, { force: true });
    expect(diff, `figures moved; the new ones are in ${changedFile}`).toEqual([]);
  });
});
