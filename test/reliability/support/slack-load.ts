// Many people clicking the vote buttons of a scoreboard at once, over signed HTTP requests, and
// what the database and the scoreboard message say afterwards.
import Database from 'better-sqlite3';
import type { VoteSide } from '../../../src/domain/types.ts';
import type { FakeSlack } from '../../fakes/slack/index.ts';
import type { SlackBot } from './slack-process.ts';

export interface Click {
  user: string;
  side: VoteSide;
}

export interface ClickResult extends Click {
  /** The request was sent (clicks left when the process died are not). */
  sent: boolean;
  /** The app answered 200: Slack would count the click as acknowledged. */
  acked: boolean;
  status?: number;
}

export interface Scoreboard {
  channel: string;
  ts: string;
  debate: number;
}

const SIDES: readonly VoteSide[] = ['pro', 'con', 'neutral'];

/** `count` distinct people, each voting once, sides in turn. */
export const clicksOf = (prefix: string, count: number): Click[] =>
  Array.from({ length: count }, (_, i) => ({
    user: `U${prefix}${String(i).padStart(6, '0')}`,
    side: SIDES[i % 3]!,
  }));

/**
 * Sends every click, `concurrency` at a time. `afterAck(n)` runs after the n-th acknowledgment
 * (e.g. to kill the process); once `stopped()` holds, the clicks not yet sent are not sent.
 */
export async function fireClicks(
  slack: FakeSlack,
  bot: SlackBot,
  board: Scoreboard,
  clicks: Click[],
  options: { concurrency: number; afterAck?: (acked: number) => void; stopped?: () => boolean },
): Promise<ClickResult[]> {
  const results: ClickResult[] = clicks.map((click) => ({ ...click, sent: false, acked: false }));
  let next = 0;
  let acked = 0;
  const worker = async () => {
    while (next < clicks.length && !options.stopped?.()) {
      const result = results[next++]!;
      const payload = slack.payloads.blockAction({
        user: result.user,
        channel: board.channel,
        messageTs: board.ts,
        actionId: `debat.vote.${result.side}`,
        value: `${board.debate}:${result.side}`,
        blockId: 'scoreboard-0',
      });
      result.sent = true;
      try {
        const answer = await bot.client.interactive(payload);
        result.status = answer.status;
        if (answer.status === 200) {
          result.acked = true;
          options.afterAck?.(++acked);
        }
      } catch {
        // Connection refused or cut: not acknowledged.
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return results;
}

/** The votes in the database file, by voter. */
export function storedVotes(path: string): Map<string, VoteSide> {
  const db = new Database(path);
  const rows = db.prepare('SELECT voter_key, side FROM votes').all() as {
    voter_key: string;
    side: VoteSide;
  }[];
  db.close();
  return new Map(rows.map((row) => [row.voter_key, row.side]));
}

export const tallyOf = (votes: Map<string, VoteSide>) => {
  const counts = { pro: 0, con: 0, neutral: 0 };
  for (const side of votes.values()) counts[side]++;
  return counts;
};

/** Acknowledged clicks missing from the database, or stored with another side. */
export const lostAcks = (results: ClickResult[], votes: Map<string, VoteSide>): ClickResult[] =>
  results.filter((result) => result.acked && votes.get(result.user) !== result.side);

/** The counts the scoreboard message shows now (French labels), or undefined without counts. */
export function shownCounts(slack: FakeSlack, board: Scoreboard) {
  const text = JSON.stringify(slack.message(board.channel, board.ts)?.blocks ?? []);
  const count = (label: string) => {
    const match = new RegExp(`\\*${label}\\* \`[^\`]*\` (\\d+)`).exec(text);
    return match ? Number(match[1]) : undefined;
  };
  const counts = { pro: count('Pour'), con: count('Contre'), neutral: count('Neutre') };
  return counts.pro === undefined ? undefined : counts;
}

/** Opens debate `number` of the workspace with a slash command and returns its scoreboard message. */
export async function openDebate(
  slack: FakeSlack,
  bot: SlackBot,
  channel: string,
  number = 1,
): Promise<Scoreboard> {
  const before = slack.calls('chat.postMessage').length;
  await bot.client.command(
    slack.payloads.slashCommand({ user: 'UOPENER01', channel, text: 'lancer Sous charge' }),
  );
  const post = await slack.waitForCall(
    'chat.postMessage',
    (call) => slack.calls('chat.postMessage').indexOf(call) >= before && call.args.channel === channel,
  );
  return { channel, ts: String(post.response?.ts), debate: number };
}

/** The tally of debate `number` in the database file. */
export function storedTally(path: string, number: number) {
  const db = new Database(path);
  const rows = db
    .prepare(
      'SELECT v.side, count(*) AS n FROM votes v JOIN debates d ON d.id = v.debate_id WHERE d.number = ? GROUP BY v.side',
    )
    .all(number) as { side: VoteSide; n: number }[];
  db.close();
  const counts = { pro: 0, con: 0, neutral: 0 };
  for (const row of rows) counts[row.side] = row.n;
  return counts;
}
