#!/usr/bin/env node
// Builds the JavaScript that `debat` runs: tsc compiles src/ and adapters/ into dist/, and every
// file they read at run time (migrations, manifests, the worker script, package.json) is copied
// beside it, so dist/ mirrors the repository's layout and every `import.meta.url` path resolves
// from the built output as from the sources. Run by `npm install` (the `prepare` script).
//
//   node scripts/build.mjs                  type-checked build (what `npm install` runs)
//   node scripts/build.mjs --if-changed     nothing to do when the sources are those of dist/
//   node scripts/build.mjs --no-check       emit without type-checking (the tests' setup: the
//                                           type-check runs on its own in `npm test`)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist');
const STAMP = '.sources-hash';
/** Folders compiled, and whose other files are copied as they are. */
const CODE = ['src', 'adapters'];
/** Read at run time from paths relative to the code. */
const ASSETS = ['migrations', 'package.json'];
const INPUTS = [...CODE, ...ASSETS, 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'];

const files = (path) =>
  !existsSync(path)
    ? []
    : readdirSync(path, { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name));
const inputFiles = () =>
  INPUTS.flatMap((input) => {
    const path = join(ROOT, input);
    return input.includes('.') ? [path] : files(path);
  }).sort();

/** One hash of every input's path and content: the sources dist/ was built from. */
function sourcesHash() {
  const hash = createHash('sha256');
  for (const file of inputFiles()) hash.update(`${relative(ROOT, file)}\0`).update(readFileSync(file));
  return hash.digest('hex');
}

const args = new Set(process.argv.slice(2));
const hash = sourcesHash();
const stampFile = join(OUT, STAMP);
if (args.has('--if-changed') && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash)
  process.exit(0);

// Built beside dist/ and swapped in whole: a process started meanwhile sees the old build or the
// new one, never half of each, and files of removed sources do not linger.
const next = join(ROOT, `dist.next-${process.pid}`);
rmSync(next, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(
  process.execPath,
  [
    tsc,
    '-p',
    join(ROOT, 'tsconfig.build.json'),
    '--outDir',
    next,
    ...(args.has('--no-check') ? ['--noCheck'] : []),
  ],
  { cwd: ROOT, stdio: 'inherit' },
);
if (compiled.status !== 0) {
  rmSync(next, { recursive: true, force: true });
  console.error('debat: the build failed (tsc, above); dist/ is left as it was.');
  process.exit(1);
}
for (const folder of CODE)
  for (const file of files(join(ROOT, folder)).filter((path) => !path.endsWith('.ts')))
    cpSync(file, join(next, relative(ROOT, file)));
for (const asset of ASSETS) cpSync(join(ROOT, asset), join(next, asset), { recursive: true });
writeFileSync(join(next, STAMP), hash);

const old = join(ROOT, `dist.old-${process.pid}`);
if (existsSync(OUT)) renameSync(OUT, old);
renameSync(next, OUT);
rmSync(old, { recursive: true, force: true });
