// A whole session at `debug`, on the real `debat start`: a Slack install (OAuth), commands and
// clicks, Discord over HTTP and the gateway with a refused follow-up carrying a CSV, the page and
// its download, a scrape of /metrics. Then the logs are searched for every secret and token used.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { botScopes } from '../../adapters/slack/oauth/scopes.ts';
import {
  chatInput,
  createSigner,
  type FakeDiscord,
  type Payload,
  postInteraction,
  startFakeDiscord,
} from '../fakes/discord/index.ts';
import { type FakeSlack, SignedSlackClient, startFakeSlack } from '../fakes/slack/index.ts';
import { createTestDatabase, type TestDatabase } from '../postgres/databases.ts';
import { killAll } from '../reliability/support/processes.ts';
import { SIGNING_SECRET } from '../reliability/support/slack-process.ts';
import { removeTempDirs, tempDir } from '../reliability/support/temp.ts';
import { installVia } from '../slack/many-harness.ts';
import { METRICS_TOKEN, startOpenBot } from './support/open-bot.ts';

let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  await killAll();
  await slack?.close();
  await discord?.close();
  await database?.drop();
  removeTempDirs();
});

const key = () => randomBytes(32).toString('base64');
const MARKER = 'ARGUMENT-TEMOIN-7f3a';

describe('logs of a whole session', () => {
  it('name no secret and no token the session used', async () => {
    database = await createTestDatabase();
    slack = await startFakeSlack({
      scopes: botScopes(),
      oauth: { clientSecret: 'client-secret-SECRET0CLIENT-0123456789' },
    });
    discord = await startFakeDiscord();
    const fakeSlack = slack;
    const fakeDiscord = discord;
    const signer = createSigner();
    const env = {
      SLACK_BOT_TOKEN: '',
      SLACK_CLIENT_ID: fakeSlack.oauth.clientId,
      SLACK_CLIENT_SECRET: fakeSlack.oauth.clientSecret,
      SLACK_STATE_SECRET: `state-secret-${randomBytes(12).toString('hex')}`,
      DEBAT_ENCRYPTION_KEY: key(),
      DEBAT_ENCRYPTION_KEY_PREVIOUS: `${key()},${key()}`,
      DEBAT_SECRET: `anonymity-${randomBytes(12).toString('hex')}`,
      DATABASE_URL: database.url,
      DISCORD_TOKEN: fakeDiscord.token,
      DEBAT_LOG_LEVEL: 'debug',
    };
    const bot = await startOpenBot(fakeSlack, fakeDiscord, signer, tempDir(), env);

    // Slack: installed through the pages, then a debate, an argument, a vote, the page link, an export.
    const grant = await installVia(bot.base, fakeSlack, { teamId: 'TLOGS', teamName: 'Journal' });
    const as = fakeSlack.payloadsFor(grant);
    const client = new SignedSlackClient(`${bot.base}/slack/events`, SIGNING_SECRET);
    const say = (text: string) => client.command(as.slashCommand({ user: 'UANA', channel: 'CLOGS', text }));
    expect((await say('lancer Journal ?')).status).toBe(200);
    expect((await say(`pour ${MARKER}`)).status).toBe(200);
    const board = await fakeSlack.waitForCall('chat.postMessage', (call) => call.args.channel === 'CLOGS');
    await client.interactive(
      as.blockAction({
        user: 'UBOB',
        channel: 'CLOGS',
        messageTs: String(board.response?.ts),
        actionId: 'debat.vote.pro',
        value: '1:pro',
        blockId: 'scoreboard-0',
      }),
    );
    const page = await say('page');
    const link = /https:\/\/debat\.example\.org\/d\/([A-Za-z0-9_-]{43})/.exec(page.text)?.[1];
    expect(link).toBeDefined();
    await say('exporter csv');

    // The page, its download, and a page that is not one.
    expect((await fetch(`${bot.base}/d/${link}`)).status).toBe(200);
    expect((await fetch(`${bot.base}/d/${link}/debat-1.csv`)).status).toBe(200);
    expect((await fetch(`${bot.base}/d/${link}x`)).status).toBe(404);
    expect(
      (await fetch(`${bot.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status,
    ).toBe(200);

    // Discord over HTTP: a debate, an argument, then an export whose file Discord refuses.
    const endpoint = `${bot.base}/discord/interactions`;
    const actor = { id: '400000000000000001', username: 'ana' };
    const sent: Payload[] = [];
    const interact = async (subcommand: string, options: Record<string, string>) => {
      const payload = chatInput(fakeDiscord.state, { actor, where: fakeDiscord.where, subcommand, options });
      sent.push(payload);
      return postInteraction(endpoint, payload, signer, fakeDiscord.state);
    };
    await interact('lancer', { sujet: 'Journal ?' });
    await interact('pour', { texte: MARKER });
    fakeDiscord.rest.failNext(
      3,
      { kind: 'discordError', status: 400, error: { code: 50035, message: 'Invalid Form Body' } },
      (t) => t.route.startsWith('webhook'),
    );
    await interact('exporter', { format: 'csv' });
    await expect.poll(() => bot.child.stderr.includes('Invalid Form Body'), { timeout: 10_000 }).toBe(true);

    bot.child.process.kill('SIGTERM');
    expect((await bot.child.exited).code).toBe(0);

    const logs = `${bot.child.stdout}\n${bot.child.stderr}`;
    // The session did log at debug, and did log the refused follow-up.
    expect(logs).toMatch(/"level":20/);
    const secrets: Record<string, string> = {
      ...Object.fromEntries(
        Object.entries(env).filter(
          ([name, value]) => value !== '' && /SECRET|KEY|TOKEN|DATABASE_URL/.test(name),
        ),
      ),
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      DEBAT_METRICS_TOKEN: METRICS_TOKEN,
      'database password': decodeURIComponent(new URL(database.url).password),
      'page token': link!,
      ...Object.fromEntries(
        env.DEBAT_ENCRYPTION_KEY_PREVIOUS.split(',').map((value, i) => [`previous key ${i}`, value]),
      ),
      ...Object.fromEntries(fakeSlack.oauth.issued.map((token, i) => [`issued Slack token ${i}`, token])),
      ...Object.fromEntries(sent.map((payload, i) => [`interaction token ${i}`, payload.token])),
    };
    delete secrets.DEBAT_ENCRYPTION_KEY_PREVIOUS;
    for (const [name, value] of Object.entries(secrets)) {
      expect(value.length, name).toBeGreaterThan(7);
      expect(logs.includes(value), `${name} in the logs`).toBe(false);
    }
    // No request body (the CSV the refused follow-up carried, or any argument) either.
    expect(logs).not.toContain(MARKER);
    expect(logs).not.toContain('requestBody');
  }, 120_000);
});
