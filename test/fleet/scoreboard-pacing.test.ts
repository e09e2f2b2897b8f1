// Three instances on one PostgreSQL edit one live scoreboard while votes pour into all three:
// the edit slots are shared, so edits never overlap, are granted at least an interval apart by
// the database's clock, and the last one shows the final tally.
import { afterEach, describe, expect, it } from 'vitest';
import type { Publisher } from '../../src/adapter.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { DebateEngine } from '../../src/engine/engine.ts';
import type { ScoreboardPacing } from '../../src/store/ports/pacing.ts';
import { PostgresScoreboardPacing } from '../../src/store/postgres/pacing.ts';
import { openPool } from '../../src/store/postgres/pool.ts';
import { PostgresDebateStore } from '../../src/store/postgres/store.ts';
import type { Reply } from '../../src/views/types.ts';
import { DEFAULTS, person } from '../helpers/engine.ts';
import { emptiedDatabase } from '../postgres/databases.ts';

const INTERVAL_MS = 150;
const database = emptiedDatabase();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Edit {
  instance: number;
  started: number;
  ended: number;
  reply: Reply;
}

describe('live scoreboards across a fleet', () => {
  it('one edit at a time, slots an interval apart, the last edit showing the final tally', async () => {
    const { url, pool } = await database();
    await pool.end();
    const edits: Edit[] = [];
    const grants: number[] = [];
    let order = 0;
    const instances = await Promise.all(
      [0, 1, 2].map(async (instance) => {
        const store = new PostgresDebateStore(await openPool({ url, poolSize: 4 }));
        const shared = new PostgresScoreboardPacing(store.db);
        // Records each slot granted, by the database's clock.
        const pacing: ScoreboardPacing = {
          claim: async (key, intervalMs) => {
            const slot = await shared.claim(key, intervalMs);
            if (slot.granted) grants.push(slot.at);
            return slot;
          },
        };
        const publisher: Publisher = {
          post: async () => 'M1',
          // A platform that takes a while to answer, as over the internet.
          update: async (_ref, reply) => {
            const started = order++;
            await new Promise((resolve) => setTimeout(resolve, 15));
            edits.push({ instance, started, ended: order++, reply });
            return undefined;
          },
        };
        const engine = await DebateEngine.create({
          store,
          clock: new ManualClock(new Date('2026-11-24T10:00:00Z')),
          logger: silentLogger,
          defaults: DEFAULTS,
          scoreboardIntervalMs: INTERVAL_MS,
          scoreboardPacing: pacing,
        });
        engine.registerPublisher('slack', publisher);
        cleanups.push(async () => {
          await engine.close();
          await store.close();
        });
        return { engine, store };
      }),
    );
    const [a] = instances;
    await a!.engine.run(person('ana'), 'lancer Faut-il un open space ?');
    await a!.engine.attachScoreboard({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, 1, 'M1');
    // 90 votes in three waves, each vote on one of the three instances.
    for (let wave = 0; wave < 3; wave++)
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          instances[i % 3]!.engine.run(person(`v${wave}-${i}`), i % 4 === 0 ? 'voter contre' : 'voter pour'),
        ),
      );
    // Every instance done: nothing waiting, running, or remembered from its last edit. (settled()
    // would send at once what the shared slots make wait.)
    for (let round = 0; instances.some(({ engine }) => engine.unsettled > 0); round++) {
      if (round > 400) throw new Error('the scoreboard updates never settled');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }

    expect(edits.length).toBeGreaterThan(1);
    expect(new Set(edits.map((edit) => edit.instance)).size).toBeGreaterThan(1);
    // Never two edits of the message at once, across the three instances.
    const byStart = [...edits].sort((x, y) => x.started - y.started);
    for (let i = 1; i < byStart.length; i++)
      expect(byStart[i]!.started).toBeGreaterThan(byStart[i - 1]!.ended);
    // Slots granted at least an interval apart, on the database's clock.
    const sorted = [...grants].sort((x, y) => x - y);
    for (let i = 1; i < sorted.length; i++)
      expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(INTERVAL_MS);
    // The last edit shows the final state.
    const final = await a!.store.tally(1);
    expect(final).toEqual({ pro: 66, con: 24, neutral: 0 });
    const last = byStart.at(-1)!.reply.view as unknown as { counts: typeof final };
    expect(last.counts).toEqual(final);
  });
});
