// Packs the aidc command as one self-contained npm tarball, for use outside the repository:
//   npm run pack:cli                    # writes aidc-<version>.tgz in the current folder
//   npm run pack:cli -- --out <folder>
//   npm install -g ./aidc-<version>.tgz # then `aidc` works from anywhere, offline
// The workspace packages are not on the npm registry, so the command and everything it imports
// (core, commander, zod, yaml) are bundled into one file: the tarball has no dependencies.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outArg = process.argv.indexOf('--out');
const outDir = resolve(outArg > 0 ? process.argv[outArg + 1] : '.');
const cli = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8'));
const stage = mkdtempSync(join(tmpdir(), 'aidc-pack-'));

try {
  process.stderr.write('bundling packages/cli/dist/main.js …\n');
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: join(root, 'packages/cli/dist/main.js'),
      outDir: join(stage, 'bin'),
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: false,
      rollupOptions: {
        external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
        output: { format: 'es', entryFileNames: 'aidc.js', codeSplitting: false },
      },
    },
    ssr: { noExternal: true, target: 'node' },
  });
  const bin = join(stage, 'bin/aidc.js');
  const code = readFileSync(bin, 'utf8').replace(/^#!.*\n/, '');
  writeFileSync(bin, `#!/usr/bin/env node\n${code}`, { mode: 0o755 });
  // The command reads its version from ../package.json beside its bin folder, as in the repository.
  writeFileSync(
    join(stage, 'package.json'),
    `${JSON.stringify(
      {
        name: 'aidc',
        version: cli.version,
        description: cli.description,
        license: cli.license,
        type: 'module',
        bin: { aidc: 'bin/aidc.js' },
        engines: { node: '>=20.19' },
        files: ['bin'],
      },
      null,
      2,
    )}\n`,
  );
  copyFileSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));
  writeFileSync(
    join(stage, 'README.md'),
    "# aidc\n\nThe aidc command, packed from the aidc repository: `aidc --help`. Documentation: the repository's README and docs/.\n",
  );
  mkdirSync(outDir, { recursive: true });
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', outDir], {
    cwd: stage,
    encoding: 'utf8',
  }).trim();
  process.stdout.write(`${join(outDir, name)}\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
