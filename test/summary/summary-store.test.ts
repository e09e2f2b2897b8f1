import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimInput } from '../../src/store/ports/summary.ts';
import type { TestBed } from '../helpers/engine.ts';
import { CHANNEL, run, seedBeforeWindow, seededBed, seedWindow } from './seed.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await seededBed();
});
afterEach(async () => {
  await bed.cleanup();
});

const claim = (over: Partial<ClaimInput> = {}): ClaimInput => ({
  scope: CHANNEL,
  weekStart: '2026-03-23',
  scheduledAt: 1000,
  token: 'A',
  at: 2000,
  staleBefore: 0,
  instance: 'instance-1',
  aliveSince: 0,
  maxAttempts: 3,
  ...over,
});

describe('the sent-ledger (SQLite)', () => {
  // The claiming instance is alive throughout.
  beforeEach(() => bed.store.renewInstanceLease('instance-1', 1));
  it('one claim wins; completion needs the winning token; snapshots are kept with it', async () => {
    await seedBeforeWindow(bed);
    expect(await bed.store.claimSummary(claim())).toEqual({ claimed: true, attempts: 1, retaken: false });
    const second = await bed.store.claimSummary(claim({ token: 'B' }));
    expect(second).toMatchObject({ claimed: false, entry: { status: 'claimed', claimToken: 'A' } });
    const done = (token: string) =>
      bed.store.completeSummary({
        scope: CHANNEL,
        weekStart: '2026-03-23',
        token,
        at: 3000,
        status: 'posted',
        messageRef: `ref-${token}`,
        snapshots: [{ debateId: 1, asOf: 2500, counts: { pro: 2, con: 1, neutral: 0 } }],
      });
    expect(await done('B')).toBe(false);
    expect(await done('A')).toBe(true);
    expect(await done('A')).toBe(false);
    expect(await bed.store.ledgerEntry(CHANNEL, '2026-03-23')).toMatchObject({
      status: 'posted',
      messageRef: 'ref-A',
      completedAt: 3000,
    });
    // The snapshot is the baseline of any window starting at or after its instant.
    const [before] = await bed.store.weekActivity(CHANNEL, {
      from: 2499,
      to: Date.parse('2026-03-20T00:00:00Z'),
    });
    const [after] = await bed.store.weekActivity(CHANNEL, {
      from: 2500,
      to: Date.parse('2026-03-20T00:00:00Z'),
    });
    expect(before!.baseline).toBeNull();
    expect(after!.baseline).toEqual({
      debateId: 1,
      weekStart: '2026-03-23',
      asOf: 2500,
      takenAt: 3000,
      counts: { pro: 2, con: 1, neutral: 0 },
      commonGround: null,
    });
  });

  it('a failed claim is retried up to maxAttempts; a fresh claim is not taken over', async () => {
    await bed.store.claimSummary(claim());
    expect(await bed.store.failSummary(CHANNEL, '2026-03-23', 'other', 'x')).toBe(false);
    expect(await bed.store.failSummary(CHANNEL, '2026-03-23', 'A', 'boom')).toBe(true);
    expect(await bed.store.claimSummary(claim({ token: 'B' }))).toEqual({
      claimed: true,
      attempts: 2,
      retaken: true,
    });
    expect(await bed.store.claimSummary(claim({ token: 'C', staleBefore: 1999 }))).toMatchObject({
      claimed: false,
    });
    expect(await bed.store.claimSummary(claim({ token: 'C', staleBefore: 2001 }))).toEqual({
      claimed: true,
      attempts: 3,
      retaken: true,
    });
    await bed.store.failSummary(CHANNEL, '2026-03-23', 'C', 'again');
    expect(await bed.store.claimSummary(claim({ token: 'D' }))).toMatchObject({
      claimed: false,
      entry: { status: 'failed', attempts: 3, note: 'again' },
    });
  });

  it('a skipped week is recorded once, and never over an existing entry', async () => {
    expect(await bed.store.skipSummary(CHANNEL, '2026-03-16', 1, 2, 'missed')).toBe(true);
    expect(await bed.store.skipSummary(CHANNEL, '2026-03-16', 1, 2, 'missed')).toBe(false);
    await bed.store.claimSummary(claim());
    expect(await bed.store.skipSummary(CHANNEL, '2026-03-23', 1, 2, 'missed')).toBe(false);
    expect((await bed.store.ledgerSince('2026-03-16')).map((e) => [e.weekStart, e.status])).toEqual([
      ['2026-03-16', 'skipped'],
      ['2026-03-23', 'claimed'],
    ]);
  });
});

describe('week activity', () => {
  it('many channels read together give what each read alone gives', async () => {
    await seedBeforeWindow(bed);
    await seedWindow(bed);
    await run(bed, 'ann', 'config bilan off', '2026-03-25T08:00:00Z', true);
    for (const c of ['C2', 'C3']) {
      bed.clock.set(new Date('2026-03-24T08:00:00Z'));
      const who = { ...CHANNEL, channelId: c, user: { id: `u-${c}`, name: c, isAdmin: false } };
      await bed.engine.run(who, `lancer Ailleurs ${c}`);
      await bed.engine.run(who, 'voter neutre');
    }
    const window = { from: Date.parse('2026-03-20T15:00:00Z'), to: Date.parse('2026-03-27T15:00:00Z') };
    const scopes = [
      { ...CHANNEL, channelId: 'C3' },
      CHANNEL,
      { ...CHANNEL, channelId: 'nowhere' },
      { ...CHANNEL, channelId: 'C2' },
    ];
    const together = await bed.store.weekActivities(scopes, window);
    const alone = await Promise.all(scopes.map((s) => bed.store.weekActivity(s, window)));
    expect(together).toEqual(alone);
    expect(together.map((list) => list.map((a) => a.debate.number))).toEqual([[6], [1, 2, 3, 4], [], [5]]);
  });

  it('the tally is the one at the end of the window, whatever happened after', async () => {
    await seedBeforeWindow(bed);
    await run(bed, 'carol', 'voter pour #1', '2026-03-23T08:00:00Z');
    await run(bed, 'carol', 'voter pour #1', '2026-03-28T08:00:00Z'); // withdrawn after the window
    await run(bed, 'dan', 'voter contre #1', '2026-03-28T09:00:00Z'); // first vote after the window
    await run(bed, 'alice', 'voter neutre #1', '2026-03-28T10:00:00Z');
    await run(bed, 'alice', 'voter contre #1', '2026-03-28T11:00:00Z');
    const window = { from: Date.parse('2026-03-20T15:00:00Z'), to: Date.parse('2026-03-27T15:00:00Z') };
    const [one] = await bed.store.weekActivity(CHANNEL, window);
    expect(one!.counts).toEqual({ pro: 3, con: 0, neutral: 0 });
    expect(await bed.store.tally(1)).toEqual({ pro: 1, con: 2, neutral: 0 });
  });
});
