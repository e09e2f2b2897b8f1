// The real process (Slack over HTTP) under concurrent vote clicks, killed with SIGKILL part way,
// restarted on the same database: no acknowledged vote is lost and the scoreboard converges.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, type FakeSlack, startFakeSlack } from '../fakes/slack/index.ts';
import { figure } from './support/figures.ts';
import { killAll } from './support/processes.ts';
import {
  type ClickResult,
  clicksOf,
  fireClicks,
  lostAcks,
  openDebate,
  shownCounts,
  storedVotes,
  tallyOf,
} from './support/slack-load.ts';
import { startSlackBot } from './support/slack-process.ts';
import { removeTempDirs, tempDir } from './support/temp.ts';

let slack: FakeSlack | undefined;
afterEach(async () => {
  await killAll();
  await slack?.close();
  removeTempDirs();
});

/** Acknowledgments to wait for before each SIGKILL, one round each. */
const KILL_AFTER_ACKS = [5, 60, 140];
const CLICKS_PER_ROUND = 180;
const CONCURRENCY = 24;

describe('a process killed with SIGKILL under concurrent vote clicks', () => {
  it('keeps every acknowledged vote after a restart, and the scoreboard converges to the exact tally', async () => {
    slack = await startFakeSlack();
    const fake = slack;
    const dir = tempDir();
    const path = join(dir, 'debat.sqlite');
    let bot = await startSlackBot(fake, dir);
    const board = await openDebate(fake, bot, 'CLOAD');
    const all: ClickResult[] = [];
    const rounds: { killedAfterAcks: number; acked: number; sent: number; storedUnacked: number }[] = [];

    for (const [round, killAfter] of KILL_AFTER_ACKS.entries()) {
      const current = bot;
      let killed = false;
      const results = await fireClicks(fake, current, board, clicksOf(`K${round}`, CLICKS_PER_ROUND), {
        concurrency: CONCURRENCY,
        afterAck: (acked) => {
          if (acked === killAfter && !killed) {
            killed = true;
            current.child.process.kill('SIGKILL');
          }
        },
        stopped: () => killed,
      });
      expect(await current.child.exited).toEqual({ code: null, signal: 'SIGKILL' });
      all.push(...results);
      // Before any restart: every vote acknowledged so far is in the file.
      const votes = storedVotes(path);
      expect(lostAcks(all, votes)).toEqual([]);
      rounds.push({
        killedAfterAcks: killAfter,
        acked: results.filter((r) => r.acked).length,
        sent: results.filter((r) => r.sent).length,
        storedUnacked: results.filter((r) => !r.acked && votes.has(r.user)).length,
      });
      bot = await startSlackBot(fake, dir);
    }

    // After the last restart, the clicks go on to the end; the scoreboard catches up with the file.
    const last = await fireClicks(fake, bot, board, clicksOf('END', 120), { concurrency: CONCURRENCY });
    all.push(...last);
    expect(last.every((r) => r.acked)).toBe(true);
    const votes = storedVotes(path);
    expect(lostAcks(all, votes)).toEqual([]);
    await eventually(
      () => JSON.stringify(shownCounts(fake, board)) === JSON.stringify(tallyOf(votes)),
      'the scoreboard to show the exact tally',
      15_000,
    );
    bot.child.process.kill('SIGTERM');
    expect(await bot.child.exited).toEqual({ code: 0, signal: null });
    expect(shownCounts(fake, board)).toEqual(tallyOf(storedVotes(path)));

    figure('crash and restart', {
      killPoints: rounds,
      clicksSent: all.filter((r) => r.sent).length,
      acknowledged: all.filter((r) => r.acked).length,
      acknowledgedLost: lostAcks(all, storedVotes(path)).length,
      finalTally: tallyOf(storedVotes(path)),
    });
  });
});
