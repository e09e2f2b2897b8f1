// One real process with both HTTP endpoints (Slack events, Discord interactions): requests with a
// bad, stale or missing signature get 401 and change nothing; a replayed click counts once.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  button,
  chatInput,
  createSigner,
  type FakeDiscord,
  postInteraction,
  startFakeDiscord,
} from '../fakes/discord/index.ts';
import { type FakeSlack, signedHeaders, startFakeSlack } from '../fakes/slack/index.ts';
import { figure } from '../reliability/support/figures.ts';
import { killAll } from '../reliability/support/processes.ts';
import { SIGNING_SECRET, startSlackBot } from '../reliability/support/slack-process.ts';
import { removeTempDirs, tempDir } from '../reliability/support/temp.ts';

let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;
afterEach(async () => {
  await killAll();
  await slack?.close();
  await discord?.close();
  removeTempDirs();
});

/**
 * Every row of every table: "nothing changed" means this is equal before and after. Left out are
 * the rows the process writes on its own clock, whatever it is sent: the instance's lease (renewed
 * every few seconds) and the weekly summaries' ledger (the scheduler records last week's channels
 * as skipped whenever its pass reaches them, which may fall in the middle of the test).
 */
function contents(path: string): string {
  const db = new Database(path, { readonly: true });
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('instance_leases', 'summary_ledger') ORDER BY name",
    )
    .pluck()
    .all();
  const dump = JSON.stringify(tables.map((name) => db.prepare(`SELECT * FROM "${String(name)}"`).all()));
  db.close();
  return dump;
}

const post = async (url: string, body: string, headers: Record<string, string>) => {
  const res = await fetch(url, { method: 'POST', headers, body });
  await res.arrayBuffer();
  return res.status;
};

describe('signatures on the HTTP endpoints of the real process', () => {
  it('refuse bad, stale, replayed-too-late and missing ones with 401, and nothing changes', async () => {
    slack = await startFakeSlack();
    discord = await startFakeDiscord();
    const [fakeSlack, fakeDiscord] = [slack, discord];
    const signer = createSigner();
    const dir = tempDir();
    const path = join(dir, 'debat.sqlite');
    const bot = await startSlackBot(fakeSlack, dir, {
      DEBAT_ADAPTERS: 'slack,discord',
      DISCORD_APPLICATION_ID: fakeDiscord.applicationId,
      DISCORD_API_URL: fakeDiscord.api,
      DISCORD_TOKEN: fakeDiscord.token,
      DISCORD_PUBLIC_KEY: signer.publicKeyHex,
    });
    const slackUrl = `http://127.0.0.1:${bot.port}/slack/events`;
    const discordUrl = `http://127.0.0.1:${bot.port}/discord/interactions`;

    // Some state on each side first, made by properly signed requests.
    const open = fakeSlack.payloads.slashCommand({ user: 'UOPENER1', channel: 'C1', text: 'lancer Signé' });
    expect((await bot.client.command(open)).status).toBe(200);
    const ts = String((await fakeSlack.waitForCall('chat.postMessage')).response?.ts);
    const where = fakeDiscord.where;
    const discordOpen = chatInput(fakeDiscord.state, {
      actor: { id: '400000000000000001', username: 'alice', locale: 'fr' },
      where,
      subcommand: 'lancer',
      options: { sujet: 'Signé aussi' },
    });
    expect((await postInteraction(discordUrl, discordOpen, signer, fakeDiscord.state)).status).toBe(200);
    await fakeDiscord.rest.waitFor((call) => call.route === 'messageCreate');

    const before = contents(path);
    const slackCalls = fakeSlack.calls().length;
    const discordCalls = fakeDiscord.rest.calls.length;
    const click = (user: string) =>
      fakeSlack.payloads.blockAction({
        user,
        channel: 'C1',
        messageTs: ts,
        actionId: 'debat.vote.pro',
        value: '1:pro',
      });
    const form = (payload: object) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const FORM = 'application/x-www-form-urlencoded';

    const refused: Record<string, number> = {
      'Slack, wrong secret': (await bot.client.interactive(click('UBAD1'), { badSignature: true })).status,
      'Slack, 6 minutes old': (await bot.client.interactive(click('UBAD2'), { skewSec: -360 })).status,
      'Slack, a day old': (await bot.client.interactive(click('UBAD3'), { skewSec: -86_400 })).status,
      'Slack, no signature headers': await post(slackUrl, form(click('UBAD4')), { 'content-type': FORM }),
      'Slack, body changed after signing': await post(`${slackUrl}`, form(click('UBAD5')), {
        ...signedHeaders(SIGNING_SECRET, form(click('UBAD5')).replace('UBAD5', 'UBAD6'), FORM),
      }),
      // A request captured 6 minutes ago, signed then with the right secret, sent again now.
      'Slack, replayed outside the window': await post(slackUrl, form(click('UBAD7')), {
        ...signedHeaders(SIGNING_SECRET, form(click('UBAD7')), FORM, { skewSec: -301 }),
      }),
      'Slack, slash command with a wrong secret': (
        await bot.client.command(
          fakeSlack.payloads.slashCommand({ user: 'UBAD8', channel: 'C1', text: 'lancer Pirate' }),
          {
            badSignature: true,
          },
        )
      ).status,
    };
    const discordVote = (user: string) =>
      button(fakeDiscord.state, {
        actor: { id: user, username: 'mallory', locale: 'fr' },
        where,
        customId: 'db:v:1:p',
        message: fakeDiscord.messagesIn().find((m) => m.components.length > 0)!,
      });
    const otherKey = createSigner();
    for (const tamper of ['body', 'signature', 'timestamp', 'no-headers'] as const)
      refused[`Discord, ${tamper} tampered`] = (
        await postInteraction(discordUrl, discordVote('400000000000000066'), signer, fakeDiscord.state, {
          tamper,
        })
      ).status;
    refused['Discord, signed with another key'] = (
      await postInteraction(discordUrl, discordVote('400000000000000067'), otherKey, fakeDiscord.state)
    ).status;

    expect(
      Object.values(refused).every((status) => status === 401),
      JSON.stringify(refused),
    ).toBe(true);
    expect(contents(path)).toBe(before);
    expect(fakeSlack.calls()).toHaveLength(slackCalls);
    expect(fakeDiscord.rest.calls).toHaveLength(discordCalls);

    // A genuine click sent twice (a replay inside the window, a double delivery) counts once.
    const genuine = click('UGOOD1');
    expect((await bot.client.interactive(genuine)).status).toBe(200);
    expect((await bot.client.interactive(genuine)).status).toBe(200);
    const interaction = discordVote('400000000000000077');
    expect((await postInteraction(discordUrl, interaction, signer, fakeDiscord.state)).status).toBe(200);
    expect((await postInteraction(discordUrl, interaction, signer, fakeDiscord.state)).status).toBe(200);
    bot.child.process.kill('SIGTERM');
    expect(await bot.child.exited).toEqual({ code: 0, signal: null });
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT voter_key FROM votes ORDER BY voter_key').pluck().all()).toEqual([
      '400000000000000077',
      'UGOOD1',
    ]);
    db.close();
    figure('signatures', { refusedWith401: Object.keys(refused).length, replaysCountedOnce: 2 });
  });
});
