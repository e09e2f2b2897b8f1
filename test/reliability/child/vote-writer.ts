// A process that keeps voting on a database file through the real engine, one new voter after
// another, until "stop" arrives on stdin. It prints "writing" once well under way, then "done <n>".
import { setImmediate as yieldToIo } from 'node:timers/promises';
import { engineOnPath } from '../../helpers/engine.ts';

const [path] = process.argv.slice(2);
let stop = false;
process.stdin.on('data', (chunk) => {
  if (String(chunk).includes('stop')) stop = true;
});
const { engine, store } = await engineOnPath(path!);
const at = (i: number) => ({
  platform: 'terminal' as const,
  workspaceId: 'local',
  channelId: 'general',
  user: { id: `writer-${i}`, name: `writer-${i}`, isAdmin: false },
});
if (!(await store.findDebate({ platform: 'terminal', workspaceId: 'local' }, 1)))
  await engine.run(
    { ...at(0), user: { id: 'paul', name: 'paul', isAdmin: true } },
    'lancer Sujet du rédacteur',
  );
let count = 0;
while (!stop) {
  await engine.run(at(count), count % 3 === 0 ? 'voter contre #1' : 'voter pour #1');
  count++;
  if (count === 200) process.stdout.write('writing\n');
  if (count % 50 === 0) await yieldToIo();
}
await store.close();
process.stdout.write(`done ${count}\n`);
process.stdin.destroy();
