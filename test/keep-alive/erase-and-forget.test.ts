// The debate of the week's traces go with the person (oublier-moi) and with the workspace
// (forget-workspace), on both stores: topics, their endorsements and the weekly slots.
import { afterEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/domain/types.ts';
import type { DebateStore } from '../../src/store/ports/debate-store.ts';
import { PostgresInstallationStore } from '../../src/store/postgres/installation-store.ts';
import { PostgresDebateStore } from '../../src/store/postgres/store.ts';
import { SqliteInstallationStore } from '../../src/store/sqlite/installation-store.ts';
import { person, type TestBed, testEngine } from '../helpers/engine.ts';
import { firstView } from '../helpers/outcome.ts';
import { migratedTestDatabase } from '../postgres/databases.ts';

let bed: TestBed | undefined;
afterEach(async () => {
  await bed?.cleanup();
  bed = undefined;
});

const here = { platform: 'slack' as Platform, workspaceId: 'T1', channelId: 'C1' };

/** A queue of two topics, one endorsed, and a weekly slot that opened the other as a debate. */
async function weekOf(store: DebateStore) {
  for (const [text, key] of [
    ['Un', 'UA'],
    ['Deux', 'UB'],
  ] as const)
    await store.proposeTopic({ scope: here, text, proposerKey: key, proposerName: `n-${key}`, at: 1_000 });
  await store.toggleTopicEndorsement({
    scope: here,
    number: 1,
    endorserKey: 'UB',
    at: 1_100,
    check: () => ({ ok: true, value: undefined }),
  });
  await store.openWeekly({
    instance: 'instance-1',
    scope: here,
    slotAt: 2_000,
    at: 2_000,
    pick: (queue) => queue.find((t) => t.number === 2),
    debate: () => ({
      uid: `weekly-${Math.random()}`,
      openerKey: 'UB',
      openerName: 'n-UB',
      anonymous: false,
      hidden: false,
      at: 2_000,
      closesAt: 9_000,
    }),
  });
}

describe('oublier-moi', () => {
  it('erases the person’s topic endorsements and unsigns their topics', async () => {
    bed = await testEngine();
    await bed.engine.run(person('a'), 'sujets proposer Un sujet de a ?');
    await bed.engine.run(person('b'), 'sujets proposer Un sujet de b ?');
    await bed.engine.run(person('b'), 'sujets appuyer 1');
    const done = firstView(await bed.engine.run(person('b'), 'oublier-moi confirmer'), 'notice');
    expect(done.params).toMatchObject({ endorsements: '1 appui' });
    const queue = firstView(await bed.engine.run(person('a'), 'sujets'), 'topicList').items;
    expect(queue.map((t) => [t.number, t.endorsements, t.proposerName])).toEqual([
      [1, 0, 'name-a'],
      [2, 0, null],
    ]);
  });
});

describe('forget-workspace', () => {
  it('SQLite: erases the topics, their endorsements and the weekly slots with the debates', async () => {
    bed = await testEngine();
    await weekOf(bed.store);
    await new SqliteInstallationStore(bed.db).eraseWorkspace(here);
    for (const table of ['topics', 'topic_endorsements', 'weekly_openings', 'debates'])
      expect((bed.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(0);
  });

  it('PostgreSQL: the same', async () => {
    const database = await migratedTestDatabase();
    const debates = new PostgresDebateStore(database.pool);
    try {
      await weekOf(debates);
      await new PostgresInstallationStore(debates.db).eraseWorkspace(here);
      for (const table of ['topics', 'topic_endorsements', 'weekly_openings', 'debates']) {
        const { rows } = await database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
        expect(Number(rows[0]?.n), table).toBe(0);
      }
    } finally {
      await debates.close();
      await database.drop();
    }
  });
});
