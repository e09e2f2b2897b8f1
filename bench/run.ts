// `npm run bench`: every benchmark, one after the other, each against its own baseline;
// `npm run bench -- summary page` runs the ones named.
import { existsSync } from 'node:fs';

// The PostgreSQL ones start a throwaway server each (or use DATABASE_URL's).
const benches = [
  'cold-start',
  'memory',
  'acks-under-work',
  'engine',
  'slack-http',
  'discord-http',
  'summary',
  'page',
  'page-load',
  'page-stall',
  'hostile-http',
  'pg-drivers',
  'engine-postgres',
  'slack-http-postgres',
  'slack-http-instances',
  'summary-postgres',
];
const named = process.argv.slice(2);
const unknown = named.filter((name) => !benches.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark: ${unknown.join(', ')} (known: ${benches.join(', ')})\n`);
  process.exit(2);
}
for (const name of named.length > 0 ? named : benches) {
  const file = new URL(`./${name}.ts`, import.meta.url);
  if (!existsSync(file)) continue;
  const bench = (await import(file.href)) as { run: () => Promise<unknown> };
  await bench.run();
}
