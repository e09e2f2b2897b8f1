// SIGTERM while vote clicks pour in: requests already taken finish, the pending scoreboard update
// is flushed, the process exits 0, and nothing acknowledged is lost.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.ts';
import { figure } from './support/figures.ts';
import { killAll } from './support/processes.ts';
import {
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

describe('SIGTERM under load', () => {
  it('finishes in-flight requests, flushes the scoreboard, exits 0 and loses nothing', async () => {
    slack = await startFakeSlack();
    const fake = slack;
    const dir = tempDir();
    // One scoreboard edit per 10 minutes at most: what the scoreboard shows at exit was flushed by the stop.
    const bot = await startSlackBot(fake, dir, { DEBAT_SCOREBOARD_INTERVAL_MS: '600000' });
    const board = await openDebate(fake, bot, 'CTERM');
    let terminated = false;
    const results = await fireClicks(fake, bot, board, clicksOf('T', 400), {
      concurrency: 24,
      afterAck: (acked) => {
        if (acked === 150 && !terminated) {
          terminated = true;
          bot.child.process.kill('SIGTERM');
        }
      },
      stopped: () => terminated,
    });
    expect(await bot.child.exited).toEqual({ code: 0, signal: null });

    // Every request the process answered, it answered 200: none was cut off half-done.
    const answered = results.filter((r) => r.status !== undefined);
    expect(answered.filter((r) => r.status !== 200)).toEqual([]);
    const votes = storedVotes(join(dir, 'debat.sqlite'));
    expect(lostAcks(results, votes)).toEqual([]);
    expect(shownCounts(fake, board)).toEqual(tallyOf(votes));
    figure('SIGTERM under load', {
      sent: results.filter((r) => r.sent).length,
      acknowledged: results.filter((r) => r.acked).length,
      refusedConnection: results.filter((r) => r.sent && r.status === undefined).length,
      acknowledgedLost: lostAcks(results, votes).length,
      stored: votes.size,
      scoreboardAtExit: shownCounts(fake, board),
      exitCode: 0,
    });
  });
});
