// Debates of one Slack workspace or Discord guild are never reached from another, through the
// adapters of one real process, even with guessed #ids and hand-made button values.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Actor,
  button,
  chatInput,
  createSigner,
  type FakeDiscord,
  postInteraction,
  startFakeDiscord,
} from '../fakes/discord/index.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.ts';
import { figure } from '../reliability/support/figures.ts';
import { killAll } from '../reliability/support/processes.ts';
import { startSlackBot } from '../reliability/support/slack-process.ts';
import { removeTempDirs, tempDir } from '../reliability/support/temp.ts';

let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;
afterEach(async () => {
  await killAll();
  await slack?.close();
  await discord?.close();
  removeTempDirs();
});

const SECRET_TOPIC = 'Réorganisation confidentielle';
const SECRET_ARGUMENT = 'Les chiffres du trimestre';
const READS = ['bilan #1', 'exporter #1', 'exporter #1 csv', 'arguments #1', 'liste'];
const WRITES = [
  'voter pour #1',
  'appuyer 1 #1',
  'retirer 1 #1',
  'clore #1',
  'pour #1 intrusion',
  'delta 1 #1',
];

function contents(path: string): string {
  const db = new Database(path, { readonly: true });
  const dump = JSON.stringify(
    ['debates', 'arguments', 'votes', 'vote_events', 'endorsements'].map((table) =>
      db.prepare(`SELECT * FROM ${table}`).all(),
    ),
  );
  db.close();
  return dump;
}

describe('workspace isolation through the adapters', () => {
  it('keeps each workspace’s debates out of reach of every other workspace and platform', async () => {
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
    const discordUrl = `http://127.0.0.1:${bot.port}/discord/interactions`;
    const slackSays = (team: string, user: string, text: string) => {
      const fields = { ...fakeSlack.payloads.slashCommand({ user, channel: 'C1', text }), team_id: team };
      return bot.client.command(fields);
    };
    const alice: Actor = { id: '400000000000000001', username: 'alice', locale: 'fr' };
    const mallory: Actor = { id: '400000000000000666', username: 'mallory', locale: 'fr' };
    const otherGuild = { guildId: '900000000000000001', channelId: fakeDiscord.where.channelId };
    const discordSays = (actor: Actor, where: typeof otherGuild, line: string) => {
      const [subcommand = '', ...rest] = line.split(' ');
      const id = rest.find((word) => word.startsWith('#'));
      const words = rest.filter((word) => !word.startsWith('#'));
      const options: Record<string, string | number> = {};
      if (id) options.id = Number(id.slice(1));
      if (subcommand === 'voter') options.cote = words[0]!;
      else if (['appuyer', 'retirer', 'delta'].includes(subcommand)) options.numero = Number(words[0]);
      else if (subcommand === 'pour') options.argument = words.join(' ');
      else if (subcommand === 'lancer') options.sujet = words.join(' ');
      else if (subcommand === 'exporter' && words[0]) options.format = words[0];
      return postInteraction(
        discordUrl,
        chatInput(fakeDiscord.state, { actor, where, subcommand, options }),
        signer,
        fakeDiscord.state,
      );
    };

    // Workspace T0FAKE on Slack and the fake guild on Discord each have a debate #1.
    expect((await slackSays('T0FAKE', 'UOWNER', `lancer ${SECRET_TOPIC}`)).status).toBe(200);
    expect((await slackSays('T0FAKE', 'UOWNER', `pour ${SECRET_ARGUMENT}`)).status).toBe(200);
    const ts = String((await fakeSlack.waitForCall('chat.postMessage')).response?.ts);
    expect((await discordSays(alice, fakeDiscord.where, `lancer ${SECRET_TOPIC}`)).status).toBe(200);
    await fakeDiscord.rest.waitFor((call) => call.route === 'messageCreate');
    expect((await discordSays(alice, fakeDiscord.where, `pour ${SECRET_ARGUMENT}`)).status).toBe(200);
    const before = contents(path);
    const slackSeen = fakeSlack.calls().length;
    const discordSeen = fakeDiscord.rest.calls.length;
    const responsesSeen = fakeSlack.responses().length;

    const answers: string[] = [];
    let attempts = 0;
    for (const line of [...READS, ...WRITES]) {
      // Another Slack workspace, and the Slack workspace's own id used as if it were a guild.
      for (const team of ['T0OTHER', 'T1']) {
        const answer = await slackSays(team, 'UMALLORY', line);
        expect(answer.status).toBe(200);
        answers.push(answer.text);
        attempts++;
      }
      const answer = await discordSays(mallory, otherGuild, line);
      expect(answer.status).toBe(200);
      answers.push(answer.text);
      attempts++;
    }
    // A hand-made vote button of the other workspace's scoreboard.
    const click = fakeSlack.payloads.blockAction({
      user: 'UMALLORY',
      channel: 'C1',
      messageTs: ts,
      actionId: 'debat.vote.pro',
      value: '1:pro',
    });
    const forged = {
      ...click,
      team: { id: 'T0OTHER', domain: 'other' },
      user: { id: 'UMALLORY', team_id: 'T0OTHER' },
    };
    expect((await bot.client.interactive(forged)).status).toBe(200);
    const board = fakeDiscord.messagesIn().find((m) => m.components.length > 0)!;
    const discordClick = button(fakeDiscord.state, {
      actor: mallory,
      where: otherGuild,
      customId: 'db:v:1:p',
      message: board,
    });
    answers.push((await postInteraction(discordUrl, discordClick, signer, fakeDiscord.state)).text);
    attempts += 2;

    bot.child.process.kill('SIGTERM');
    expect(await bot.child.exited).toEqual({ code: 0, signal: null });
    // Nothing of the two debates changed; nothing about them was sent to the outsiders (the owners'
    // own scoreboards, still being brought up to date, are edited in their own channels).
    expect(contents(path)).toBe(before);
    const sent = [
      ...answers,
      ...fakeSlack
        .calls()
        .slice(slackSeen)
        .filter((call) => !(call.method === 'chat.update' && call.args.ts === ts))
        .map((call) => JSON.stringify(call.args)),
      ...fakeSlack
        .responses()
        .slice(responsesSeen)
        .map((post) => JSON.stringify(post.body)),
      ...fakeDiscord.rest.calls
        .slice(discordSeen)
        .filter((call) => !(call.route === 'messageEdit' && call.params.message === board.id))
        .map((call) => JSON.stringify(call.body)),
    ].join('\n');
    for (const secret of [SECRET_TOPIC, SECRET_ARGUMENT]) expect(sent.includes(secret), secret).toBe(false);
    expect(sent).toMatch(/Aucun débat n° 1 ici/);
    figure('workspace isolation', { attempts, reachedAnotherWorkspace: 0 });
  });
});
