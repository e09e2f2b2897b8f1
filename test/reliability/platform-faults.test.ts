// The real process (Slack over HTTP) while the fake Slack API answers a fraction of its calls with
// 429 + Retry-After, 500, slowly, or not at all (connection cut): no crash, every vote and argument
// stored, scoreboards converge.
import { join } from 'node:path';
import Database from 'better-sqlite3';
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
  type Scoreboard,
  shownCounts,
  storedTally,
  storedVotes,
} from './support/slack-load.ts';
import { startSlackBot } from './support/slack-process.ts';
import { removeTempDirs, tempDir } from './support/temp.ts';

let slack: FakeSlack | undefined;
afterEach(async () => {
  await killAll();
  await slack?.close();
  removeTempDirs();
});

describe.each([0.1, 0.25])('faults from the Slack API on %s of calls, each kind', (FAULT_RATE) => {
  it('crash nothing, lose nothing, and every scoreboard converges', async () => {
    slack = await startFakeSlack();
    const fake = slack;
    const dir = tempDir();
    const path = join(dir, 'debat.sqlite');
    const bot = await startSlackBot(fake, dir);
    const boards: Scoreboard[] = [];
    for (const [i, channel] of ['CF1', 'CF2', 'CF3'].entries())
      boards.push(await openDebate(fake, bot, channel, i + 1));

    // From now on, on every Web API method: that fraction rate limited, as many server errors, as
    // many slow, as many with the connection cut.
    const callsBefore = fake.calls().length;
    fake.fault('*', { kind: 'rate_limited', retryAfterSec: 1, fraction: FAULT_RATE });
    fake.fault('*', { kind: 'http_error', status: 500, fraction: FAULT_RATE });
    fake.fault('*', { kind: 'slow', delayMs: 700, fraction: FAULT_RATE });
    fake.fault('*', { kind: 'dropped', fraction: FAULT_RATE });

    const clicks: ClickResult[] = [];
    const commands: { status: number; user: string }[] = [];
    await Promise.all([
      ...boards.map(async (board, i) =>
        clicks.push(...(await fireClicks(fake, bot, board, clicksOf(`F${i}`, 100), { concurrency: 8 }))),
      ),
      (async () => {
        for (let i = 0; i < 30; i++) {
          const board = boards[i % 3]!;
          const user = `UARG${String(i).padStart(5, '0')}`;
          const text = `${i % 2 ? 'contre' : 'pour'} #${board.debate} Argument ${i} sous les pannes`;
          const answer = await bot.client.command(
            fake.payloads.slashCommand({ user, channel: board.channel, text }),
          );
          commands.push({ status: answer.status, user });
        }
      })(),
    ]);

    // Every request was acknowledged (Bolt answers 404 when no ack comes within 3 s).
    expect(clicks.filter((click) => !click.acked)).toEqual([]);
    expect(commands.filter((command) => command.status !== 200)).toEqual([]);
    expect(lostAcks(clicks, storedVotes(path))).toEqual([]);
    const db = new Database(path, { readonly: true });
    expect(
      db.prepare("SELECT count(*) AS n FROM arguments WHERE text LIKE '%sous les pannes'").get(),
    ).toEqual({ n: 30 });
    db.close();

    for (const board of boards)
      await eventually(
        () => JSON.stringify(shownCounts(fake, board)) === JSON.stringify(storedTally(path, board.debate)),
        `scoreboard ${board.debate} to show its exact tally`,
        20_000,
      );
    expect(bot.child.running).toBe(true);
    bot.child.process.kill('SIGTERM');
    expect(await bot.child.exited).toEqual({ code: 0, signal: null });
    expect(bot.child.stderr).not.toMatch(/unhandled rejection|uncaught exception/);

    const faulted = fake.calls().slice(callsBefore);
    figure(`Slack API faults at ${FAULT_RATE}`, {
      faultRates: {
        rateLimited429: FAULT_RATE,
        serverError500: FAULT_RATE,
        slow700ms: FAULT_RATE,
        connectionCut: FAULT_RATE,
      },
      webApiCalls: faulted.length,
      answered429: faulted.filter((call) => call.status === 429).length,
      answered500: faulted.filter((call) => call.status === 500).length,
      connectionsCut: faulted.filter((call) => call.fault === 'dropped').length,
      voteClicksAcked: clicks.length,
      argumentsStored: 30,
      scoreboardsConverged: boards.length,
      crashes: 0,
    });
  });
});
