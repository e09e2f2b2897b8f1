import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/sqlite/migrate.ts';
import { openDatabase } from '../../src/store/sqlite/open-database.ts';
import { SqliteDebateStore } from '../../src/store/sqlite/store.ts';
import { SUMMARY_BATCH, SummaryScheduler } from '../../src/summary/scheduler.ts';
import { DEFAULTS, type TestBed } from '../helpers/engine.ts';
import { recordingLogger } from '../helpers/logger.ts';
import { CHANNEL, recordingPublisher, run, seedBeforeWindow, seededBed, seedWindow } from './seed.ts';

let bed: TestBed;

function makeScheduler(
  options: { fail?: () => boolean; store?: SqliteDebateStore; staleClaimMs?: number } = {},
) {
  const rec = recordingPublisher({ fail: options.fail });
  const log = recordingLogger();
  const scheduler = new SummaryScheduler({
    store: options.store ?? bed.store,
    clock: bed.clock,
    logger: log.logger,
    defaults: DEFAULTS,
    publisherFor: (platform) => (platform === 'slack' ? rec.publisher : undefined),
    staleClaimMs: options.staleClaimMs,
    chart: false,
  });
  return { scheduler, rec, log };
}

/** A debate with one vote in each of `count` channels, opened during the week being summarized. */
async function debatesInChannels(count: number, prefix: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    bed.clock.set(new Date(Date.parse('2026-03-24T09:00:00Z') + i * 1000));
    const who = {
      ...CHANNEL,
      channelId: `${prefix}-${i}`,
      user: { id: `u${i}`, name: `u${i}`, isAdmin: false },
    };
    await bed.engine.run(who, `lancer Sujet ${i}`);
    await bed.engine.run(who, 'voter pour');
  }
}

beforeEach(async () => {
  bed = await seededBed();
  await seedBeforeWindow(bed);
  await seedWindow(bed);
});
afterEach(async () => {
  await bed.cleanup();
});

describe('scheduler', () => {
  it('nothing before the scheduled instant; once at it; never again that week', async () => {
    const { scheduler, rec } = makeScheduler();
    bed.clock.set(new Date('2026-03-27T14:59:00Z'));
    expect((await scheduler.runOnce()).map((r) => r.outcome)).toEqual(['pending']);
    bed.clock.set(new Date('2026-03-27T15:00:00Z'));
    expect((await scheduler.runOnce()).map((r) => r.outcome)).toEqual(['posted']);
    for (const at of ['2026-03-27T15:01:00Z', '2026-03-28T10:00:00Z', '2026-03-29T21:59:00Z']) {
      bed.clock.set(new Date(at));
      expect((await scheduler.runOnce()).map((r) => r.outcome)).toEqual(['done']);
    }
    expect(rec.posts).toHaveLength(1);
    const entry = await bed.store.ledgerEntry(CHANNEL, '2026-03-23');
    expect(entry).toMatchObject({ status: 'posted', messageRef: 'C1:1', attempts: 1 });
  });

  it('downtime across the scheduled instant: posted once on start, same week', async () => {
    // Down from Friday morning to Sunday evening (Paris, the night of the DST change).
    bed.clock.set(new Date('2026-03-29T19:00:00Z'));
    const { scheduler, rec } = makeScheduler();
    const first = await scheduler.start();
    await scheduler.stop();
    expect(first.map((r) => [r.weekStart, r.outcome])).toEqual([['2026-03-23', 'posted']]);
    expect(rec.posts).toHaveLength(1);
    // A second process starting later the same week posts nothing.
    const again = makeScheduler();
    expect((await again.scheduler.start()).map((r) => r.outcome)).toEqual(['done']);
    await again.scheduler.stop();
    expect(again.rec.posts).toHaveLength(0);
  });

  it('downtime past the end of the week: skipped and logged, never posted late', async () => {
    bed.clock.set(new Date('2026-03-30T07:00:00Z')); // Monday 09:00 CEST: week of 23 March is over
    const { scheduler, rec, log } = makeScheduler();
    const results = await scheduler.runOnce();
    expect(results.map((r) => [r.weekStart, r.outcome])).toEqual([['2026-03-30', 'pending']]);
    expect(rec.posts).toHaveLength(0);
    expect(await bed.store.ledgerEntry(CHANNEL, '2026-03-23')).toMatchObject({
      status: 'skipped',
      note: 'missed: the week ended before the summary could be posted',
    });
    const warned = log.lines.filter((l) => l.level === 'warn');
    expect(warned).toHaveLength(1);
    expect(warned[0]!.context).toMatchObject({ channel: 'C1', week: '2026-03-23' });
    // Logged once, not at every pass.
    bed.clock.set(new Date('2026-03-30T07:01:00Z'));
    await scheduler.runOnce();
    expect(log.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
  });

  it('a channel with no activity in the window gets nothing (and is not rebuilt every minute)', async () => {
    bed.clock.set(new Date('2026-04-03T14:00:00Z')); // the following Friday 16:00 CEST
    const { scheduler, rec } = makeScheduler();
    // erin's vote on 27 March at 16:30 is in this window: make the week before quiet instead.
    const results = await scheduler.runOnce();
    expect(results.map((r) => r.outcome)).toEqual(['posted']);
    bed.clock.set(new Date('2026-04-10T14:00:00Z'));
    expect((await scheduler.runOnce()).map((r) => r.outcome)).toEqual(['empty']);
    bed.clock.set(new Date('2026-04-10T14:05:00Z'));
    expect((await scheduler.runOnce()).map((r) => r.outcome)).toEqual(['done']);
    expect(rec.posts).toHaveLength(1);
    expect(await bed.store.ledgerEntry(CHANNEL, '2026-04-06')).toMatchObject({
      status: 'empty',
      messageRef: null,
    });
  });

  it('summary off, and channels whose platform has no adapter in this process, are left alone', async () => {
    await run(bed, 'admin', 'config bilan off', '2026-03-26T10:00:00Z', true);
    bed.clock.set(new Date('2026-03-27T15:00:00Z'));
    const { scheduler, rec } = makeScheduler();
    expect((await scheduler.runOnce()).map((r) => r.outcome)).toEqual(['off']);
    const other = new SummaryScheduler({
      store: bed.store,
      clock: bed.clock,
      logger: recordingLogger().logger,
      defaults: DEFAULTS,
      publisherFor: () => undefined,
    });
    await run(bed, 'admin', 'config bilan vendredi 16:00', '2026-03-27T15:00:00Z', true);
    expect((await other.runOnce()).map((r) => r.outcome)).toEqual(['no-publisher']);
    expect(rec.posts).toHaveLength(0);
    expect(await bed.store.ledgerEntry(CHANNEL, '2026-03-23')).toBeUndefined();
  });

  it('a per-channel schedule and zone: Monday 09:00 in Tokyo', async () => {
    await run(bed, 'admin', 'config fuseau Asia/Tokyo', '2026-03-26T10:00:00Z', true);
    await run(bed, 'admin', 'config bilan lundi 9h', '2026-03-26T10:01:00Z', true);
    const { scheduler, rec } = makeScheduler();
    bed.clock.set(new Date('2026-03-29T23:59:00Z')); // Monday 08:59 in Tokyo
    expect((await scheduler.runOnce()).map((r) => [r.weekStart, r.outcome])).toEqual([
      ['2026-03-30', 'pending'],
    ]);
    bed.clock.set(new Date('2026-03-30T00:00:00Z')); // Monday 09:00 in Tokyo
    expect((await scheduler.runOnce()).map((r) => [r.weekStart, r.outcome])).toEqual([
      ['2026-03-30', 'posted'],
    ]);
    expect(rec.posts[0]!.reply.view).toMatchObject({
      timezone: 'Asia/Tokyo',
      from: Date.parse('2026-03-23T00:00:00Z'),
      to: Date.parse('2026-03-30T00:00:00Z'),
    });
  });

  it('one pass, channels of different zones and schedules: each on its own week, the same-schedule ones alike', async () => {
    // C1 keeps the default schedule (Friday 16:00) in another zone; three channels in Paris.
    await run(bed, 'admin', 'config fuseau Asia/Tokyo', '2026-03-26T10:00:00Z', true);
    await debatesInChannels(3, 'paris');
    bed.clock.set(new Date('2026-03-26T10:01:00Z'));
    const admin = { id: 'admin', name: 'admin', isAdmin: true };
    await bed.engine.run({ ...CHANNEL, channelId: 'paris-2', user: admin }, 'config bilan dimanche 23h');
    const { scheduler, rec } = makeScheduler();
    const pass = async (at: string) => {
      bed.clock.set(new Date(at));
      return (await scheduler.runOnce())
        .map((r) => [r.scope.channelId, r.weekStart, r.outcome])
        .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    };
    // Friday 19:00 in Tokyo, 11:00 in Paris.
    expect(await pass('2026-03-27T10:00:00Z')).toEqual([
      ['C1', '2026-03-23', 'posted'],
      ['paris-0', '2026-03-23', 'pending'],
      ['paris-1', '2026-03-23', 'pending'],
      ['paris-2', '2026-03-23', 'pending'],
    ]);
    // Friday 16:00 in Paris; Sunday 23:00 is still to come.
    expect(await pass('2026-03-27T15:00:00Z')).toEqual([
      ['C1', '2026-03-23', 'done'],
      ['paris-0', '2026-03-23', 'posted'],
      ['paris-1', '2026-03-23', 'posted'],
      ['paris-2', '2026-03-23', 'pending'],
    ]);
    expect(rec.posts.map((post) => post.reply.view)).toMatchObject([
      { timezone: 'Asia/Tokyo', to: Date.parse('2026-03-27T07:00:00Z') },
      { timezone: 'Europe/Paris', to: Date.parse('2026-03-27T15:00:00Z') },
      { timezone: 'Europe/Paris', to: Date.parse('2026-03-27T15:00:00Z') },
    ]);
  });

  it('a failed post is released and retried at the next pass, then given up after 5 attempts', async () => {
    let failures = 2;
    const { scheduler, rec, log } = makeScheduler({ fail: () => failures-- > 0 });
    bed.clock.set(new Date('2026-03-27T15:00:00Z'));
    expect((await scheduler.runOnce()).map((r) => r.outcome)).toEqual(['failed']);
    expect(await bed.store.ledgerEntry(CHANNEL, '2026-03-23')).toMatchObject({
      status: 'failed',
      note: 'platform said no',
    });
    bed.clock.set(new Date('2026-03-27T15:01:00Z'));
    expect((await scheduler.runOnce()).map((r) => r.outcome)).toEqual(['failed']);
    bed.clock.set(new Date('2026-03-27T15:02:00Z'));
    expect((await scheduler.runOnce()).map((r) => r.outcome)).toEqual(['posted']);
    expect(rec.posts).toHaveLength(1);
    expect(await bed.store.ledgerEntry(CHANNEL, '2026-03-23')).toMatchObject({
      status: 'posted',
      attempts: 3,
    });
    expect(log.lines.filter((l) => l.level === 'error')).toHaveLength(2);

    const never = makeScheduler({ fail: () => true });
    bed.clock.set(new Date('2026-04-03T14:00:00Z'));
    for (let i = 0; i < 7; i++) {
      bed.clock.advance(60_000);
      await never.scheduler.runOnce();
    }
    expect(await bed.store.ledgerEntry(CHANNEL, '2026-03-30')).toMatchObject({
      status: 'failed',
      attempts: 5,
    });
  });

  it('a claim of a live instance is left to it; once its lease lapses, another takes it within a minute', async () => {
    bed.clock.set(new Date('2026-03-27T15:00:00Z'));
    // The claiming instance renews its lease every few seconds while it lives.
    await bed.store.renewInstanceLease('instance-1', Date.parse('2026-03-27T15:00:00Z'));
    const claim = await bed.store.claimSummary({
      scope: CHANNEL,
      weekStart: '2026-03-23',
      scheduledAt: Date.parse('2026-03-27T15:00:00Z'),
      token: 'dead-process',
      instance: 'instance-1',
      aliveSince: 0,
      at: Date.parse('2026-03-27T15:00:00Z'),
      staleBefore: 0,
      maxAttempts: 5,
    });
    expect(claim).toEqual({ claimed: true, attempts: 1, retaken: false });
    const { scheduler, rec } = makeScheduler({ staleClaimMs: 10 * 60_000 });
    bed.clock.set(new Date('2026-03-27T15:00:30Z'));
    await bed.store.renewInstanceLease('instance-1', Date.parse('2026-03-27T15:00:30Z'));
    expect((await scheduler.runOnce()).map((r) => r.outcome)).toEqual(['busy']);
    // Killed at 15:00:30: its lease is last renewed then, and lapses 20 s later.
    bed.clock.set(new Date('2026-03-27T15:00:45Z'));
    expect((await scheduler.runOnce()).map((r) => r.outcome)).toEqual(['busy']);
    bed.clock.set(new Date('2026-03-27T15:01:00Z'));
    expect((await scheduler.runOnce()).map((r) => r.outcome)).toEqual(['posted']);
    expect(rec.posts).toHaveLength(1);
    // The dead process's late completion is refused: its claim was taken over.
    expect(
      await bed.store.completeSummary({
        scope: CHANNEL,
        weekStart: '2026-03-23',
        token: 'dead-process',
        at: Date.now(),
        status: 'posted',
        messageRef: 'ghost',
        snapshots: [],
      }),
    ).toBe(false);
    expect(await bed.store.ledgerEntry(CHANNEL, '2026-03-23')).toMatchObject({
      status: 'posted',
      messageRef: 'C1:1',
    });
  });

  it('many channels: all posted, one at a time, none twice, with two schedulers on two connections', async () => {
    await debatesInChannels(30, 'C-many');
    const second = new SqliteDebateStore(openDatabase(bed.path));
    migrate(second.db);
    const a = makeScheduler();
    const b = makeScheduler({ store: second });
    bed.clock.set(new Date('2026-03-27T15:00:00Z'));
    await Promise.all([a.scheduler.runOnce(), b.scheduler.runOnce()]);
    await second.close();
    const posted = [...a.rec.posts, ...b.rec.posts].map((p) => p.scope.channelId).sort();
    expect(posted).toHaveLength(31);
    expect(new Set(posted).size).toBe(31);
    // Never two posts at once from one process.
    expect(Math.max(a.rec.maxInFlight, b.rec.maxInFlight)).toBe(1);
  });

  it('reads the next batch ahead but claims it only when its turn comes: a stop leaves no claim behind', async () => {
    const channels = 2 * SUMMARY_BATCH + 20;
    await debatesInChannels(channels, 'C-batch');
    bed.clock.set(new Date('2026-03-27T15:00:00Z'));
    // Stopped while the first batch's last summary is being posted (the second batch is read by then).
    let posting = 0;
    const first = makeScheduler({
      fail: () => {
        if (++posting === SUMMARY_BATCH) void first.scheduler.stop();
        return false;
      },
    });
    await first.scheduler.runOnce();
    expect(first.rec.posts).toHaveLength(SUMMARY_BATCH);
    const ledger = await bed.store.ledgerSince('2026-03-23');
    expect(ledger.filter((e) => e.status === 'claimed')).toEqual([]);
    expect(ledger.filter((e) => e.status === 'posted')).toHaveLength(SUMMARY_BATCH);

    // The next pass posts the rest (and the seeded channel), none twice.
    const next = makeScheduler();
    await next.scheduler.runOnce();
    const posted = [...first.rec.posts, ...next.rec.posts].map((p) => p.scope.channelId);
    expect(posted).toHaveLength(channels + 1);
    expect(new Set(posted).size).toBe(channels + 1);
  });

  it('stop() ends the ticker and waits for the pass in progress', async () => {
    bed.clock.set(new Date('2026-03-27T15:00:00Z'));
    const { scheduler, rec } = makeScheduler();
    const started = scheduler.start();
    await scheduler.stop();
    await started;
    expect(rec.posts.length).toBeLessThanOrEqual(1);
    const after = rec.posts.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rec.posts.length).toBe(after);
  });
});
