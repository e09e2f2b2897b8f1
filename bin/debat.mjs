#!/usr/bin/env node
// The `debat` command: the JavaScript that `npm install` built from the sources into dist/
// (scripts/build.mjs). The usage, the version and a mistyped command line are answered before
// the bot's modules are loaded.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/adapters/cli.js', import.meta.url);
if (!existsSync(built)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  console.error(`debat is not built: run \`npm install\` (or \`npm run build\`) in ${root}`);
  process.exit(1);
}
const { answerWithoutRunning } = await import('../dist/adapters/cli-options.js');
if (!answerWithoutRunning(process.argv.slice(2))) await import('../dist/adapters/cli.js');
