// The weekly summary's ledger: one claim wins, completion and failure need its token, skips.
import { expect, it } from 'vitest';
import type { ClaimInput } from '../../../src/store/ports/summary.ts';
import { elsewhere, here, nextDoor, type WithStore } from './harness.ts';

const WEEK = '2026-11-23';
const claim = (over: Partial<ClaimInput> = {}): ClaimInput => ({
  scope: here,
  weekStart: WEEK,
  scheduledAt: 1_000,
  token: 'A',
  at: 2_000,
  staleBefore: 0,
  instance: 'instance-1',
  aliveSince: 0,
  maxAttempts: 3,
  ...over,
});
const complete = (token: string, at = 3_000) => ({
  scope: here,
  weekStart: WEEK,
  token,
  at,
  status: 'posted' as const,
  messageRef: `ref-${token}`,
  snapshots: [],
});

export function ledgerContract(withStore: WithStore) {
  it(
    'claimSummary/completeSummary/ledgerEntry: one claim wins; completing needs its token, once',
    withStore(async ({ store }) => {
      // The claiming instance is alive throughout.
      await store.renewInstanceLease('instance-1', 1);
      expect(await store.ledgerEntry(here, WEEK)).toBeUndefined();
      expect(await store.claimSummary(claim())).toEqual({ claimed: true, attempts: 1, retaken: false });
      const entry = {
        scope: here,
        weekStart: WEEK,
        status: 'claimed',
        claimToken: 'A',
        claimedAt: 2_000,
        attempts: 1,
        scheduledAt: 1_000,
        completedAt: null,
        messageRef: null,
        note: null,
      };
      expect(await store.ledgerEntry(here, WEEK)).toEqual(entry);
      expect(await store.claimSummary(claim({ token: 'B', at: 2_100, staleBefore: 1_999 }))).toEqual({
        claimed: false,
        entry,
      });
      expect(await store.completeSummary(complete('B'))).toBe(false);
      expect(await store.completeSummary(complete('A'))).toBe(true);
      expect(await store.completeSummary(complete('A', 3_500))).toBe(false);
      const posted = { ...entry, status: 'posted', completedAt: 3_000, messageRef: 'ref-A' };
      expect(await store.ledgerEntry(here, WEEK)).toEqual(posted);
      // Posted is final: neither a stale claim nor a failure takes it back.
      expect(await store.claimSummary(claim({ token: 'C', at: 9_000, staleBefore: 9_000 }))).toEqual({
        claimed: false,
        entry: posted,
      });
      expect(await store.failSummary(here, WEEK, 'A', 'late')).toBe(false);
      // Each channel and week has its own entry.
      expect(await store.claimSummary(claim({ scope: nextDoor }))).toMatchObject({ claimed: true });
      expect(await store.claimSummary(claim({ weekStart: '2026-11-30' }))).toMatchObject({ claimed: true });
      const racing = await Promise.all(
        ['X', 'Y', 'Z'].map((token) => store.claimSummary(claim({ scope: elsewhere, token }))),
      );
      expect(racing.filter((outcome) => outcome.claimed)).toHaveLength(1);
    }),
  );

  it(
    'claimSummary: an abandoned claim is taken over, and its old token loses the week',
    withStore(async ({ store }) => {
      await store.claimSummary(claim({ token: 'A', at: 2_000 }));
      expect(await store.claimSummary(claim({ token: 'B', at: 5_000, staleBefore: 2_001 }))).toEqual({
        claimed: true,
        attempts: 2,
        retaken: true,
      });
      expect(await store.ledgerEntry(here, WEEK)).toMatchObject({
        status: 'claimed',
        claimToken: 'B',
        claimedAt: 5_000,
        attempts: 2,
      });
      expect(await store.completeSummary(complete('A'))).toBe(false);
      expect(await store.failSummary(here, WEEK, 'A', 'too late')).toBe(false);
      expect(await store.completeSummary({ ...complete('B'), status: 'empty', messageRef: null })).toBe(true);
      expect(await store.ledgerEntry(here, WEEK)).toMatchObject({
        status: 'empty',
        messageRef: null,
        completedAt: 3_000,
      });
    }),
  );

  it(
    'failSummary: releases the claim for another attempt, up to maxAttempts',
    withStore(async ({ store }) => {
      await store.claimSummary(claim({ token: 'A' }));
      expect(await store.failSummary(here, WEEK, 'B', 'not mine')).toBe(false);
      expect(await store.failSummary(here, WEEK, 'A', 'channel_not_found')).toBe(true);
      expect(await store.ledgerEntry(here, WEEK)).toMatchObject({
        status: 'failed',
        note: 'channel_not_found',
        attempts: 1,
      });
      expect(await store.failSummary(here, WEEK, 'A', 'twice')).toBe(false);
      expect(await store.claimSummary(claim({ token: 'B', at: 2_500 }))).toEqual({
        claimed: true,
        attempts: 2,
        retaken: true,
      });
      expect(await store.failSummary(here, WEEK, 'B', 'again')).toBe(true);
      expect(await store.claimSummary(claim({ token: 'C', at: 2_600 }))).toEqual({
        claimed: true,
        attempts: 3,
        retaken: true,
      });
      expect(await store.failSummary(here, WEEK, 'C', 'last')).toBe(true);
      // Three failures of three: given up.
      expect(await store.claimSummary(claim({ token: 'D', at: 2_700 }))).toMatchObject({
        claimed: false,
        entry: { status: 'failed', attempts: 3, note: 'last' },
      });
      expect(await store.claimSummary(claim({ token: 'D', at: 2_700, maxAttempts: 4 }))).toEqual({
        claimed: true,
        attempts: 4,
        retaken: true,
      });
    }),
  );

  it(
    'skipSummary/ledgerSince: a skipped week is recorded once and never over another entry',
    withStore(async ({ store }) => {
      expect(await store.skipSummary(here, '2026-11-16', 1_000, 4_000, 'missed')).toBe(true);
      expect(await store.ledgerEntry(here, '2026-11-16')).toEqual({
        scope: here,
        weekStart: '2026-11-16',
        status: 'skipped',
        claimToken: null,
        claimedAt: 4_000,
        attempts: 0,
        scheduledAt: 1_000,
        completedAt: 4_000,
        messageRef: null,
        note: 'missed',
      });
      expect(await store.skipSummary(here, '2026-11-16', 1_000, 5_000, 'again')).toBe(false);
      expect(await store.claimSummary(claim({ weekStart: '2026-11-16', staleBefore: 10_000 }))).toMatchObject(
        {
          claimed: false,
          entry: { status: 'skipped' },
        },
      );
      await store.claimSummary(claim());
      expect(await store.skipSummary(here, WEEK, 1_000, 5_000, 'over')).toBe(false);
      expect(await store.ledgerEntry(here, WEEK)).toMatchObject({ status: 'claimed' });
      await store.skipSummary(nextDoor, '2026-11-09', 1_000, 4_000, 'old');
      await store.skipSummary(elsewhere, '2026-11-30', 1_000, 4_000, 'next');
      const since = await store.ledgerSince('2026-11-16');
      expect(
        since
          .map(
            (entry) =>
              `${entry.scope.workspaceId}/${entry.scope.channelId} ${entry.weekStart} ${entry.status}`,
          )
          .sort(),
      ).toEqual(['T1/C1 2026-11-16 skipped', 'T1/C1 2026-11-23 claimed', 'T2/C1 2026-11-30 skipped']);
      expect(await store.ledgerSince('2026-12-01')).toEqual([]);
    }),
  );
}
