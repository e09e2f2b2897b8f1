// What several instances on one PostgreSQL must agree on, each "instance" a real engine on its
// own pool (its own connections, as another process would have): settings, the anonymity
// secret, deliveries and one person's clicks landing on two instances.
import { afterEach, describe, expect, it } from 'vitest';
import { anonymityKey, keyFingerprint } from '../../src/anonymity-secret.ts';
import { ConfigError } from '../../src/config.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { fail, ok } from '../../src/domain/result.ts';
import { DebateEngine } from '../../src/engine/engine.ts';
import { openPool } from '../../src/store/postgres/pool.ts';
import { PostgresDebateStore } from '../../src/store/postgres/store.ts';
import { DEFAULTS, person } from '../helpers/engine.ts';
import { emptiedDatabase } from '../postgres/databases.ts';

const database = emptiedDatabase();
const SECRET = 'the-fleet-shares-this-key';
const SEALING = Buffer.alloc(32, 3).toString('base64');
const stores: PostgresDebateStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

/** One more instance on the database: its own pool, store and engine. */
async function instance(url: string, secret: string | null = SECRET, encryptionKey?: string) {
  const store = new PostgresDebateStore(await openPool({ url, poolSize: 4 }));
  stores.push(store);
  // As the process does before it serves: it hears other instances' settings changes.
  await store.listening();
  const engine = await DebateEngine.create({
    store,
    clock: new ManualClock(new Date('2026-11-24T10:00:00Z')),
    logger: silentLogger,
    defaults: DEFAULTS,
    secret: await anonymityKey(store, { secret: secret ?? undefined, encryptionKey, keyFile: undefined }),
  });
  return { store, engine };
}

const textOf = (outcome: Awaited<ReturnType<DebateEngine['run']>>) => JSON.stringify(outcome.replies);

describe('several instances on one PostgreSQL', () => {
  it('see a channel’s new language at once, though each remembered the old one', async () => {
    const { url, pool } = await database();
    await pool.end();
    const [a, b] = [await instance(url), await instance(url)];
    const heard = new Promise<void>((resolve) => {
      const stop = b.store.watchSettings((scope) => {
        if (scope?.channelId === 'C1') {
          stop();
          resolve();
        }
      });
    });
    await a.engine.run(person('ana'), 'lancer Faut-il un open space ?');
    // B answers in French and remembers the channel's language.
    expect(textOf(await b.engine.run(person('bob'), 'liste'))).toContain('"language":"fr"');
    await a.engine.run(person('ana', { admin: true }), 'config langue en');
    await heard;
    expect(textOf(await b.engine.run(person('bob'), 'liste'))).toContain('"language":"en"');
  });

  it('key anonymous voters with one DEBAT_SECRET kept nowhere, and refuse an instance whose DEBAT_SECRET differs', async () => {
    const { url, pool } = await database();
    await pool.end();
    const first = await instance(url, 'a-secret-of-twenty-chars');
    // The database keeps the fingerprint alone, never the key.
    expect(await first.store.serverSetting('anonymity_key_fingerprint')).toBe(
      keyFingerprint('a-secret-of-twenty-chars'),
    );
    expect(await first.store.serverSetting('anonymity_secret')).toBeUndefined();
    await expect(instance(url, 'another-secret-entirely')).rejects.toThrow(
      new ConfigError([
        'DEBAT_SECRET: differs from the key this database was used with; give every instance the same one',
      ]),
    );
    // Without DEBAT_SECRET or DEBAT_ENCRYPTION_KEY, an instance on PostgreSQL has no key: it says so.
    await expect(instance(url, null)).rejects.toThrow(
      /^Invalid configuration: DEBAT_SECRET: required with DATABASE_URL/,
    );
    const second = await instance(url, 'a-secret-of-twenty-chars');
    await first.engine.run(person('ana'), 'lancer --anonyme Sujet sensible ?');
    await first.engine.run(person('zoe'), 'voter pour');
    await second.engine.run(person('zoe'), 'voter pour');
    expect(await second.store.tally(1)).toEqual({ pro: 0, con: 0, neutral: 0 });
  });

  it('share a key sealed with DEBAT_ENCRYPTION_KEY between instances, and refuse another encryption key', async () => {
    const { url, pool } = await database();
    await pool.end();
    const [a, b] = await Promise.all([instance(url, null, SEALING), instance(url, null, SEALING)]);
    const sealed = await a.store.serverSetting('anonymity_key_sealed');
    expect(sealed).toMatch(/"box":/);
    await a.engine.run(person('ana'), 'lancer --anonyme Sujet sensible ?');
    await a.engine.run(person('zoe'), 'voter pour');
    await b.engine.run(person('zoe'), 'voter pour');
    expect(await b.store.tally(1)).toEqual({ pro: 0, con: 0, neutral: 0 });
    await expect(instance(url, null, Buffer.alloc(32, 7).toString('hex'))).rejects.toThrow(
      /^Invalid configuration: DEBAT_ENCRYPTION_KEY: does not open the anonymity key sealed in the database/,
    );
  });

  it('count a delivery retried on another instance once, and one person’s two clicks as two, in order', async () => {
    const { url, pool } = await database();
    await pool.end();
    const [a, b] = [await instance(url), await instance(url)];
    await a.engine.run(person('ana'), 'lancer Sujet');
    // The same delivery on both at the same moment (a retry racing its first delivery).
    await Promise.all([
      a.engine.run(person('bob', { delivery: 'evt-1' }), 'voter pour'),
      b.engine.run(person('bob', { delivery: 'evt-1' }), 'voter pour'),
    ]);
    expect(await a.store.tally(1)).toEqual({ pro: 1, con: 0, neutral: 0 });
    // Two clicks of one person on two instances at once: one votes, the other withdraws.
    await Promise.all([
      a.engine.run(person('cat', { delivery: 'evt-2' }), 'voter contre'),
      b.engine.run(person('cat', { delivery: 'evt-3' }), 'voter contre'),
    ]);
    const history = (await a.store.exportData(1)).history.filter((event) => event.voterKey === 'cat');
    expect(history.map((event) => [event.oldSide, event.newSide])).toEqual([
      [null, 'con'],
      ['con', null],
    ]);
    expect(await b.store.tally(1)).toEqual({ pro: 1, con: 0, neutral: 0 });
  });

  it('let no vote in after a close another instance made, so the closing tally is the last one', async () => {
    const { url, pool } = await database();
    await pool.end();
    const [a, b] = [await instance(url), await instance(url)];
    await a.engine.run(person('ana'), 'lancer Sujet');
    const voters = Array.from({ length: 40 }, (_, i) => `v${i}`);
    const votes = voters.map((id) => b.engine.run(person(id), 'voter pour'));
    const closed = await a.store.setStatus({
      debateId: 1,
      status: 'closed',
      at: Date.now(),
      closesAt: null,
      check: () => ({ ok: true, value: undefined }),
    });
    const atClose = await a.store.tally(1);
    await Promise.all(votes);
    expect(closed.ok).toBe(true);
    expect(await a.store.tally(1)).toEqual(atClose);
    const accepted = (await a.store.exportData(1)).history.length;
    expect(accepted).toBe(atClose.pro);
  });

  it('take votes that arrive together in shared transactions: one person’s votes in the order they came, a retry counted once', async () => {
    const { url, pool } = await database();
    await pool.end();
    const { store, engine } = await instance(url);
    await engine.run(person('ana'), 'lancer Sujet');
    const scope = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C1' };
    // Each click a millisecond after the one before: the history, ordered by time, is the order
    // the clicks came in.
    let clock = Date.parse('2026-11-24T10:00:00Z');
    const vote = (id: string, side: 'pro' | 'con', deliveryKey: string) =>
      store.castVote({
        target: { scope, number: 1 },
        voterKey: () => id,
        voterName: () => id,
        person: id,
        side,
        at: ++clock,
        deliveryKey,
        check: (debate) => (debate ? ok(undefined) : fail('debate.none_open')),
      });
    // 40 people click pour, pour, contre, and a retry of the first, all at once: in several
    // transactions at a time, one person's clicks split across them.
    const voters = Array.from({ length: 40 }, (_, i) => `p${i}`);
    const outcomes = await Promise.all(
      voters.flatMap((id) => [
        vote(id, 'pro', `${id}-1`),
        vote(id, 'pro', `${id}-2`),
        vote(id, 'con', `${id}-3`),
        vote(id, 'pro', `${id}-1`),
      ]),
    );
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const duplicates = outcomes.map(
      (outcome) => outcome.ok && 'duplicate' in outcome.value && outcome.value.duplicate,
    );
    expect(duplicates).toEqual(voters.flatMap(() => [false, false, false, true]));
    const { history, votes } = await store.exportData(1);
    for (const id of voters) {
      // Pour, then pour again withdraws it, then contre: the last click decides.
      expect(
        history.filter((event) => event.voterKey === id).map((event) => [event.oldSide, event.newSide]),
      ).toEqual([
        [null, 'pro'],
        ['pro', null],
        [null, 'con'],
      ]);
      expect(votes.find((v) => v.voterKey === id)?.side).toBe('con');
    }
    expect(await store.tally(1)).toEqual({ pro: 0, con: 40, neutral: 0 });
  });
});
