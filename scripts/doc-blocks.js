// Output blocks in the docs that are made by the CLI, so they cannot drift from the code. A block is
//
//   <!-- aidc: plan examples/llama3-405b-h100.yaml | from "Site plan" to "training run (cloud)" -->
//   ```
//   …the command's output…
//   ```
//
// The arguments go to the built CLI (packages/cli/dist/main.js) from the repository root; the optional
// `| from "A" to "B"` keeps the lines from the first starting with A to the first after it starting with B.
//   node scripts/doc-blocks.js           rewrites every block (npm run docs)
//   node scripts/doc-blocks.js --check   exits 1 naming each stale block (tests/generated runs this check)
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAIN = join(ROOT, 'packages/cli/dist/main.js');
const BLOCK = /<!-- aidc: (.+?) -->\n```([a-z]*)\n([\s\S]*?)```/g;

/** The command's output, cut to the lines the block names. */
export function blockOutput(spec) {
  const [command, cut] = spec.split(' | ');
  const args = command.trim().split(/\s+/);
  const out = execFileSync(process.execPath, [MAIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  if (!cut) return out.endsWith('\n') ? out : `${out}\n`;
  const m = /^from "(.+)" to "(.+)"$/.exec(cut.trim());
  if (!m) throw new Error(`doc block '${spec}': expected | from "A" to "B"`);
  const lines = out.split('\n');
  const start = lines.findIndex((l) => l.startsWith(m[1]));
  const end = lines.findIndex((l, i) => i > start && l.startsWith(m[2]));
  if (start < 0 || end < 0) throw new Error(`doc block '${spec}': the output has no such lines`);
  return `${lines.slice(start, end + 1).join('\n')}\n`;
}

/** Every doc with blocks: [file, text as committed, text with every block made afresh]. */
export function docBlocks() {
  const docs = join(ROOT, 'docs');
  return readdirSync(docs)
    .filter((f) => f.endsWith('.md'))
    .map((f) => {
      const file = join(docs, f);
      const text = readFileSync(file, 'utf8');
      const fresh = text.replace(
        BLOCK,
        (_whole, spec, lang) => `<!-- aidc: ${spec} -->\n\`\`\`${lang}\n${blockOutput(spec)}\`\`\``,
      );
      return { file, text, fresh, blocks: [...text.matchAll(BLOCK)].map((m) => m[1]) };
    })
    .filter((d) => d.blocks.length > 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const d of docBlocks()) {
    if (d.text === d.fresh) continue;
    stale++;
    if (check) process.stderr.write(`${d.file}: a generated block is stale (npm run docs rewrites it)\n`);
    else writeFileSync(d.file, d.fresh);
  }
  if (check && stale > 0) process.exit(1);
  if (!check) process.stderr.write(`${stale} doc(s) rewritten\n`);
}
