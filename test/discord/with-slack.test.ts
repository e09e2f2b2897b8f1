// Slack and Discord in one process over one database, on one HTTP server and port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adapterFactories } from '../../adapters/factories.ts';
import type { SlackAdapter } from '../../adapters/slack/index.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { type RunningBot, startBot } from '../../src/main.ts';
import {
  chatInput,
  createSigner,
  type FakeDiscord,
  postInteraction,
  startFakeDiscord,
} from '../fakes/discord/index.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.ts';
import { alice, textOf } from './harness.ts';

const SLACK_SECRET = 'test-signing-secret-0123456789';

describe('Slack and Discord in one process', () => {
  let discord: FakeDiscord;
  let slack: FakeSlack;
  let bot: RunningBot;
  let dir: string;
  const signer = createSigner();

  beforeEach(async () => {
    discord = await startFakeDiscord();
    slack = await startFakeSlack();
    dir = mkdtempSync(join(tmpdir(), 'debat-both-'));
    const config = loadConfig({
      DEBAT_ADAPTERS: 'slack,discord',
      DEBAT_DB_PATH: join(dir, 'debat.sqlite'),
      DEBAT_HOST: '127.0.0.1',
      PORT: '0',
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_PUBLIC_KEY: signer.publicKeyHex,
      DISCORD_API_URL: discord.api,
    });
    bot = await startBot(config, adapterFactories, silentLogger);
  });
  afterEach(async () => {
    await bot.stop();
    await discord.close();
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves both endpoints on one server and keeps both platforms’ debates in one database', async () => {
    const port = bot.http.address?.port;
    const base = `http://127.0.0.1:${port}`;
    const payload = chatInput(discord.state, {
      actor: alice,
      where: discord.where,
      subcommand: 'lancer',
      options: { sujet: 'Côté Discord' },
    });
    const answer = await postInteraction(`${base}/discord/interactions`, payload, signer, discord.state);
    expect(textOf(answer.body)).toContain('Débat n° 1 lancé');
    const client = slack.httpClient(`${base}/slack/events`, SLACK_SECRET);
    const acked = await client.command(
      slack.payloads.slashCommand({ user: 'U1', channel: 'C1', text: 'lancer Côté Slack' }),
    );
    expect(acked.status).toBe(200);
    // Opening may wait for Slack to say who the person is (who may open debates): after the ack.
    const slackAdapter = bot.adapters.find((adapter) => adapter.platform === 'slack') as SlackAdapter;
    await slackAdapter.whenIdle();
    const discordDebates = await bot.store.openDebates({
      platform: 'discord',
      workspaceId: discord.where.guildId,
      channelId: discord.where.channelId,
    });
    expect(discordDebates.map((d) => d.debate.topic)).toEqual(['Côté Discord']);
    const slackDebate = await bot.store.findDebate(
      { platform: 'slack', workspaceId: slack.identity.teamId },
      1,
    );
    expect(slackDebate?.topic).toBe('Côté Slack');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
