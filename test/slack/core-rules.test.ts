// The core's promises as a Slack user meets them: a debate stays in its channel, every end reaches
// its scoreboard and is announced, forget-me reaches every scoreboard, a retried open opens once.
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../adapters/slack/index.ts';
import { EVENTS_PATH } from '../../adapters/slack/transport.ts';
import { loadConfig } from '../../src/config.ts';
import { HttpRoutes } from '../../src/http-routes.ts';
import { clickOnMessage, findButton } from './clicks.ts';
import {
  closeCleanly,
  openDebate,
  RecordingLogger,
  SIGNING_SECRET,
  type SlackBed,
  sentTexts,
  startSlackBed,
} from './harness.ts';

const json = (value: unknown): string => JSON.stringify(value ?? null);
const MINUTE = 60_000;

describe('the core’s rules on Slack', () => {
  let t: SlackBed;
  afterEach(() => closeCleanly(t));

  it('answers a debate number from another channel exactly like an unknown one, and changes nothing', async () => {
    t = await startSlackBed('http');
    const ts = await openDebate(t, 'Le secret du salon privé');
    await t.command('U1', 'C1', 'pour Un argument confidentiel');
    await t.command('U1', 'C1', 'voter pour');
    await t.idle();
    const before = json(t.slack.message('C1', ts)?.blocks);
    const textsBefore = sentTexts(t.slack).length;

    // What a person in C2 reads back: the ack, or (for commands that need rights) the response_url post.
    const answerTo = async (line: string): Promise<string> => {
      const posted = t.slack.responses().length;
      const ack = await t.command('UADMIN', 'C2', line);
      await t.idle();
      return ack.body?.text !== undefined
        ? String(ack.body.text)
        : String(t.slack.responses()[posted]?.body.text);
    };
    expect(await answerTo('bilan #99')).toBe('Aucun débat n° 99 ici.');
    for (const line of [
      'bilan #1',
      'arguments #1',
      'exporter #1',
      'exporter #1 csv',
      'voter pour #1',
      'appuyer 1 #1',
      'delta 1 #1',
      'retirer 1 #1',
      'clore #1',
      'rouvrir #1',
    ])
      expect(await answerTo(line), line).toBe('Aucun débat n° 1 ici.');
    // Nothing of the debate left C1: not its topic, its arguments, its counts.
    const leaked = sentTexts(t.slack)
      .slice(textsBefore)
      .filter((text) => /secret|confidentiel/i.test(text));
    expect(leaked).toEqual([]);
    expect(await t.bed.store.tally(1)).toEqual({ pro: 1, con: 0, neutral: 0 });
    expect(
      (await t.bed.store.findDebate({ platform: 'slack', workspaceId: t.slack.identity.teamId }, 1))?.status,
    ).toBe('open');
    expect(json(t.slack.message('C1', ts)?.blocks)).toBe(before);
  });

  it('ends a debate by its duration at the first click after the end: its scoreboard says closed, the end is announced', async () => {
    t = await startSlackBed('http');
    const ts = await openDebate(t, 'Sujet à durée --duree 30min');
    await clickOnMessage(t, 'U1', 'C1', ts, 'debat.vote.pro');
    await t.idle();
    t.bed.clock.advance(31 * MINUTE);
    // The next click meets the end: refused, and the debate is closed everywhere it shows.
    await clickOnMessage(t, 'U2', 'C1', ts, 'debat.vote.con');
    await t.idle();
    expect(json(t.slack.responses())).toContain('est clos');
    const board = json(t.slack.message('C1', ts)?.blocks);
    expect(board).toContain('debat.reopen');
    expect(board).not.toContain('debat.vote.pro');
    const announcement = t.slack.channelMessages('C1').at(-1);
    expect(json(announcement?.blocks)).toContain('Débat n° 1 arrivé à son terme dans <#C1>');
    expect(json(announcement?.blocks)).toContain('1 votant');
    expect(await t.bed.store.tally(1)).toEqual({ pro: 1, con: 0, neutral: 0 });
  });

  it('ends a hidden-results debate by the sweeper: the announcement is the reveal', async () => {
    t = await startSlackBed('http');
    const ts = await openDebate(t, 'Sujet masqué --masque --duree 1h');
    await clickOnMessage(t, 'U1', 'C1', ts, 'debat.vote.con');
    await t.idle();
    expect(json(t.slack.message('C1', ts)?.blocks)).not.toMatch(/Contre\*? `[^`]*` 1/);
    t.bed.clock.advance(61 * MINUTE);
    expect((await t.bed.engine.sweep()).map((d) => d.number)).toEqual([1]);
    await t.idle();
    const announcement = json(t.slack.channelMessages('C1').at(-1)?.blocks);
    expect(announcement).toContain('arrivé à son terme');
    expect(announcement).toMatch(/Contre\*? `[^`]*` 1 /);
    expect(json(t.slack.message('C1', ts)?.blocks)).toContain('debat.reopen');
    // The sweeper returns a debate once: no second announcement.
    expect(await t.bed.engine.sweep()).toEqual([]);
    await t.idle();
    expect(
      t.slack.channelMessages('C1').filter((m) => json(m.blocks).includes('arrivé à son terme')),
    ).toHaveLength(1);
  });

  it('asks before forgetting, then erases everywhere: every scoreboard the person was on, and their Home tab', async () => {
    t = await startSlackBed('http');
    t.slack.state.setUser({ id: 'UFORGET', name: 'oubliable', real_name: 'Oubliable' });
    const here = await openDebate(t, 'Ici', 'UFORGET');
    await t.command('UOTHER', 'C2', 'lancer Ailleurs');
    await t.idle();
    const there = t.slack.channelMessages('C2').at(-1)?.ts ?? '';
    await t.command('UFORGET', 'C2', 'pour Mon argument signé');
    await clickOnMessage(t, 'UFORGET', 'C2', there, 'debat.vote.pro');
    await clickOnMessage(t, 'UFORGET', 'C1', here, 'debat.vote.con');
    await t.idle();
    // Named by their display name, or their handle where the name was not looked up yet.
    const named = /oubliable|uforget/i;
    expect(json(t.slack.message('C2', there)?.blocks)).toMatch(named);
    expect(json(t.slack.message('C1', here)?.blocks)).toMatch(named);

    const asked = await t.command('UFORGET', 'C1', 'oublier-moi');
    expect(asked.body?.text).toContain('tous salons confondus');
    expect(await t.bed.store.tally(1)).toEqual({ pro: 0, con: 1, neutral: 0 });
    const confirm = findButton(
      (asked.body as { blocks?: unknown[] }).blocks,
      (b) => b.action_id === 'debat.forget',
    );
    await t.interactive(
      t.slack.payloads.blockAction({
        user: 'UFORGET',
        channel: 'C1',
        ephemeral: true,
        actionId: confirm.action_id,
        value: confirm.value,
        blockId: confirm.block_id,
        at: Date.now(),
      }),
    );
    await t.idle();
    expect(await t.bed.store.tally(1)).toEqual({ pro: 0, con: 0, neutral: 0 });
    expect(await t.bed.store.tally(2)).toEqual({ pro: 0, con: 0, neutral: 0 });
    // Both channels' scoreboards were edited: no vote, no name left, and the opener is not called anonymous.
    for (const [channel, ts] of [
      ['C1', here],
      ['C2', there],
    ] as const) {
      const board = json(t.slack.message(channel, ts)?.blocks);
      expect(board, channel).not.toMatch(named);
      expect(board, channel).toContain('0 votant');
    }
    expect(json(t.slack.message('C1', here)?.blocks)).not.toMatch(/anonyme/i);
    const home = t.slack.okCalls('views.publish').filter((c) => c.args.user_id === 'UFORGET');
    expect(home.length).toBeGreaterThan(0);
    expect(json(home.at(-1)?.args.view)).not.toContain('Ici');
  });

  it('opens one debate when the same /debat lancer reaches a second instance (after a restart or a retry)', async () => {
    t = await startSlackBed('http');
    // A second instance of the bot on the same database, with its own memory of deliveries.
    const logger = new RecordingLogger();
    const http = new HttpRoutes(logger);
    const config = loadConfig({
      SLACK_BOT_TOKEN: t.slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: t.slack.apiUrl,
      DEBAT_LOG_LEVEL: 'warn',
    });
    const second = await createSlackAdapter()({
      config,
      engine: t.bed.engine,
      logger,
      clock: t.bed.clock,
      http,
      requestShutdown: () => {},
    });
    await second.start();
    const address = await http.listen(0, '127.0.0.1');
    const other = t.slack.httpClient(`http://127.0.0.1:${address.port}${EVENTS_PATH}`, SIGNING_SECRET);
    try {
      const fields = t.slack.payloads.slashCommand({
        user: 'U1',
        channel: 'C1',
        text: 'lancer Une seule fois',
      });
      const first = await t.client!.command(fields);
      const again = await other.command(fields);
      await t.idle();
      await second.whenIdle();
      expect(first.status).toBe(200);
      expect(again.status).toBe(200);
      // The second delivery is answered privately as already taken into account (in the ack, or
      // through the response_url where opening waits for Slack to say who is an admin).
      expect(json(again.json) + json(t.slack.responses())).toContain('Déjà pris en compte');
      expect(
        await t.bed.store.openDebates({
          platform: 'slack',
          workspaceId: t.slack.identity.teamId,
          channelId: 'C1',
        }),
      ).toHaveLength(1);
      expect(t.slack.okCalls('chat.postMessage')).toHaveLength(1);
    } finally {
      await http.close();
      await second.stop();
    }
  });
});
