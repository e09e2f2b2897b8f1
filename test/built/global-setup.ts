// Once per test run: the tests run `debat` as a person does, from the JavaScript built into dist/.
// It is built again only when the sources changed since, without tsc's type-check (which
// `npm test` runs on its own just before).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--if-changed', '--no-check'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('the build of dist/ failed (see above)');
}
