import { createPublicKey, verify } from 'node:crypto';
import { REST } from '@discordjs/rest';
import {
  type ChatInputCommandInteraction,
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  Routes,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chatInput,
  createSigner,
  DEFAULT_CHANNEL,
  type FakeDiscord,
  INTENTS,
  PERMISSIONS,
  ping,
  pingsOf,
  postInteraction,
  startFakeDiscord,
} from './index.ts';

const alice = { id: '400000000000000001', username: 'alice', locale: 'fr' };

function nextInteraction(client: Client): Promise<Interaction> {
  return new Promise((resolve) => client.once(Events.InteractionCreate, resolve));
}

async function login(fake: FakeDiscord, intents: number[] = [GatewayIntentBits.Guilds]): Promise<Client> {
  const client = new Client({ intents, rest: { api: fake.api, retries: 3 } });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(fake.token);
  await ready;
  return client;
}

describe('fake Discord driven by the real discord.js', () => {
  let fake: FakeDiscord;
  let client: Client | null = null;

  beforeEach(async () => {
    fake = await startFakeDiscord();
  });
  afterEach(async () => {
    await client?.destroy();
    client = null;
    await fake.close();
  });

  it('logs in, receives a slash command and round-trips a reply, an edit and a follow-up', async () => {
    client = await login(fake);
    expect(client.guilds.cache.get(fake.where.guildId)?.name).toBe('Bureau');
    const got = nextInteraction(client);
    const sent = fake.slash(alice, 'lancer', { sujet: 'Faut-il du café ?' });
    const interaction = (await got) as ChatInputCommandInteraction;
    expect(interaction.isChatInputCommand()).toBe(true);
    expect(interaction.options.getSubcommand()).toBe('lancer');
    expect(interaction.options.getString('sujet')).toBe('Faut-il du café ?');
    expect(interaction.locale).toBe('fr');
    expect(interaction.channelId).toBe(DEFAULT_CHANNEL);

    await interaction.reply({ content: 'Ouvert', allowedMentions: { parse: [] } });
    const [callback] = await fake.rest.waitFor('interactionCallback');
    expect(callback?.params.id).toBe(sent.id);
    expect(callback?.body).toMatchObject({
      type: 4,
      data: { content: 'Ouvert', allowed_mentions: { parse: [] } },
    });
    expect(callback?.headers.authorization).toBeUndefined();

    await interaction.editReply({ content: 'Ouvert !' });
    const [edit] = await fake.rest.waitFor('webhookMessageEdit');
    expect(edit?.path).toBe(`/webhooks/${fake.applicationId}/${sent.token}/messages/@original`);
    await interaction.followUp({ content: 'Psst', flags: MessageFlags.Ephemeral });
    expect(fake.rest.calls.find((c) => c.route === 'webhookExecute')?.status).toBe(200);
    expect(fake.messagesIn().map((m) => m.content)).toEqual(['Ouvert !']);
  });

  it('answers a second acknowledgement with 40060 and an injected expiry with 10062', async () => {
    client = await login(fake);
    let got = nextInteraction(client);
    fake.slash(alice, 'aide');
    const first = (await got) as ChatInputCommandInteraction;
    await first.deferReply({ flags: MessageFlags.Ephemeral });
    await expect(
      client.rest.post(Routes.interactionCallback(first.id, first.token), {
        body: { type: 4, data: { content: 'x' } },
        auth: false,
      }),
    ).rejects.toMatchObject({ code: 40060 });
    await first.editReply('ok');
    expect(
      fake.state.messages.get(fake.state.interactions.get(first.id)?.originalMessageId ?? '')?.content,
    ).toBe('ok');

    fake.rest.unknownInteractionNext(1);
    got = nextInteraction(client);
    fake.slash(alice, 'aide');
    const second = (await got) as ChatInputCommandInteraction;
    await expect(second.reply('trop tard')).rejects.toMatchObject({ code: 10062 });
  });

  it('clicks a button and submits a modal on a posted message', async () => {
    client = await login(fake);
    const channel = await client.channels.fetch(DEFAULT_CHANNEL);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    await channel.send({
      content: 'Tableau',
      components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'v:1:pour', label: 'Pour' }] }],
      allowedMentions: { parse: [] },
    });
    const board = fake.messagesIn()[0];
    if (!board) throw new Error('no board');
    let got = nextInteraction(client);
    fake.click(alice, board, 'v:1:pour');
    const click = await got;
    if (!click.isButton()) throw new Error('not a button');
    expect(click.customId).toBe('v:1:pour');
    expect(click.message.id).toBe(board.id);
    await click.showModal({
      custom_id: 'arg:1',
      title: 'Ajouter un argument',
      components: [
        {
          type: 1,
          components: [{ type: 4, custom_id: 'texte', label: 'Argument', style: 2, max_length: 1000 }],
        },
      ],
    });
    expect(fake.state.interactions.get(click.id)?.modal).toMatchObject({ title: 'Ajouter un argument' });

    got = nextInteraction(client);
    fake.submitModal(alice, 'arg:1', { texte: 'Le café rend aimable' }, board);
    const submit = await got;
    if (!submit.isModalSubmit()) throw new Error('not a modal');
    expect(submit.fields.getTextInputValue('texte')).toBe('Le café rend aimable');
    await submit.deferUpdate();
    expect(fake.state.interactions.get(submit.id)?.acknowledgedWith).toBe(6);
  });

  it('rejects broken limits with a Discord-style 400', async () => {
    const rest = new REST({ api: fake.api, retries: 0 }).setToken(fake.token);
    const post = (body: unknown) => rest.post(Routes.channelMessages(DEFAULT_CHANNEL), { body });
    await expect(post({ content: 'x'.repeat(2001) })).rejects.toMatchObject({ code: 50035, status: 400 });
    await expect(post({ embeds: [{ title: 't'.repeat(257) }] })).rejects.toMatchObject({ code: 50035 });
    await expect(
      post({ embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2001) }] }),
    ).rejects.toMatchObject({ code: 50035 });
    await expect(
      post({ embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'a', value: 'b' })) }] }),
    ).rejects.toThrow();
    const row = (n: number, label = 'b') => ({
      type: 1,
      components: Array.from({ length: n }, (_, i) => ({
        type: 2,
        style: 1,
        label,
        custom_id: `c${Math.random()}${i}`,
      })),
    });
    await expect(post({ components: Array.from({ length: 6 }, () => row(1)) })).rejects.toThrow();
    await expect(post({ components: [row(6)] })).rejects.toThrow();
    await expect(post({ components: [row(1, 'l'.repeat(81))] })).rejects.toThrow();
    await expect(
      post({
        components: [
          { type: 1, components: [{ type: 2, style: 1, label: 'x', custom_id: 'c'.repeat(101) }] },
        ],
      }),
    ).rejects.toThrow();
    await expect(post({})).rejects.toThrow();
    await expect(post({ content: 'ok', components: [row(5)] })).resolves.toMatchObject({ content: 'ok' });
    expect(fake.rest.calls.filter((c) => c.status === 400)).toHaveLength(9);
  });

  it('attaches multipart files to the message, keeps their bytes, and holds Discord’s file limits', async () => {
    const rest = new REST({ api: fake.api, retries: 0 }).setToken(fake.token);
    const route = Routes.channelMessages(DEFAULT_CHANNEL);
    const sent = (await rest.post(route, {
      body: {},
      files: [{ name: 'debat-1.csv', data: Buffer.from('a,b\r\né,1\r\n'), contentType: 'text/csv' }],
    })) as {
      id: string;
      attachments: { id: string; filename: string; size: number; content_type: string }[];
    };
    // A message of a file alone is not empty.
    expect(sent.attachments).toEqual([
      expect.objectContaining({ filename: 'debat-1.csv', size: 11, content_type: 'text/csv' }),
    ]);
    expect(fake.state.attachmentData.get(sent.attachments[0]!.id)?.toString('utf8')).toBe('a,b\r\né,1\r\n');
    // An edit keeps the listed attachments and adds the new files.
    const edited = (await rest.patch(Routes.channelMessage(DEFAULT_CHANNEL, sent.id), {
      body: { attachments: [{ id: sent.attachments[0]!.id }] },
      files: [{ name: 'debat-1.md', data: Buffer.from('# 1') }],
    })) as { attachments: { filename: string }[] };
    expect(edited.attachments.map((a) => a.filename)).toEqual(['debat-1.csv', 'debat-1.md']);
    const many = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('x') }));
    await expect(rest.post(route, { body: { content: 'x' }, files: many })).rejects.toMatchObject({
      status: 400,
      code: 50035,
    });
    const big = [{ name: 'big.bin', data: Buffer.alloc(10 * 1024 * 1024 + 1) }];
    await expect(rest.post(route, { body: { content: 'x' }, files: big })).rejects.toMatchObject({
      status: 413,
    });
  });

  it('injects 429 and 500 that @discordjs/rest waits out and retries', async () => {
    const rest = new REST({ api: fake.api, retries: 2 }).setToken(fake.token);
    fake.rest.rateLimitNext(2, 'messageCreate');
    fake.rest.serverErrorNext(1, 'messageCreate');
    await rest.post(Routes.channelMessages(DEFAULT_CHANNEL), { body: { content: 'tenace' } });
    expect(fake.rest.filter('messageCreate').map((c) => c.status)).toEqual([429, 429, 500, 200]);
    expect(fake.rest.filter('messageCreate')[0]?.response).toMatchObject({ retry_after: 0.05 });
  });

  it('answers 30046 on edits when told, and fails a fraction of calls reproducibly', async () => {
    const rest = new REST({ api: fake.api, retries: 0 }).setToken(fake.token);
    const msg = (await rest.post(Routes.channelMessages(DEFAULT_CHANNEL), { body: { content: 'a' } })) as {
      id: string;
    };
    fake.rest.editLimitNext(1);
    await expect(
      rest.patch(Routes.channelMessage(DEFAULT_CHANNEL, msg.id), { body: { content: 'b' } }),
    ).rejects.toMatchObject({ code: 30046 });
    fake.state.editLimited.add(msg.id);
    await expect(
      rest.patch(Routes.channelMessage(DEFAULT_CHANNEL, msg.id), { body: { content: 'c' } }),
    ).rejects.toThrow();
    fake.state.editLimited.clear();
    await rest.patch(Routes.channelMessage(DEFAULT_CHANNEL, msg.id), {
      body: { content: 'd', allowed_mentions: { parse: [] } },
    });
    expect(fake.state.messages.get(msg.id)?.content).toBe('d');

    fake.rest.failFraction(0.5, { kind: 'serverError' }, 'channelGet');
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => rest.get(Routes.channel(DEFAULT_CHANNEL))),
    );
    const failed = results.filter((r) => r.status === 'rejected').length;
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(20);
  });

  it('refuses a bad token with 401', async () => {
    const rest = new REST({ api: fake.api, retries: 0 }).setToken('wrong');
    await expect(rest.get(Routes.gatewayBot())).rejects.toMatchObject({ status: 401 });
  });

  it('registers commands through @discordjs/rest and refuses invalid ones', async () => {
    const rest = new REST({ api: fake.api, retries: 0 }).setToken(fake.token);
    const good = [
      {
        name: 'debat',
        description: 'Débats de bureau',
        name_localizations: { 'en-US': 'debate', 'en-GB': 'debate' },
        options: [{ type: 1, name: 'aide', description: 'Aide' }],
      },
    ];
    await rest.put(Routes.applicationGuildCommands(fake.applicationId, fake.where.guildId), { body: good });
    expect(fake.state.guildCommands.get(fake.where.guildId)?.[0]?.name).toBe('debat');
    await rest.put(Routes.applicationCommands(fake.applicationId), { body: good });
    expect(fake.state.globalCommands).toHaveLength(1);
    const bad = [{ name: 'Débat Bureau', description: '' }];
    await expect(
      rest.put(Routes.applicationCommands(fake.applicationId), { body: bad }),
    ).rejects.toMatchObject({
      code: 50035,
    });
  });

  it('reconnects after a cut socket (resume) and after a normal close (identify)', async () => {
    client = await login(fake);
    fake.gateway.cut(4000);
    await fake.gateway.waitForSessionStart(2);
    expect(fake.gateway.resumes).toHaveLength(1);
    let got = nextInteraction(client);
    fake.slash(alice, 'liste');
    expect((await got).isChatInputCommand()).toBe(true);

    fake.gateway.cut(1000);
    await fake.gateway.waitForIdentify(2);
    await fake.gateway.waitForSessionStart(3);
    got = nextInteraction(client);
    fake.slash(alice, 'liste');
    expect((await got).isChatInputCommand()).toBe(true);
  }, 20_000); // a second IDENTIFY waits out discord.js's 5 s identify throttle

  it('closes with 4014 when the Message Content intent is not granted, and blanks content without it', async () => {
    await fake.close();
    fake = await startFakeDiscord({ grantedPrivilegedIntents: 0 });
    const denied = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
      rest: { api: fake.api },
    });
    const closedWith = new Promise<unknown>((resolve) => denied.ws.on('error' as never, resolve));
    await expect(
      Promise.race([denied.login(fake.token), closedWith.then((e) => Promise.reject(e))]),
    ).rejects.toThrow();
    await denied.destroy();
    expect(fake.gateway.identifies[0]?.intents).toBe(
      INTENTS.Guilds | INTENTS.GuildMessages | INTENTS.MessageContent,
    );

    client = await login(fake, [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    expect(client.application?.flags.bitfield).toBe(0);
    const got = new Promise<string>((resolve) =>
      client?.once(Events.MessageCreate, (m) => resolve(m.content)),
    );
    fake.say(alice, 'pour: le café');
    expect(await got).toBe('');
  });

  it('signs HTTP interactions that node:crypto verifies with the hex public key', async () => {
    const signer = createSigner();
    const body = JSON.stringify(ping(fake.state));
    const headers = signer.sign(body);
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(signer.publicKeyHex, 'hex').toString('base64url') },
      format: 'jwk',
    });
    const message = Buffer.from(headers['x-signature-timestamp'] + body);
    expect(verify(null, message, key, Buffer.from(headers['x-signature-ed25519'], 'hex'))).toBe(true);
    expect(
      verify(null, Buffer.from(`${message} `), key, Buffer.from(headers['x-signature-ed25519'], 'hex')),
    ).toBe(false);
    expect(signer.publicKeyHex).toMatch(/^[0-9a-f]{64}$/);
  });

  it('posts signed interactions to an endpoint and accepts its deferred completion through REST', async () => {
    const { createServer } = await import('node:http');
    const signer = createSigner();
    const server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ type: 5, data: { flags: 64 } }));
      req.resume();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
    const payload = chatInput(fake.state, {
      actor: { ...alice, permissions: PERMISSIONS.manageGuild },
      where: fake.where,
      subcommand: 'aide',
    });
    const answer = await postInteraction(url, payload, signer, fake.state);
    expect(answer.body).toEqual({ type: 5, data: { flags: 64 } });
    const rest = new REST({ api: fake.api, retries: 0 });
    await rest.patch(Routes.webhookMessage(fake.applicationId, payload.token, '@original'), {
      body: { content: 'fini' },
      auth: false,
    });
    expect(fake.rest.filter('webhookMessageEdit')[0]?.status).toBe(200);
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('tells which pings a message would fire', () => {
    expect(pingsOf('@everyone <@1> <@&2>', undefined, 'channel')).toEqual({
      everyone: true,
      users: ['1'],
      roles: ['2'],
    });
    expect(pingsOf('@everyone <@1> <@&2>', undefined, 'interaction')).toEqual({
      everyone: false,
      users: ['1'],
      roles: [],
    });
    expect(pingsOf('@here <@!1>', { parse: [] }, 'channel')).toEqual({
      everyone: false,
      users: [],
      roles: [],
    });
  });
});
