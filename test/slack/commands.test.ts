// /debat end to end in both modes: the real Bolt app against the fake Slack.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRef } from '../../adapters/slack/refs.ts';
import { closeCleanly, type Mode, type SlackBed, startSlackBed } from './harness.ts';

const blockText = (blocks: unknown[] | undefined): string => JSON.stringify(blocks ?? []);

describe.each<Mode>(['http', 'socket'])('/debat in %s mode', (mode) => {
  let t: SlackBed;
  beforeEach(async () => {
    t = await startSlackBed(mode);
  });
  afterEach(() => closeCleanly(t));

  async function open(topic = 'Faut-il mêler vie perso et vie pro sur Twitter ?', user = 'UOPENER') {
    const acked = await t.command(user, 'C1', `lancer ${topic}`);
    expect(acked.status).toBe(200);
    await t.idle();
    const post = t.slack.okCalls('chat.postMessage').at(-1)!;
    return { ts: String(post.response?.ts), post };
  }

  it('lancer posts the scoreboard in the channel and remembers it as the live message', async () => {
    const { ts, post } = await open();
    expect(post.args.channel).toBe('C1');
    const blocks = blockText(post.args.blocks as unknown[]);
    expect(blocks).toContain('Faut-il mêler vie perso et vie pro sur Twitter ?');
    expect(blocks).toContain('debat.vote.pro');
    const debate = await t.bed.engine.liveScoreboard(
      { platform: 'slack', workspaceId: t.slack.identity.teamId },
      1,
    );
    expect(parseRef(debate!.ref!)).toEqual({ channel: 'C1', ts });
  });

  it('argues by command: the argument is stored before the ack and the scoreboard follows', async () => {
    const { ts } = await open();
    const acked = await t.command('U2', 'C1', 'pour On se montre tel qu’on est');
    expect(acked.status).toBe(200);
    // Stored at ack time, before any call to Slack.
    const stored = await t.bed.store.argumentsOfSide(1, 'pro', 10);
    expect(stored.map((a) => a.text)).toEqual(['On se montre tel qu’on est']);
    await t.idle();
    expect(blockText(t.slack.message('C1', ts)?.blocks)).toContain('On se montre tel qu’on est');
    const announcement = t.slack.okCalls('chat.postMessage').at(-1)!;
    expect(blockText(announcement.args.blocks as unknown[])).toContain('Argument n° 1 ajouté');
  });

  it('answers private results in the ack itself, ephemerally', async () => {
    await open();
    const acked = await t.command('U2', 'C1', 'voter contre');
    expect(acked.body).toMatchObject({ response_type: 'ephemeral' });
    expect(acked.body?.text).toContain('Vote enregistré : Contre');
    const list = await t.command('U2', 'C1', 'liste');
    expect(JSON.stringify(list.body)).toContain('Faut-il mêler');
    const tally = await t.command('U2', 'C1', 'bilan #1');
    expect(JSON.stringify(tally.body)).toContain('Votre vote : Contre');
  });

  it('does not hold an ack while a users.info lookup of the same person is slow', async () => {
    await open();
    // The first command of U2 looks U2 up in the background; Slack takes 2.5 s to answer.
    t.slack.fault('users.info', { kind: 'slow', delayMs: 2500, times: 1 });
    await t.command('U2', 'C1', 'liste');
    const acked = await t.command('U2', 'C1', 'voter contre');
    expect(acked.body?.text).toContain('Vote enregistré : Contre');
    // The fake records a call once it has answered it: the ack came before Slack's answer.
    expect(t.slack.calls('users.info').filter((c) => c.args.user === 'U2')).toEqual([]);
    await t.idle();
    expect(t.slack.calls('users.info').filter((c) => c.args.user === 'U2')[0]?.fault).toBe('slow 2500ms');
  });

  it('answers every error ephemerally and never in the channel', async () => {
    const before = t.slack.okCalls('chat.postMessage').length;
    const none = await t.command('U2', 'C1', 'voter pour');
    expect(none.body).toMatchObject({ response_type: 'ephemeral' });
    expect(none.body?.text).toContain('Aucun débat ouvert');
    const unknown = await t.command('U2', 'C1', 'lancr un sujet');
    expect(JSON.stringify(unknown.body)).toContain('Vouliez-vous dire « lancer »');
    const empty = await t.command('U2', 'C1', 'lancer');
    expect(empty.body?.text).toContain('Il manque le sujet');
    await t.idle();
    expect(t.slack.okCalls('chat.postMessage').length).toBe(before);
  });

  it('lets the opener close the debate and refuses everyone else', async () => {
    const { ts } = await open();
    await t.command('U2', 'C1', 'clore');
    await t.idle();
    const refusal = t.slack.privateNotes('U2').at(-1);
    expect(refusal?.text).toContain('Seuls l’auteur du débat et les admins');
    expect(blockText(t.slack.message('C1', ts)?.blocks)).toContain('debat.close');

    await t.command('UOPENER', 'C1', 'clore');
    await t.idle();
    expect(JSON.stringify(t.slack.channelMessages('C1').at(-1)?.blocks)).toContain(
      'Débat n° 1 terminé dans <#C1>',
    );
    const board = blockText(t.slack.message('C1', ts)?.blocks);
    expect(board).toContain('debat.reopen');
    expect(board).not.toContain('debat.close');
  });

  it('lets a workspace admin close a debate they did not open (looked up once, then cached)', async () => {
    await open();
    t.slack.setUser({ id: 'UADMIN', is_admin: true, name: 'admin' });
    await t.command('UADMIN', 'C1', 'clore #1');
    await t.command('UADMIN', 'C1', 'rouvrir #1');
    await t.idle();
    const lookups = t.slack.calls('users.info').filter((c) => c.args.user === 'UADMIN');
    expect(lookups).toHaveLength(1);
    const notices = t.slack.channelMessages('C1').map((m) => JSON.stringify(m.blocks));
    expect(notices.some((b) => b.includes('Débat n° 1 terminé dans <#C1>'))).toBe(true);
    expect(notices.some((b) => b.includes('Débat n° 1 rouvert'))).toBe(true);
  });

  it('keeps channel settings to admins and answers in the chosen language', async () => {
    await t.command('U2', 'C1', 'config langue en');
    await t.idle();
    expect(t.slack.privateNotes('U2').at(-1)?.text).toContain('Seuls les admins');
    t.slack.setUser({ id: 'UOWNER', is_owner: true });
    await t.command('UOWNER', 'C1', 'config langue en');
    await t.idle();
    expect(t.slack.privateNotes('UOWNER').at(-1)?.text).toContain('Channel settings');
    const help = await t.command('U3', 'C1', 'aide');
    expect(JSON.stringify(help.body)).toContain('/debat open');
  });

  it('asks Slack who is an admin before opening where opening is kept to admins', async () => {
    t.slack.setUser({ id: 'UOWNER', is_owner: true });
    await t.command('UOWNER', 'C1', 'config lancer admins');
    await t.idle();
    const posts = t.slack.okCalls('chat.postMessage').length;
    const refused = await t.command('U2', 'C1', 'lancer Réservé aux admins ?');
    expect(refused.status).toBe(200);
    await t.idle();
    expect(t.slack.calls('users.info').some((c) => c.args.user === 'U2')).toBe(true);
    expect(t.slack.okCalls('chat.postMessage')).toHaveLength(posts);
    expect(t.slack.privateNotes('U2').at(-1)?.text).toContain('seuls les admins lancent les débats');
    await t.command('UOWNER', 'C1', 'lancer Réservé aux admins ?');
    await t.idle();
    expect(blockText(t.slack.okCalls('chat.postMessage').at(-1)?.args.blocks as unknown[])).toContain(
      'Réservé aux admins ?',
    );
    // A vote needs no rights: answered in the ack itself.
    const vote = await t.command('U3', 'C1', 'voter pour');
    expect(JSON.stringify(vote.body)).toContain('Vote enregistré');
  });

  it('exports a debate as a file in the person’s direct messages, the topic as typed', async () => {
    await open('Sujet <b>&</b>');
    await t.command('U2', 'C1', 'pour un argument');
    const exported = await t.command('U2', 'C1', 'exporter');
    // The ack carries no export: the file is uploaded after it.
    expect(JSON.stringify(exported.body ?? {})).not.toContain('Sujet');
    await t.idle();
    const [file] = t.slack.directFiles('U2');
    expect(file?.filename).toBe('debat-1.md');
    expect(file?.bytes.toString('utf8')).toContain('# Débat n° 1 : Sujet \\<b\\>&\\</b\\>');
    expect(t.slack.privateNotes('U2').at(-1)?.text).toContain('vous attend en message privé (debat-1.md)');
  });

  it('says privately when Slack refuses the post (a private channel without the bot)', async () => {
    t.slack.fault('chat.postMessage', { kind: 'platform_error', error: 'not_in_channel', times: 1 });
    await t.command('U1', 'G1', 'lancer Dans un salon privé');
    await t.idle();
    expect(t.slack.privateNotes('U1').at(-1)?.text).toContain('Je ne peux pas publier dans ce salon');
    expect(t.logger.warnings.map((w) => w.message)).toContain('slack refused a post in this channel');
  });

  it('reads command text as typed: Slack’s entities are decoded once, then escaped again', async () => {
    await t.command('U1', 'C1', 'lancer a &lt; b &amp;&amp; c &gt; d');
    await t.idle();
    const debate = await t.bed.engine.liveScoreboard(
      { platform: 'slack', workspaceId: t.slack.identity.teamId },
      1,
    );
    expect(debate?.view.kind === 'scoreboard' && debate.view.debate.topic).toBe('a < b && c > d');
    const post = t.slack.okCalls('chat.postMessage').at(-1);
    expect(post?.args.text).toBe('Débat n° 1 : a &lt; b &amp;&amp; c &gt; d');
  });

  it('forgets a person on request, after a confirmation by text', async () => {
    await open();
    await t.command('U2', 'C1', 'voter pour');
    const asked = await t.command('U2', 'C1', 'oublier-moi');
    expect(asked.body?.text).toContain('C’est définitif');
    expect(JSON.stringify(asked.body)).toContain('debat.forget');
    expect(await t.bed.store.tally(1)).toEqual({ pro: 1, con: 0, neutral: 0 });
    const forgotten = await t.command('U2', 'C1', 'oublier-moi confirmer');
    expect(forgotten.body?.text).toContain('1 vote et');
    expect(await t.bed.store.tally(1)).toEqual({ pro: 0, con: 0, neutral: 0 });
  });
});
