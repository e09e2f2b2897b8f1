// `npm run bench`: every benchmark, one after the other, each against its own baseline.
import { existsSync } from 'node:fs';

const benches = ['engine', 'slack-http', 'discord-http', 'summary', 'page'];
for (const name of benches) {
  const file = new URL(`./${name}.ts`, import.meta.url);
  if (!existsSync(file)) continue;
  const bench = (await import(file.href)) as { run: () => Promise<unknown> };
  await bench.run();
}
