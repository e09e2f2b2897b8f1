// Thread replies, the message shortcut, App Home and redeliveries, in both modes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clickOnMessage, lastModal } from './clicks.ts';
import { closeCleanly, type Mode, openDebate, type SlackBed, startSlackBed } from './harness.ts';

const json = (value: unknown): string => JSON.stringify(value ?? null);

describe.each<Mode>(['http', 'socket'])('threads, shortcut and App Home in %s mode', (mode) => {
  let t: SlackBed;
  let ts: string;

  beforeEach(async () => {
    t = await startSlackBed(mode);
    ts = await openDebate(t, 'La semaine de quatre jours');
  });
  afterEach(() => closeCleanly(t));

  const reply = (
    user: string,
    text: string,
    extra: { subtype?: string; bot_id?: string; thread?: string } = {},
  ) =>
    t.slack.payloads.messageEvent({
      user,
      channel: 'C1',
      text,
      thread_ts: extra.thread ?? ts,
      ...(extra.subtype ? { subtype: extra.subtype } : {}),
      ...(extra.bot_id ? { bot_id: extra.bot_id } : {}),
    });

  it('turns prefixed thread replies into arguments and confirms with a ✅', async () => {
    const replies = [
      reply('U1', 'pour: moins de trajets'),
      reply('U2', 'Contre : des journées trop longues'),
      reply('U3', '+ plus de temps en famille'),
      reply('U4', '- les clients attendent'),
      reply('U5', 'pro: focus'),
      reply('U6', 'con: &lt;fatigue&gt; &amp; stress'),
    ];
    for (const body of replies) expect((await t.event(body)).status).toBe(200);
    await t.idle();
    const pros = await t.bed.store.argumentsOfSide(1, 'pro', 10);
    const cons = await t.bed.store.argumentsOfSide(1, 'con', 10);
    expect(pros.map((a) => a.text).sort()).toEqual(['focus', 'moins de trajets', 'plus de temps en famille']);
    expect(cons.map((a) => a.text).sort()).toEqual([
      '<fatigue> & stress',
      'des journées trop longues',
      'les clients attendent',
    ]);
    for (const body of replies) {
      const event = body.event as { ts: string };
      expect(t.slack.state.reactions.get(`C1/${event.ts}`)).toEqual(['white_check_mark']);
    }
    // The reply is its own public trace: no announcement in the channel.
    expect(t.slack.okCalls('chat.postMessage')).toHaveLength(1);
    expect(json(t.slack.message('C1', ts)?.blocks)).toContain('6 arguments');
  });

  it('leaves other replies, edits, bot messages, top-level messages and other threads alone', async () => {
    await t.event(reply('U1', 'je ne suis pas sûr'));
    await t.event(reply('U1', '+1'));
    await t.event(reply('U1', 'pour: édité', { subtype: 'message_changed' }));
    await t.event(reply('U1', 'pour: un bot', { bot_id: 'B999' }));
    await t.event(
      t.slack.payloads.messageEvent({ user: 'U1', channel: 'C1', text: 'pour: pas dans un fil' }),
    );
    await t.event(reply('U1', 'pour: un autre fil', { thread: '1.000001' }));
    await t.idle();
    expect(await t.bed.store.argumentsOfSide(1, 'pro', 10)).toEqual([]);
    expect(t.slack.calls('reactions.add')).toEqual([]);
  });

  it('answers a bad thread argument privately in the thread', async () => {
    await t.event(reply('U1', `pour: ${'x'.repeat(1200)}`));
    await t.idle();
    const note = t.slack.state.ephemerals.at(-1);
    expect(note).toMatchObject({ user: 'U1', channel: 'C1', thread_ts: ts });
    expect(note?.text).toContain('au plus 1');
  });

  it('never adds the same thread reply twice (Events API retry or Socket Mode redelivery)', async () => {
    const body = reply('U1', 'pour: une seule fois');
    await t.event(body);
    await t.event(body);
    if (mode === 'socket') {
      const first = t.slack.socketEvent(body);
      await first.ack;
      await t.slack.socket.redeliver(first.envelope).ack;
    } else {
      await t.client!.event(body, { retryNum: 1, retryReason: 'http_timeout' });
    }
    await t.idle();
    expect((await t.bed.store.argumentsOfSide(1, 'pro', 10)).map((a) => a.text)).toEqual(['une seule fois']);
  });

  it('never counts a redelivered click or command twice', async () => {
    const click = t.slack.payloads.blockAction({
      user: 'U1',
      channel: 'C1',
      messageTs: ts,
      actionId: 'debat.vote.pro',
      value: '1:pro',
    });
    await t.interactive(click);
    await t.interactive(click);
    const open = t.slack.payloads.slashCommand({ user: 'U1', channel: 'C2', text: 'lancer Un seul débat' });
    if (mode === 'socket') {
      const first = t.slack.socket.send('slash_commands', open);
      await first.ack;
      await t.slack.socket.redeliver(first.envelope).ack;
    } else {
      await t.client!.command(open);
      await t.client!.command(open);
    }
    await t.idle();
    expect(await t.bed.store.tally(1)).toEqual({ pro: 1, con: 0, neutral: 0 });
    expect(t.slack.channelMessages('C2')).toHaveLength(1);
  });

  it('adds any message to the current debate through the message shortcut', async () => {
    const payload = t.slack.payloads.messageShortcut({
      user: 'U7',
      channel: 'C1',
      callbackId: 'debat_add_to_debate',
      message: {
        ts: '1700000000.000200',
        user: 'U8',
        text: 'Les études montrent &lt;20 %&gt; de productivité en plus',
      },
    });
    expect((await t.interactive(payload)).status).toBe(200);
    await t.idle();
    const modal = lastModal(t.slack);
    expect(json(modal.blocks)).toContain('Les études montrent <20 %> de productivité en plus');
    const text = (modal.blocks as Array<{ element?: { initial_value?: string } }>)[1]?.element?.initial_value;
    await t.interactive(
      t.slack.payloads.viewSubmission({ user: 'U7', view: modal, answers: { side: 'pro', text } }),
    );
    await t.idle();
    expect((await t.bed.store.argumentsOfSide(1, 'pro', 5)).map((a) => a.text)).toEqual([
      'Les études montrent <20 %> de productivité en plus',
    ]);
    expect(json(t.slack.message('C1', ts)?.blocks)).toContain('Les études montrent &lt;20 %&gt;');
  });

  it('says so privately when the shortcut is used in a channel without a debate', async () => {
    await t.interactive(
      t.slack.payloads.messageShortcut({
        user: 'U7',
        channel: 'C9',
        callbackId: 'debat_add_to_debate',
        message: { ts: '1700000000.000300', user: 'U8', text: 'hors sujet' },
      }),
    );
    await t.idle();
    expect(t.slack.privateNotes('U7').at(-1)?.text).toContain('Aucun débat ouvert');
    expect(t.slack.calls('views.open')).toEqual([]);
  });

  it('acks what it does not handle and changes nothing: another app’s shortcut and button', async () => {
    const before = t.slack.calls().length;
    const shortcut = await t.interactive(
      t.slack.payloads.globalShortcut({ user: 'U7', callbackId: 'autre_app' }),
    );
    const otherShortcut = await t.interactive(
      t.slack.payloads.messageShortcut({
        user: 'U7',
        channel: 'C1',
        callbackId: 'autre_raccourci',
        message: { ts: '1700000000.000400', user: 'U8', text: 'pour: pas pour nous' },
      }),
    );
    const button = await t.interactive(
      t.slack.payloads.blockAction({
        user: 'U7',
        channel: 'C1',
        messageTs: ts,
        actionId: 'autre.bouton',
        value: '1:pro',
      }),
    );
    await t.idle();
    expect([shortcut.status, otherShortcut.status, button.status]).toEqual([200, 200, 200]);
    expect(t.slack.calls().length).toBe(before);
    expect(t.slack.responses()).toEqual([]);
    expect(await t.bed.store.tally(1)).toEqual({ pro: 0, con: 0, neutral: 0 });
    expect(await t.bed.store.argumentsOfSide(1, 'pro', 5)).toEqual([]);
  });

  it('publishes App Home with the person’s debates, tallies and their vote, in their language', async () => {
    t.slack.setUser({ id: 'U1', locale: 'en-US' });
    await t.command('UOPENER', 'C2', 'lancer Un débat masqué --masque');
    await clickOnMessage(t, 'U1', 'C1', ts, 'debat.vote.con');
    await t.command('U1', 'C2', 'voter pour');
    await t.command('U9', 'C3', 'lancer Rien à voir');
    await t.idle();
    await t.event(t.slack.payloads.appHomeOpened({ user: 'U1' }));
    await t.idle();
    const home = json(t.slack.state.homes.get('U1')?.view.blocks);
    expect(home).toContain('Your debates');
    expect(home).toContain('La semaine de quatre jours');
    expect(home).toContain('Your vote: Against');
    expect(home).toContain('Un débat masqué');
    expect(home).toContain('Results hidden until the debate closes.');
    expect(home).toContain('<#C1>');
    expect(home).not.toContain('Rien à voir');
  });
});
