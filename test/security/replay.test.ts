// Signed requests captured on the wire and sent again: within the 5-minute window the delivery
// keys (kept a day) answer "already counted", also after a restart; out of it, or signed ahead,
// or for a Discord interaction older than its token, the answer is 401 and nothing changes.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DELIVERY_MEMORY_MS } from '../../src/engine/engine.ts';
import {
  INTERACTION_MAX_AGE_MS,
  SIGNED_MAX_AGE_MS,
  SIGNED_MAX_AHEAD_MS,
} from '../../src/http/replay-window.ts';
import {
  chatInput,
  createSigner,
  type FakeDiscord,
  type InteractionSigner,
  startFakeDiscord,
} from '../fakes/discord/index.ts';
import { nextSnowflake } from '../fakes/discord/snowflake.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.ts';
import { FORM, signedHeaders } from '../fakes/slack/signed-requests.ts';
import { killAll } from '../reliability/support/processes.ts';
import { SIGNING_SECRET } from '../reliability/support/slack-process.ts';
import { removeTempDirs, tempDir } from '../reliability/support/temp.ts';
import { type OpenBot, startOpenBot } from './support/open-bot.ts';

let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;
afterEach(async () => {
  await killAll();
  await slack?.close();
  await discord?.close();
  removeTempDirs();
});

interface Captured {
  path: string;
  body: string;
  headers: Record<string, string>;
}

const send = async (bot: OpenBot, request: Captured): Promise<number> => {
  const res = await fetch(`${bot.base}${request.path}`, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  });
  await res.text();
  return res.status;
};

const slackRequest = (fields: Record<string, string>, skewSec = 0): Captured => {
  const body = new URLSearchParams(fields).toString();
  return { path: '/slack/events', body, headers: signedHeaders(SIGNING_SECRET, body, FORM, { skewSec }) };
};

const discordRequest = (signer: InteractionSigner, payload: object, skewSec = 0): Captured => {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000) + skewSec);
  return {
    path: '/discord/interactions',
    body,
    headers: { 'content-type': 'application/json', ...signer.sign(body, timestamp) },
  };
};

/** Each platform's votes in the database file, by side. */
function votes(dir: string): Record<string, string[]> {
  const db = new Database(join(dir, 'debat.sqlite'), { readonly: true });
  const rows = db
    .prepare(
      'SELECT d.platform AS platform, v.side AS side FROM votes v JOIN debates d ON d.id = v.debate_id ORDER BY v.side',
    )
    .all() as { platform: string; side: string }[];
  db.close();
  const by: Record<string, string[]> = {};
  for (const row of rows) by[row.platform] = [...(by[row.platform] ?? []), row.side];
  return by;
}

describe('replayed signed requests', () => {
  it('keeps the delivery keys longer than any request the window lets in', () => {
    expect(DELIVERY_MEMORY_MS).toBeGreaterThan(
      SIGNED_MAX_AGE_MS + SIGNED_MAX_AHEAD_MS + INTERACTION_MAX_AGE_MS,
    );
  });

  it('counts nothing twice, before or after a restart, and refuses what is out of the window', async () => {
    slack = await startFakeSlack();
    discord = await startFakeDiscord();
    const fakeSlack = slack;
    const fakeDiscord = discord;
    const signer = createSigner();
    const dir = tempDir();
    let bot = await startOpenBot(fakeSlack, fakeDiscord, signer, dir);

    // Slack: a debate, a vote pour then contre by the same person.
    expect(
      await send(
        bot,
        slackRequest(
          fakeSlack.payloads.slashCommand({ user: 'UANA', channel: 'CREPLAY', text: 'lancer Rejoué ?' }),
        ),
      ),
    ).toBe(200);
    const post = await fakeSlack.waitForCall('chat.postMessage', (call) => call.args.channel === 'CREPLAY');
    const click = (side: 'pro' | 'con', skewSec = 0) =>
      slackRequest(
        {
          payload: JSON.stringify(
            fakeSlack.payloads.blockAction({
              user: 'UANA',
              channel: 'CREPLAY',
              messageTs: String(post.response?.ts),
              actionId: `debat.vote.${side}`,
              value: `1:${side}`,
              blockId: 'scoreboard-0',
            }),
          ),
        },
        skewSec,
      );
    const slackPour = click('pro');
    expect(await send(bot, slackPour)).toBe(200);
    expect(await send(bot, click('con'))).toBe(200);

    // Discord: the same.
    const actor = { id: '400000000000000001', username: 'ana' };
    const slash = (subcommand: string, options: Record<string, string>) =>
      chatInput(fakeDiscord.state, { actor, where: fakeDiscord.where, subcommand, options });
    expect(await send(bot, discordRequest(signer, slash('lancer', { sujet: 'Rejoué ?' })))).toBe(200);
    const discordPour = discordRequest(signer, slash('voter', { cote: 'pour' }));
    expect(await send(bot, discordPour)).toBe(200);
    expect(await send(bot, discordRequest(signer, slash('voter', { cote: 'contre' })))).toBe(200);
    const settled = { slack: ['con'], discord: ['con'] };
    await expect.poll(() => votes(dir)).toEqual(settled);

    // The captured requests, sent again as they were: taken as already counted.
    await send(bot, slackPour);
    await send(bot, discordPour);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(votes(dir)).toEqual(settled);

    // After a restart (nothing left in memory), again.
    bot.child.process.kill('SIGTERM');
    expect((await bot.child.exited).code).toBe(0);
    bot = await startOpenBot(fakeSlack, fakeDiscord, signer, dir);
    await send(bot, slackPour);
    await send(bot, discordPour);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(votes(dir)).toEqual(settled);

    // Out of the window: signed 6 minutes ago or ahead, or an interaction made 20 minutes ago.
    expect(await send(bot, click('pro', 6 * 60))).toBe(401);
    expect(await send(bot, click('pro', -6 * 60))).toBe(401);
    expect(await send(bot, discordRequest(signer, slash('voter', { cote: 'pour' }), -6 * 60))).toBe(401);
    expect(await send(bot, discordRequest(signer, slash('voter', { cote: 'pour' }), 6 * 60))).toBe(401);
    const old = {
      ...slash('voter', { cote: 'pour' }),
      id: nextSnowflake(new Date(Date.now() - 20 * 60_000)),
    };
    expect(await send(bot, discordRequest(signer, old))).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(votes(dir)).toEqual(settled);
    expect(bot.child.stderr).not.toMatch(/\n\s+at /);
  }, 90_000);
});
