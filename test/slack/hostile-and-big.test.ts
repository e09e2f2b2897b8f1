// Signatures, hostile text and big debates: nothing pings, nothing breaks Block Kit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clickOnMessage, clickOnPrivate } from './clicks.ts';
import { invalidBlocks, openDebate, PING, type SlackBed, sentTexts, startSlackBed } from './harness.ts';

describe('the HTTP endpoint', () => {
  let t: SlackBed;
  beforeEach(async () => {
    t = await startSlackBed('http');
  });
  afterEach(() => t.close());

  it('answers 401 to a bad signature or a timestamp older than 5 minutes, and changes nothing', async () => {
    const open = t.slack.payloads.slashCommand({ user: 'U1', channel: 'C1', text: 'lancer Piraté' });
    expect((await t.client!.command(open, { badSignature: true })).status).toBe(401);
    expect((await t.client!.command(open, { skewSec: -5 * 60 - 30 })).status).toBe(401);
    const click = t.slack.payloads.blockAction({
      user: 'U1',
      channel: 'C1',
      actionId: 'debat.vote.pro',
      value: '1:pro',
    });
    expect((await t.client!.interactive(click, { badSignature: true })).status).toBe(401);
    const event = t.slack.payloads.appHomeOpened({ user: 'U1' });
    expect((await t.client!.event(event, { skewSec: -3600 })).status).toBe(401);
    await t.idle();
    expect(
      await t.bed.store.openDebates({
        platform: 'slack',
        workspaceId: t.slack.identity.teamId,
        channelId: 'C1',
      }),
    ).toEqual([]);
    expect(t.slack.calls().filter((c) => c.method !== 'auth.test')).toEqual([]);
    expect(t.slack.responses()).toEqual([]);
  });

  it('answers Slack’s URL check with its challenge', async () => {
    const answer = await t.client!.event({ type: 'url_verification', token: 'x', challenge: 'c-123' });
    expect(answer).toMatchObject({ status: 200, json: { challenge: 'c-123' } });
  });

  it('answers GET /healthz on the same server', async () => {
    const res = await fetch(`http://127.0.0.1:${t.http.address!.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, store: true, draining: false });
  });
});

const HOSTILE = [
  '<!channel>',
  '<!here|here>',
  '<!everyone>',
  '<@U123>',
  '<@W0ADMIN|boss>',
  '<!subteam^S123|@devs>',
  '&lt;!channel&gt;',
  '`$&` *gras* _it_ ~barré~',
  '🎉👩‍👩‍👧‍👦',
  'שלום עולם مرحبا',
  '\u202Eevil\u202C',
];

describe.each(['http', 'socket'] as const)('hostile text and big debates in %s mode', (mode) => {
  let t: SlackBed;
  beforeEach(async () => {
    t = await startSlackBed(mode);
  });
  afterEach(async () => {
    expect(t.logger.errors).toEqual([]);
    await t.close();
  });

  it('never pings anyone from a topic, an argument or a name, in posts, edits or private answers', async () => {
    t.slack.setUser({ id: 'UEVIL', name: '<!channel>', real_name: '<!here>' });
    const topic = HOSTILE.join(' ').slice(0, 200);
    const ts = await openDebate(t, topic, 'UEVIL');
    for (const [i, text] of HOSTILE.entries())
      await t.command('UEVIL', 'C1', `${i % 2 ? 'pour' : 'contre'} ${text}`);
    const long = `${'<!channel> & '.repeat(76)}fin`.slice(0, 1000);
    await t.command('UEVIL', 'C1', `pour ${long}`);
    await t.event(
      t.slack.payloads.messageEvent({
        user: 'UEVIL',
        channel: 'C1',
        text: 'pour: &lt;!everyone&gt; <@U1>',
        thread_ts: ts,
      }),
    );
    await clickOnMessage(t, 'U2', 'C1', ts, 'debat.vote.pro');
    await clickOnMessage(t, 'U2', 'C1', ts, 'debat.args');
    await t.idle();
    await clickOnPrivate(t, 'U2', 'C1', (b) => b.action_id === 'debat.args.next');
    await t.command('U2', 'C1', 'liste');
    await t.command('U2', 'C1', 'bilan');
    await t.command('U2', 'C1', 'exporter');
    await t.command('U2', 'C1', 'bilan #1');
    await t.command('UEVIL', 'C1', 'clore');
    await t.event(t.slack.payloads.appHomeOpened({ user: 'UEVIL' }));
    await t.idle();

    expect(invalidBlocks(t.slack)).toEqual([]);
    const texts = sentTexts(t.slack);
    expect(texts.length).toBeGreaterThan(50);
    expect(texts.filter((s) => PING.test(s))).toEqual([]);
    // What was typed is shown, escaped.
    expect(JSON.stringify(t.slack.message('C1', ts)?.blocks)).toContain('&lt;!channel&gt;');
  });

  it('renders a debate of 80 arguments of 1,000 characters within Block Kit limits, paged', async () => {
    const ts = await openDebate(t, 'Un sujet très long & <piégé> '.repeat(7).slice(0, 200));
    for (let i = 1; i <= 80; i++) {
      const body = `${i} ${'&<>é🎉'.repeat(250)}`.slice(0, 1000);
      await t.command(`U${i}`, 'C1', `${i % 2 ? 'pour' : 'contre'} ${body}`);
    }
    for (let i = 1; i <= 20; i++) await t.command(`V${i}`, 'C1', `appuyer ${i}`);
    await clickOnMessage(t, 'UREADER', 'C1', ts, 'debat.args');
    await t.idle();
    for (let page = 2; page <= 8; page++) {
      await clickOnPrivate(t, 'UREADER', 'C1', (b) => b.action_id === 'debat.args.next');
      await t.idle();
    }
    const last = t.slack.responses((r) => r.user === 'UREADER').at(-1);
    expect(JSON.stringify(last?.body)).toContain('Page 8 sur 8');
    expect(invalidBlocks(t.slack)).toEqual([]);
    const board = t.slack.message('C1', ts)!;
    expect(board.edits).toBeGreaterThan(0);
    expect(JSON.stringify(board.blocks)).toContain('80 arguments');
    // Cut texts end with an ellipsis.
    expect(JSON.stringify(board.blocks)).toContain('…');
  });
});
