// An anonymous debate lived through the real process (Slack over HTTP, debug logs on), then
// searched for the voters' ids and names everywhere: the database file, the logs, every message
// and export sent. The same run checks that no token or secret reaches the logs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.ts';
import { killAll } from '../reliability/support/processes.ts';
import { SIGNING_SECRET, startSlackBot } from '../reliability/support/slack-process.ts';
import { removeTempDirs, tempDir } from '../reliability/support/temp.ts';
import { findButton } from '../slack/clicks.ts';

const BOT_TOKEN = 'xoxb-SECRET0BOT-0123456789-abcdefghij';
const SECRETS = {
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  DEBAT_SECRET: 'anonymity-SECRET0ANON-0123456789',
  DISCORD_TOKEN: 'discord-SECRET0DISCORD-token-0123456789',
};
const OPENER = 'U7OPENERANON';
const [A, B, C, D, E] = ['U7VOTERAAAA', 'U7VOTERBBBB', 'U7VOTERCCCC', 'U7VOTERDDDD', 'U7VOTEREEEE'] as const;
const PEOPLE = [OPENER, A, B, C, D, E];
const CHANNEL = 'C7PRIVATE';

let slack: FakeSlack | undefined;
afterEach(async () => {
  await killAll();
  await slack?.close();
  removeTempDirs();
});

/**
 * Every string the bot sent to Slack as content (texts, blocks, views, files), not its addressing
 * (`users` opens the direct conversation an export is sent to: the person who asked for it).
 */
function sentContent(fake: FakeSlack): string {
  const content = fake.calls().map(({ method, args }) => {
    const { user: _to, users: _dm, channel: _where, ...rest } = args as Record<string, unknown>;
    return JSON.stringify({ method, rest });
  });
  const responses = fake.responses().map((post) => JSON.stringify(post.body));
  const files = [...fake.state.uploads.values()].map((upload) => upload.bytes?.toString('utf8') ?? '');
  return [...content, ...responses, ...files].join('\n');
}

/** The database file as bytes, after the WAL is folded in. */
function databaseBytes(path: string): string {
  const db = new Database(path);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const wal = existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`).toString('latin1') : '';
  return readFileSync(path).toString('latin1') + wal;
}

describe('an anonymous debate after a realistic session', () => {
  it('leaves the voters named nowhere: database, logs, messages, exports; and no secret in the logs', async () => {
    slack = await startFakeSlack({ botToken: BOT_TOKEN });
    const dir = tempDir();
    const bot = await startSlackBot(slack, dir, {
      ...SECRETS,
      DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
      DEBAT_LOG_LEVEL: 'debug',
    });
    const fake = slack;
    // What the app answered in the HTTP responses themselves (slash command acks) is sent too.
    const acks: string[] = [];
    const say = async (user: string, text: string) => {
      const answer = await bot.client.command(fake.payloads.slashCommand({ user, channel: CHANNEL, text }));
      expect(answer.status).toBe(200);
      acks.push(answer.text);
    };
    await say(OPENER, 'lancer Augmenter les salaires ? --anonyme');
    const ts = String((await fake.waitForCall('chat.postMessage')).response?.ts);
    const click = async (user: string, side: 'pro' | 'con' | 'neutral') => {
      const button = findButton(
        fake.message(CHANNEL, ts)?.blocks,
        (b) => b.action_id === `debat.vote.${side}`,
      );
      const payload = fake.payloads.blockAction({
        user,
        channel: CHANNEL,
        messageTs: ts,
        actionId: button.action_id,
        value: button.value,
        blockId: button.block_id,
      });
      const answer = await bot.client.interactive(payload);
      expect(answer.status).toBe(200);
      acks.push(answer.text);
    };

    await say(A, 'pour Le coût de la vie monte');
    await say(B, 'contre Le budget est serré');
    await click(A, 'pro');
    await click(B, 'con');
    await click(C, 'con');
    await click(D, 'neutral');
    await say(E, 'voter pour');
    await click(C, 'pro');
    await say(C, 'delta 1');
    await say(B, 'appuyer 1');
    await say(D, 'voter neutre');
    const reply = fake.payloads.messageEvent({
      user: E,
      channel: CHANNEL,
      text: 'pour: Un argument du fil',
      thread_ts: ts,
    });
    expect((await bot.client.event(reply)).status).toBe(200);
    await say(E, 'bilan');
    await say(A, 'exporter');
    await say(A, 'exporter csv');
    await say(B, 'liste');
    await say(C, 'arguments');
    await say(E, 'nimportequoi');

    bot.child.process.kill('SIGTERM');
    expect(await bot.child.exited).toEqual({ code: 0, signal: null });

    // The session did happen: votes counted, arguments stored, an export sent.
    const path = join(dir, 'debat.sqlite');
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT side, count(*) AS n FROM votes GROUP BY side ORDER BY side').all()).toEqual([
      { side: 'con', n: 1 },
      { side: 'pro', n: 3 },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM arguments').get()).toEqual({ n: 3 });
    expect(db.prepare('SELECT count(*) AS n FROM vote_events WHERE persuaded_by IS NOT NULL').get()).toEqual({
      n: 1,
    });
    db.close();
    const content = [sentContent(fake), ...acks].join('\n');
    expect(content.includes('Le coût de la vie monte')).toBe(true);
    expect(/record,debate,number,side,text,person/.test(content), 'the CSV export was sent').toBe(true);
    expect(/"level":20/.test(bot.child.stderr), 'debug lines were logged').toBe(true);

    const bytes = databaseBytes(path);
    for (const id of PEOPLE) {
      for (const form of [id, id.toLowerCase()]) {
        expect(bytes.includes(form), `the database holds ${form}`).toBe(false);
        expect(bot.child.stderr.includes(form), `the logs hold ${form}`).toBe(false);
        expect(content.includes(form), `a message holds ${form}`).toBe(false);
      }
    }
    for (const [name, secret] of Object.entries(SECRETS))
      expect(bot.child.stderr.includes(secret), `the logs hold ${name}`).toBe(false);
  });
});
