// Three real `debat start` processes on one PostgreSQL behind a round-robin balancer, Slack over
// HTTP: a storm of vote clicks (some retried, and a retry always reaches another instance than
// its first delivery), one instance SIGKILLed in the middle and started again. Afterwards every
// acknowledged vote is stored once, the scoreboard shows the stored tally, no two edits of it
// came within an interval, and the week's summary, due meanwhile, was posted once.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { VoteSide } from '../../src/domain/types.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.ts';
import { createTestDatabase, type TestDatabase } from '../postgres/databases.ts';
import { killAll } from '../reliability/support/processes.ts';
import { clicksOf, type Scoreboard, shownCounts } from '../reliability/support/slack-load.ts';
import { SIGNING_SECRET, type SlackBot, startSlackBot } from '../reliability/support/slack-process.ts';
import { removeTempDirs, tempDir } from '../reliability/support/temp.ts';
import { type RoundRobin, roundRobin } from './round-robin-proxy.ts';

const INTERVAL_MS = 300;
let slack: FakeSlack | undefined;
let proxy: RoundRobin | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  await killAll();
  await proxy?.close();
  await slack?.close();
  await database?.drop();
  removeTempDirs();
});

const DAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
/** A weekly schedule (UTC) whose next time is the first whole minute at least 25 s from now. */
function dueSoon(): string {
  const due = new Date(Math.ceil((Date.now() + 25_000) / 60_000) * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[due.getUTCDay()]} ${two(due.getUTCHours())}:${two(due.getUTCMinutes())}`;
}

const until = async (test: () => boolean | Promise<boolean>, what: string, rounds = 600) => {
  for (let round = 0; !(await test()); round++) {
    if (round > rounds) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('three instances on one PostgreSQL behind a load balancer', () => {
  it('lose no acknowledged vote, count none twice, keep the scoreboard exact and paced, post the summary once', async () => {
    database = await createTestDatabase();
    slack = await startFakeSlack();
    const env = {
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '4',
      // A fleet shares its anonymity key, given to each instance (never kept in the database).
      DEBAT_SECRET: 'the-fleet-anonymity-key',
      DEBAT_SCOREBOARD_INTERVAL_MS: String(INTERVAL_MS),
      DEBAT_TIMEZONE: 'UTC',
      // Due at the first minute at least 25 s away: after the storm, while the three run.
      DEBAT_SUMMARY_AT: dueSoon(),
    };
    const start = () => startSlackBot(slack!, tempDir('debat-fleet-'), env);
    const bots: SlackBot[] = await Promise.all([start(), start(), start()]);
    proxy = await roundRobin(bots.map((bot) => bot.port));
    const front: SlackBot = {
      ...bots[0]!,
      client: slack.httpClient(`${proxy.url}/slack/events`, SIGNING_SECRET),
    };

    await front.client.command(
      slack.payloads.slashCommand({ user: 'UOPENER01', channel: 'C1', text: 'lancer Sous charge' }),
    );
    const post = await slack.waitForCall('chat.postMessage', (call) => call.args.channel === 'C1');
    const board: Scoreboard = { channel: 'C1', ts: String(post.response?.ts), debate: 1 };

    // The storm: 240 people, 12 at a time; the second instance dies after the 80th acknowledgment.
    const clicks = clicksOf('F', 240).map((click) => ({
      ...click,
      payload: slack!.payloads.blockAction({
        user: click.user,
        channel: board.channel,
        messageTs: board.ts,
        actionId: `debat.vote.${click.side}`,
        value: `${board.debate}:${click.side}`,
        blockId: 'scoreboard-0',
      }),
      acked: false,
    }));
    let killed = false;
    let acks = 0;
    let next = 0;
    const deliver = async (click: (typeof clicks)[number], retryNum?: number) => {
      const answer = await front.client
        .interactive(click.payload, retryNum === undefined ? {} : { retryNum, retryReason: 'http_timeout' })
        .catch(() => undefined);
      if (answer?.status !== 200) return;
      click.acked = true;
      if (++acks === 80 && !killed) {
        killed = true;
        proxy!.targets[1] = undefined;
        void bots[1]!.child.kill('SIGKILL');
      }
    };
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        while (next < clicks.length) await deliver(clicks[next++]!);
      }),
    );
    expect(killed).toBe(true);
    // Slack's retries, with the very same payload: of every click not acknowledged (cut by the
    // kill), and of 30 acknowledged ones. Round robin sends each to another instance than before.
    const unanswered = clicks.filter((click) => !click.acked);
    for (const click of [...unanswered, ...clicks.filter((c) => c.acked).slice(0, 30)])
      await deliver(click, 1);
    const results = clicks;
    // The killed instance comes back.
    const back = await start();
    proxy.targets[1] = back.port;

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const stored = async () => {
        const { rows } = await client.query<{ voter_key: string; side: VoteSide }>(
          'SELECT voter_key, side FROM votes',
        );
        return new Map(rows.map((row) => [row.voter_key, row.side]));
      };
      const acked = results.filter((result) => result.acked);
      // Every click acknowledged in the end, its retry if not its first delivery.
      expect(acked).toHaveLength(clicks.length);
      const votes = await stored();
      for (const click of acked) expect(votes.get(click.user)).toBe(click.side);
      // Once each: one vote event per person, retries included.
      const { rows: events } = await client.query<{ voter_key: string; n: string }>(
        'SELECT voter_key, count(*) AS n FROM vote_events GROUP BY voter_key HAVING count(*) > 1',
      );
      expect(events).toEqual([]);
      const tally = { pro: 0, con: 0, neutral: 0 };
      for (const side of votes.values()) tally[side]++;

      // The scoreboard ends exact.
      await until(
        () => JSON.stringify(shownCounts(slack!, board)) === JSON.stringify(tally),
        'the final scoreboard',
        800,
      );
      // At most one edit of it per interval, though three instances edited it: each reached Slack
      // at least an interval after the one before (a few ms allowed for the two clocks' rounding:
      // the slots are timed on PostgreSQL's, the calls on this process's).
      const edits = slack
        .calls('chat.update')
        .filter((call) => call.args.ts === board.ts && call.status === 200);
      expect(edits.length).toBeGreaterThan(1);
      const gaps = edits.slice(1).map((edit, i) => edit.at - edits[i]!.at);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL_MS - 5);

      // The week's summary: posted once, whichever instance got to it first.
      await until(
        async () =>
          (await client.query("SELECT 1 FROM summary_ledger WHERE status = 'posted'")).rows.length === 1,
        'the weekly summary',
        2_400,
      );
      const summaries = slack
        .calls('chat.postMessage')
        .filter(
          (call) => call.args.channel === 'C1' && JSON.stringify(call.args).includes('Bilan de la semaine'),
        );
      expect(summaries).toHaveLength(1);
    } finally {
      await client.end();
    }
    // Each instance served part of the storm.
    expect(proxy.served.every((count) => count > 0)).toBe(true);
  }, 180_000);
});
