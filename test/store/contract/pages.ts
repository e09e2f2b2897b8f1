// The debate page's store (src/store/ports/pages.ts), on the same data as the debate store.
import { expect, it, type TestContext } from 'vitest';
import type { DebateStore } from '../../../src/store/ports/debate-store.ts';
import type { PageStore } from '../../../src/store/ports/pages.ts';
import {
  addArgument,
  elsewhere,
  endorse,
  here,
  openDebate,
  persuade,
  setStatus,
  value,
  vote,
  type WithStore,
  withdraw,
} from './harness.ts';

const HOUR = 3_600_000;

/** A case on the page store; a backend without one shows it as skipped. */
const withPages =
  (withStore: WithStore, test: (store: DebateStore, pages: PageStore) => Promise<void>) =>
  (context: TestContext) =>
    withStore(async ({ store, pages }) => {
      if (!pages) return context.skip('no page store given');
      await test(store, pages);
    })();

export function pageContract(withStore: WithStore) {
  it(
    'pageLink/pageVersion/revokePages: links name the uid; each revocation bumps one debate’s version',
    withPages(withStore, async (store, pages) => {
      const debate = await openDebate(store, { uid: 'page-uid' });
      const other = await openDebate(store, { uid: 'other-uid' });
      expect((await pages.pageLink('page-uid'))?.debate).toEqual(debate);
      expect((await pages.pageLink('page-uid'))?.version).toBe(1);
      expect(await pages.pageLink('missing')).toBeUndefined();
      expect(await pages.pageVersion(debate.id)).toBe(1);
      expect(await pages.revokePages(debate.id)).toBe(2);
      expect(await pages.revokePages(debate.id)).toBe(3);
      expect(await pages.pageVersion(debate.id)).toBe(3);
      expect((await pages.pageLink('page-uid'))?.version).toBe(3);
      expect(await pages.pageVersion(other.id)).toBe(1);
      expect((await pages.pageLink('other-uid'))?.version).toBe(1);
    }),
  );

  it(
    'pageLink: carries its own channel’s language and time zone, null until set, never another channel’s',
    withPages(withStore, async (store, pages) => {
      const debate = await openDebate(store);
      const other = await openDebate(store, { scope: elsewhere });
      expect((await pages.pageLink(debate.uid))?.channel).toEqual({ language: null, timezone: null });
      await store.saveChannelSetting(elsewhere, { setting: 'language', language: 'en' });
      await store.saveChannelSetting(elsewhere, { setting: 'timezone', zone: 'Asia/Tokyo' });
      expect((await pages.pageLink(debate.uid))?.channel).toEqual({ language: null, timezone: null });
      await store.saveChannelSetting(here, { setting: 'timezone', zone: 'America/Montreal' });
      expect((await pages.pageLink(debate.uid))?.channel).toEqual({
        language: null,
        timezone: 'America/Montreal',
      });
      await store.saveChannelSetting(here, { setting: 'language', language: 'fr' });
      expect((await pages.pageLink(debate.uid))?.channel).toEqual({
        language: 'fr',
        timezone: 'America/Montreal',
      });
      expect((await pages.pageLink(other.uid))?.channel).toEqual({ language: 'en', timezone: 'Asia/Tokyo' });
    }),
  );

  it(
    'pageData: counts, live arguments, vote changes per span, ∆ flows and snapshots, oldest first',
    withPages(withStore, async (store, pages) => {
      expect(await pages.pageData(987_654, HOUR)).toBeUndefined();
      const debate = await openDebate(store);
      expect(await pages.pageData(debate.id, HOUR)).toEqual({
        debate,
        counts: { pro: 0, con: 0, neutral: 0 },
        arguments: [],
        opinion: [],
        persuasion: [],
        snapshots: [],
        sides: [],
        rounds: undefined,
      });
      await addArgument(store, debate, 'pro', 'A');
      await addArgument(store, debate, 'con', 'B');
      await addArgument(store, debate, 'pro', 'C');
      value(await withdraw(store, debate, 3));
      value(await endorse(store, debate, 1, 'V'));
      // Hour 0: two first votes. Hour 2: a switch with ∆, a withdrawal, a neutral.
      value(await vote(store, debate, 'V', 'con', { at: 10 }));
      value(await vote(store, debate, 'W', 'con', { at: HOUR - 1 }));
      value(await vote(store, debate, 'V', 'pro', { at: 2 * HOUR }));
      value(await persuade(store, debate, 'V', 1));
      value(await vote(store, debate, 'W', 'con', { at: 2 * HOUR + 5 }));
      value(await vote(store, debate, 'X', 'neutral', { at: 3 * HOUR - 1 }));
      for (const [weekStart, asOf, pro] of [
        ['2026-11-16', 2_000, 1],
        ['2026-11-09', 1_000, 0],
      ] as const) {
        const scope = {
          platform: debate.platform,
          workspaceId: debate.workspaceId,
          channelId: debate.channelId,
        };
        await store.claimSummary({
          scope,
          weekStart,
          scheduledAt: asOf,
          token: weekStart,
          instance: 'instance-1',
          aliveSince: 0,
          at: asOf,
          staleBefore: 0,
          maxAttempts: 1,
        });
        await store.completeSummary({
          scope,
          weekStart,
          token: weekStart,
          at: asOf + 1,
          status: 'posted',
          messageRef: null,
          snapshots: [{ debateId: debate.id, asOf, counts: { pro, con: 1, neutral: 0 } }],
        });
      }
      const data = await pages.pageData(debate.id, HOUR);
      expect(data?.debate).toEqual(debate);
      expect(data?.counts).toEqual({ pro: 1, con: 0, neutral: 1 });
      expect(data?.arguments).toEqual([
        { ...(await store.argument(debate.id, 1)), endorsements: 1, deltas: 1 },
        await store.argument(debate.id, 2),
      ]);
      expect(data?.opinion).toEqual([
        { from: 0, pro: 0, con: 2, neutral: 0, switches: 0 },
        { from: 2 * HOUR, pro: 1, con: -2, neutral: 1, switches: 1 },
      ]);
      expect(data?.persuasion).toEqual([{ argument: 1, from: 'con', to: 'pro', people: 1 }]);
      // Common ground and the rounds in the same read, as the endings store reads them.
      expect(data?.sides).toEqual(await store.endorserSides(debate.id));
      expect(data?.sides.map((row) => [row.argument.number, row.pro, row.con])).toEqual([[1, 1, 0]]);
      expect(data?.rounds).toBeUndefined();
      expect(data?.snapshots).toEqual([
        {
          debateId: debate.id,
          weekStart: '2026-11-09',
          asOf: 1_000,
          takenAt: 1_001,
          counts: { pro: 0, con: 1, neutral: 0 },
        },
        {
          debateId: debate.id,
          weekStart: '2026-11-16',
          asOf: 2_000,
          takenAt: 2_001,
          counts: { pro: 1, con: 1, neutral: 0 },
        },
      ]);
    }),
  );

  it(
    'pageLink: the revision is another at every write a page shows (votes, arguments, endorsements, ∆, status), only for that debate',
    withPages(withStore, async (store, pages) => {
      const debate = await openDebate(store);
      const other = await openDebate(store);
      const revision = async (d: { uid: string }) => (await pages.pageLink(d.uid))!.revision;
      const seen = [await revision(debate)];
      const changed = async (what: string) => {
        const now = await revision(debate);
        expect(now, what).not.toBe(seen.at(-1));
        seen.push(now);
      };
      const otherBefore = await revision(other);
      await addArgument(store, debate, 'pro', 'A');
      await changed('an argument');
      await addArgument(store, debate, 'con', 'B');
      await changed('another argument');
      value(await vote(store, debate, 'V', 'con'));
      await changed('a vote');
      value(await vote(store, debate, 'V', 'pro'));
      await changed('a vote changed');
      value(await persuade(store, debate, 'V', 1));
      await changed('a ∆');
      value(await endorse(store, debate, 1, 'E'));
      await changed('an endorsement');
      value(await endorse(store, debate, 1, 'E'));
      await changed('an endorsement taken back');
      value(await withdraw(store, debate, 2));
      await changed('a withdrawal');
      value(await setStatus(store, debate, 'closed'));
      await changed('the close');
      // Reading changes nothing, and the other debate kept its revision.
      await pages.pageData(debate.id, HOUR);
      expect(await revision(debate)).toBe(seen.at(-1));
      expect(await revision(other)).toBe(otherBefore);
      expect(new Set(seen).size).toBe(seen.length);
    }),
  );

  it(
    'pageData: common ground is read with the tally, in one snapshot, while votes keep arriving',
    withPages(withStore, async (store, pages) => {
      const debate = await openDebate(store);
      await addArgument(store, debate, 'pro', 'A');
      // A votes pour and V goes back and forth; both endorse argument 1: it is common ground
      // exactly when V votes contre, and its endorsers' sides are the tally's.
      value(await vote(store, debate, 'A', 'pro'));
      value(await vote(store, debate, 'V', 'pro'));
      value(await endorse(store, debate, 1, 'A'));
      value(await endorse(store, debate, 1, 'V'));
      const writes = (async () => {
        for (let i = 0; i < 40; i++)
          value(await vote(store, debate, 'V', i % 2 ? 'pro' : 'con', { at: 5_000 + i }));
      })();
      const seen = new Set<number>();
      const reads = Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 10; i++) {
          const data = (await pages.pageData(debate.id, HOUR))!;
          const [row] = data.sides;
          expect([row?.pro, row?.con]).toEqual([data.counts.pro, data.counts.con]);
          expect(data.counts.pro + data.counts.con).toBe(2);
          seen.add(data.counts.con);
        }
      });
      await Promise.all([writes, ...reads]);
      expect(seen.size).toBeGreaterThan(0);
    }),
  );
}
