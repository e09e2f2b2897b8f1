// A two-round debate's half-time post on a fleet: two instances (each a real engine on its own
// pool) sweep one PostgreSQL at the same moments; the post is made once, and a failed one is
// taken over once its claim is old.
import { afterEach, describe, expect, it } from 'vitest';
import { anonymityKey } from '../../src/anonymity-secret.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { DebateEngine } from '../../src/engine/engine.ts';
import { openPool } from '../../src/store/postgres/pool.ts';
import { PostgresDebateStore } from '../../src/store/postgres/store.ts';
import type { ScoreboardView } from '../../src/views/types.ts';
import { DEFAULTS, person } from '../helpers/engine.ts';
import { emptiedDatabase } from '../postgres/databases.ts';
import { recordingPublisher } from '../summary/seed.ts';

const database = emptiedDatabase();
const MONDAY = Date.parse('2026-11-23T09:00:00Z');
const DAY = 86_400_000;
const running: { store: PostgresDebateStore; engine: DebateEngine }[] = [];
afterEach(async () => {
  for (const { engine, store } of running.splice(0)) {
    await engine.close();
    await store.close();
  }
});

async function instance(url: string, fail?: () => boolean) {
  const store = new PostgresDebateStore(await openPool({ url, poolSize: 4 }));
  const clock = new ManualClock(new Date(MONDAY));
  const engine = await DebateEngine.create({
    store,
    clock,
    logger: silentLogger,
    defaults: DEFAULTS,
    secret: await anonymityKey(store, { secret: 'a-secret-for-the-fleet-tests', keyFile: undefined }),
  });
  const rec = recordingPublisher({ fail });
  engine.registerPublisher('slack', rec.publisher);
  running.push({ store, engine });
  return { engine, clock, rec };
}

const halftimes = (rec: ReturnType<typeof recordingPublisher>) =>
  rec.posts.filter((p) => p.reply.view.kind === 'scoreboard' && (p.reply.view as ScoreboardView).halftime);

describe('the half-time post on two instances', () => {
  it('is made once when both sweep at once, with the first round’s tally', async () => {
    const { url, pool } = await database();
    await pool.end();
    const [a, b] = [await instance(url), await instance(url)];
    await a.engine.run(person('opener'), 'lancer --deux-tours --duree 4j Télétravail ?');
    await b.engine.run(person('ana'), 'voter pour');
    await a.engine.run(person('bob'), 'voter contre');
    for (const { clock } of [a, b]) clock.set(new Date(MONDAY + 2 * DAY));
    await Promise.all([a.engine.sweep(), b.engine.sweep(), a.engine.sweep(), b.engine.sweep()]);
    for (const { clock } of [a, b]) clock.set(new Date(MONDAY + 2 * DAY + 10 * 60_000));
    await Promise.all([a.engine.sweep(), b.engine.sweep()]);
    const posts = [...halftimes(a.rec), ...halftimes(b.rec)];
    expect(posts).toHaveLength(1);
    expect((posts[0]!.reply.view as ScoreboardView).counts).toEqual({ pro: 1, con: 1, neutral: 0 });
  });

  it('is taken over by the other instance once the failed one’s claim is old, and made once', async () => {
    const { url, pool } = await database();
    await pool.end();
    const a = await instance(url, () => true);
    const b = await instance(url);
    await a.engine.run(person('opener'), 'lancer --deux-tours --duree 2j Bureau ouvert ?');
    a.clock.set(new Date(MONDAY + DAY));
    await a.engine.sweep();
    expect(halftimes(a.rec)).toEqual([]);
    // A lives on (its lease renewed): within the retry window the other instance leaves its claim.
    const both = async (at: number) => {
      for (const { clock } of [a, b]) clock.set(new Date(at));
      await a.engine.lease.renew();
    };
    await both(MONDAY + DAY + 60_000);
    await b.engine.sweep();
    expect(halftimes(b.rec)).toEqual([]);
    await both(MONDAY + DAY + 6 * 60_000);
    await b.engine.sweep();
    b.clock.set(new Date(MONDAY + DAY + 12 * 60_000));
    await b.engine.sweep();
    expect(halftimes(b.rec)).toHaveLength(1);
  });
});
