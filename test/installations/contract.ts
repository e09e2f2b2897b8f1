// The installation store's contract, run on SQLite and PostgreSQL: tokens sealed, one refresh
// claim at a time, removals planned for erasure, a reinstall cancelling it, key rotation.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eraseExpired, forgetWorkspace } from '../../src/installations/retention.ts';
import { openInstallation, resealAll, sealInstallation } from '../../src/installations/sealed.ts';
import { Sealer } from '../../src/secrets/sealer.ts';
import type { DebateStore } from '../../src/store/ports/debate-store.ts';
import type { InstallationStore } from '../../src/store/ports/installations.ts';

export interface InstallationBed {
  store: InstallationStore;
  debates: DebateStore;
  /** Everything the database keeps, as bytes or text: its files, or a dump of its tables. */
  everything(): Promise<string>;
  dispose(): Promise<void>;
}

const key1 = randomBytes(32);
const key2 = randomBytes(32);
const DAY = 86_400_000;

export function describeInstallationStore(name: string, open: () => Promise<InstallationBed>): void {
  describe(`installation store on ${name}`, () => {
    let bed: InstallationBed;
    let store: InstallationStore;
    beforeEach(async () => {
      bed = await open();
      store = bed.store;
    });
    afterEach(async () => {
      await bed.dispose();
    });

    const install = (sealer: Sealer, key: string, token: string, at = 1000) =>
      store.saveInstallation({
        platform: 'slack',
        key,
        enterpriseId: null,
        teamId: key,
        sealed: sealInstallation(sealer, 'slack', key, { bot: { token } }),
        expiresAt: null,
        at,
      });

    it('keeps no token in clear, and reseals every row after a key rotation', async () => {
      const tokens = ['xoxb-111-aaa', 'xoxb-222-bbb'];
      await install(new Sealer(key1), 'T1', tokens[0]!);
      await install(new Sealer(key1), 'T2', tokens[1]!);
      const all = await bed.everything();
      expect(all.length).toBeGreaterThan(0);
      for (const token of tokens) expect(all.includes(token), token).toBe(false);
      const rotated = new Sealer(key2, [key1]);
      expect(await resealAll(store, rotated)).toBe(2);
      expect(await resealAll(store, rotated)).toBe(0);
      const row = (await store.installation({ platform: 'slack', key: 'T2' }))!;
      expect(row.sealed.keyId).toBe(rotated.keyId);
      // The new key alone now opens every row.
      expect(openInstallation(new Sealer(key2), row)).toEqual({ bot: { token: tokens[1] } });
    });

    it('gives the refresh claim to one owner at a time until it is completed or expires', async () => {
      const sealer = new Sealer(key1);
      await install(sealer, 'T1', 'xoxb-old');
      const which = { platform: 'slack' as const, key: 'T1' };
      const [first, second] = await Promise.all([
        store.claimRefresh(which, 'A', 10, 100),
        store.claimRefresh(which, 'B', 10, 100),
      ]);
      expect([first, second].filter((claim) => claim !== undefined)).toHaveLength(1);
      const winner = first ? 'A' : 'B';
      const loser = first ? 'B' : 'A';
      expect(await store.completeRefresh(which, loser, sealer.seal('x', 'y'), null, 30)).toBe(false);
      const next = sealInstallation(sealer, 'slack', 'T1', { bot: { token: 'xoxb-new' } });
      expect(await store.completeRefresh(which, winner, next, 5000, 40)).toBe(true);
      const row = (await store.installation(which))!;
      expect(row.version).toBe((first ?? second)!.version + 1);
      expect(await store.installationVersion(which)).toBe(row.version);
      expect(openInstallation(sealer, row)).toEqual({ bot: { token: 'xoxb-new' } });
      // A claim whose holder vanished expires.
      expect(await store.claimRefresh(which, 'B', 50, 150)).toBeDefined();
      expect(await store.claimRefresh(which, 'C', 149, 200)).toBeUndefined();
      expect(await store.claimRefresh(which, 'C', 150, 200)).toBeDefined();
    });

    it('deletes tokens at the first removal, erases the workspace after the retention, a reinstall cancels it', async () => {
      const sealer = new Sealer(key1);
      const open = (workspaceId: string, uid: string) =>
        bed.debates.openDebate({
          scope: { platform: 'slack', workspaceId, channelId: 'C1' },
          uid,
          topic: 'Télétravail ?',
          openerKey: 'U1',
          openerName: 'Ana',
          anonymous: false,
          hidden: false,
          at: 1000,
          closesAt: null,
        });
      await open('T1', 'd1');
      await open('T2', 'd2');
      await install(sealer, 'T1', 'xoxb-1');
      await install(sealer, 'T2', 'xoxb-2');
      const which = { platform: 'slack' as const, key: 'T1' };
      expect(await store.removeInstallation(which, 10 * DAY)).toBe(true);
      expect(await store.removeInstallation(which, 12 * DAY)).toBe(false);
      expect(await store.installation(which)).toBeUndefined();
      expect(await store.installationVersion(which)).toBeUndefined();
      // Kept for 30 days from the first removal, then erased; the other workspace is untouched.
      expect(await eraseExpired(store, 'slack', 40 * DAY, 30 * DAY)).toEqual([]);
      expect(await eraseExpired(store, 'slack', 40 * DAY + 1, 30 * DAY)).toEqual(['T1']);
      expect(await bed.debates.findDebate({ platform: 'slack', workspaceId: 'T1' }, 1)).toBeUndefined();
      expect(await bed.debates.findDebate({ platform: 'slack', workspaceId: 'T2' }, 1)).toBeDefined();
      // A reinstall within the period keeps the data.
      await store.removeInstallation({ platform: 'slack', key: 'T2' }, 10 * DAY);
      await install(sealer, 'T2', 'xoxb-2b', 11 * DAY);
      expect(await eraseExpired(store, 'slack', 100 * DAY, 30 * DAY)).toEqual([]);
      expect(await bed.debates.findDebate({ platform: 'slack', workspaceId: 'T2' }, 1)).toBeDefined();
      // Forgetting on request erases at once.
      expect(await forgetWorkspace(store, 'slack', 'T2')).toBe(1);
      expect(await store.installation({ platform: 'slack', key: 'T2' })).toBeUndefined();
      expect(await bed.debates.findDebate({ platform: 'slack', workspaceId: 'T2' }, 1)).toBeUndefined();
    });

    it('erases every workspace of an org-wide install that requests came from', async () => {
      const sealer = new Sealer(key1);
      await store.saveInstallation({
        platform: 'slack',
        key: 'E1',
        enterpriseId: 'E1',
        teamId: null,
        sealed: sealInstallation(sealer, 'slack', 'E1', { bot: { token: 'xoxb-org' } }),
        expiresAt: null,
        at: 0,
      });
      await store.rememberTeam('slack', 'TA', 'E1');
      await store.rememberTeam('slack', 'TB', 'E1');
      await store.rememberTeam('slack', 'TA', 'E1');
      expect(await store.installationKeyOfTeam('slack', 'TA')).toBe('E1');
      expect(await store.installationKeyOfTeam('slack', 'TZ')).toBeUndefined();
      expect(await store.teamsOf({ platform: 'slack', key: 'E1' })).toEqual(['TA', 'TB']);
      await store.removeInstallation({ platform: 'slack', key: 'E1' }, 0);
      expect(await eraseExpired(store, 'slack', 31 * DAY, 30 * DAY)).toEqual(['TA', 'TB']);
      expect(await store.installationKeyOfTeam('slack', 'TA')).toBeUndefined();
    });
  });
}
