import { afterEach, describe, expect, it } from 'vitest';
import { button, chatInput, modalSubmit, ping, postInteraction } from '../fakes/discord/index.ts';
import { alice, bob, type DiscordBed, startDiscordBed, textOf } from './harness.ts';

describe('Discord HTTP interactions endpoint', () => {
  let t: DiscordBed;
  afterEach(async () => {
    await t.close();
  });

  const command = (actor = alice, subcommand = 'aide', options = {}) =>
    chatInput(t.fake.state, { actor, where: t.fake.where, subcommand, options });
  const post = (
    payload: Parameters<typeof postInteraction>[1],
    tamper?: 'body' | 'signature' | 'timestamp' | 'no-headers',
  ) => postInteraction(t.endpoint, payload, t.signer, t.fake.state, tamper ? { tamper } : {});

  it('answers a signed PING with PONG and holds no gateway connection', async () => {
    t = await startDiscordBed({ mode: 'http' });
    const answer = await post(ping(t.fake.state));
    expect(answer).toMatchObject({ status: 200, body: { type: 1 } });
    expect(t.fake.gateway.identifies).toHaveLength(0);
  });

  it('reads only what each interaction needs: a PING and a command without application_id, as Discord’s own examples send them', async () => {
    t = await startDiscordBed({ mode: 'http' });
    const { application_id: _pingApp, ...bare } = ping(t.fake.state) as Record<string, unknown>;
    expect(await post({ type: 1 })).toMatchObject({ status: 200, body: { type: 1 } });
    expect(await post(bare)).toMatchObject({ status: 200, body: { type: 1 } });
    const { application_id: _commandApp, ...withoutApp } = command(alice, 'lancer', {
      sujet: 'Sans application_id',
    }) as Record<string, unknown>;
    const answer = await post(withoutApp);
    expect(answer.status).toBe(200);
    expect(textOf(answer.body)).toContain('Débat n° 1 lancé');
  });

  it('refuses bad signatures with 401 and changes nothing', async () => {
    t = await startDiscordBed({ mode: 'http' });
    for (const tamper of ['body', 'signature', 'timestamp', 'no-headers'] as const) {
      const answer = await post(command(alice, 'lancer', { sujet: 'Pirate' }), tamper);
      expect(answer.status, tamper).toBe(401);
    }
    expect((await post(ping(t.fake.state), 'signature')).status).toBe(401);
    expect(
      await t.bed.store.openDebates({
        platform: 'discord',
        workspaceId: t.fake.where.guildId,
        channelId: t.fake.where.channelId,
      }),
    ).toEqual([]);
    expect(t.fake.rest.calls).toHaveLength(0);
  });

  it('runs a command inline: the scoreboard goes to the channel through REST, the answer in the response', async () => {
    t = await startDiscordBed({ mode: 'http' });
    const answer = await post(command(alice, 'lancer', { sujet: 'Open space ?' }));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    expect(textOf(answer.body)).toContain('Débat n° 1 lancé');
    expect(textOf(t.scoreboard(1).history[0])).toContain('Open space ?');
    const vote = await post(
      button(t.fake.state, {
        actor: bob,
        where: t.fake.where,
        customId: 'db:v:1:c',
        message: t.scoreboard(1),
      }),
    );
    // The vote is acknowledged without a message; the scoreboard shows it.
    expect(vote.body).toEqual({ type: 6 });
    await t.fake.rest.waitFor((c) => c.route === 'messageEdit' && textOf(c.body).includes('1 votant'));
  });

  it('shows the argument form inline and takes its submission', async () => {
    t = await startDiscordBed({ mode: 'http' });
    await post(command(alice, 'lancer', { sujet: 'Cantine ?' }));
    const board = t.scoreboard(1);
    const form = await post(
      button(t.fake.state, { actor: bob, where: t.fake.where, customId: 'db:a:1', message: board }),
    );
    expect(form.body).toMatchObject({ type: 9, data: { custom_id: 'db:m:1' } });
    const submitted = await post(
      modalSubmit(t.fake.state, {
        actor: bob,
        where: t.fake.where,
        customId: 'db:m:1',
        fields: { side: ['pro'], text: 'Bon marché' },
        message: board,
      }),
    );
    expect(textOf(submitted.body)).toContain('Argument n° 1 ajouté (Pour)');
  });

  it('defers what cannot be answered inline (a file) and completes it through REST', async () => {
    t = await startDiscordBed({ mode: 'http' });
    await post(command(alice, 'lancer', { sujet: 'Export ?' }));
    const payload = command(bob, 'exporter', { format: 'markdown' });
    const answer = await post(payload);
    expect(answer.body).toEqual({ type: 5, data: { flags: 64 } });
    const [edit] = await t.fake.rest.waitFor(
      (c) => c.route === 'webhookMessageEdit' && c.params.token === payload.token,
    );
    expect(edit?.status).toBe(200);
    expect(edit?.files).toEqual([expect.objectContaining({ filename: 'debat-1.md' })]);
    expect(edit?.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('a request sent twice opens one debate', async () => {
    t = await startDiscordBed({ mode: 'http' });
    const payload = command(alice, 'lancer', { sujet: 'Une seule fois' });
    await post(payload);
    const again = await postInteraction(t.endpoint, payload, t.signer);
    expect(again.status).toBe(200);
    const open = await t.bed.store.openDebates({
      platform: 'discord',
      workspaceId: t.fake.where.guildId,
      channelId: t.fake.where.channelId,
    });
    expect(open).toHaveLength(1);
  });

  it('without a bot token the scoreboard is the public interaction reply', async () => {
    t = await startDiscordBed({ mode: 'http', noToken: true });
    const open = command(alice, 'lancer', { sujet: 'Sans jeton' });
    const answer = await post(open);
    expect(answer.body).toMatchObject({ type: 4 });
    expect((answer.body as { data: { flags?: number } }).data.flags ?? 0).toBe(0);
    expect(textOf(answer.body)).toContain('Sans jeton');
    expect(t.logger.matching(/no DISCORD_TOKEN/)).toHaveLength(1);
    // That reply is never edited, so a vote is confirmed privately instead.
    const board = t.fake.state.messages.get(t.fake.state.interactions.get(open.id)?.originalMessageId ?? '');
    if (!board) throw new Error('no scoreboard reply');
    const vote = await post(
      button(t.fake.state, { actor: bob, where: t.fake.where, customId: 'db:v:1:p', message: board }),
    );
    expect(vote.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(textOf(vote.body)).toContain('Vote recorded: For');
  });
});
