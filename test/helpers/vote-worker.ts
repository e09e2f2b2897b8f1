// A separate process that votes on a shared database file: used to prove no vote is lost.
import { engineOnPath } from './engine.ts';

const [path, prefix, countText] = process.argv.slice(2);
const { engine, store } = await engineOnPath(path!, { secret: 'a-shared-secret-for-both-processes' });
// Both workers start together, on "go" once both said "ready", so their writes really interleave.
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.destroy();
let failures = 0;
for (let i = 0; i < Number(countText); i++) {
  const inv = {
    platform: 'slack' as const,
    workspaceId: 'T1',
    channelId: 'C1',
    user: { id: `${prefix}-${i}`, name: `${prefix}-${i}`, isAdmin: false },
  };
  const outcome = await engine.run(inv, i % 2 === 0 ? 'voter pour #1' : 'voter contre #1');
  if (outcome.replies[0]?.view.kind !== 'notice') failures++;
}
await store.close();
process.stdout.write(`${JSON.stringify({ failures })}\n`);
