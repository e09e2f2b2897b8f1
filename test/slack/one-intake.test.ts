// What the one intake fixed, as a Slack user meets it: expired debates are closed and announced by
// whichever path meets them, and only theirs; a failed end announcement is posted later; a double
// click reaching two instances acts once; a weekly summary reads no history on its first post.
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../adapters/slack/index.ts';
import { EVENTS_PATH } from '../../adapters/slack/transport.ts';
import { loadConfig } from '../../src/config.ts';
import { HttpRoutes } from '../../src/http-routes.ts';
import { clickOnMessage, clickOnPrivate } from './clicks.ts';
import {
  closeCleanly,
  openDebate,
  RecordingLogger,
  SIGNING_SECRET,
  type SlackBed,
  startSlackBed,
} from './harness.ts';

const json = (value: unknown): string => JSON.stringify(value ?? null);
const MINUTE = 60_000;
const announced = (t: SlackBed, channel: string) =>
  t.slack.channelMessages(channel).filter((m) => json(m.blocks).includes('arrivé à son terme'));

describe('one intake on Slack', () => {
  let t: SlackBed;
  afterEach(() => closeCleanly(t));

  it('bilan closes and announces the expired debates of its channel, and no other channel’s or workspace’s', async () => {
    t = await startSlackBed('http');
    const team = t.slack.identity.teamId;
    const ts = await openDebate(t, 'Ici --duree 30min');
    await t.command('UOPENER', 'C2', 'lancer Ailleurs --duree 30min');
    const elsewhere = await t.bed.store.openDebate({
      scope: { platform: 'slack', workspaceId: 'T-OTHER', channelId: 'C1' },
      uid: 'other-workspace',
      topic: 'Autre espace',
      openerKey: 'k',
      openerName: null,
      anonymous: false,
      hidden: false,
      at: t.bed.clock.now().getTime(),
      closesAt: t.bed.clock.now().getTime() + 30 * MINUTE,
    });
    await t.idle();
    t.bed.clock.advance(31 * MINUTE);

    await t.command('U1', 'C1', 'bilan');
    await t.idle();
    const status = async (workspaceId: string, number: number) =>
      (await t.bed.store.findDebate({ platform: 'slack', workspaceId }, number))?.status;
    expect(await status(team, 1)).toBe('closed');
    expect(announced(t, 'C1')).toHaveLength(1);
    expect(json(t.slack.message('C1', ts)?.blocks)).toContain('debat.reopen');
    // Other channels and workspaces wait for their own sweep (which announces them there).
    expect(await status(team, 2)).toBe('open');
    expect(await status('T-OTHER', elsewhere.debate.number)).toBe('open');
    expect(announced(t, 'C2')).toHaveLength(0);
  });

  it('opening the edit form in an expired debate closes it and announces its end', async () => {
    t = await startSlackBed('http');
    const ts = await openDebate(t, 'Sujet court --duree 30min');
    await t.command('U4', 'C1', 'pour Mon argument');
    await clickOnMessage(t, 'U4', 'C1', ts, 'debat.args');
    await t.idle();
    t.bed.clock.advance(31 * MINUTE);
    await clickOnPrivate(t, 'U4', 'C1', (b) => b.action_id === 'debat.edit');
    await t.idle();
    expect(json(t.slack.responses((r) => r.user === 'U4').at(-1)?.body)).toContain('clos');
    expect(announced(t, 'C1')).toHaveLength(1);
    expect(json(t.slack.message('C1', ts)?.blocks)).toContain('debat.reopen');
  });

  it('an end announcement Slack refused is posted by a later sweep, once', async () => {
    t = await startSlackBed('http');
    await openDebate(t, 'Sujet court --duree 30min');
    t.bed.clock.advance(31 * MINUTE);
    t.slack.fault('chat.postMessage', { kind: 'platform_error', error: 'fatal_error', times: 1 });
    await t.bed.engine.sweep();
    await t.idle();
    expect(announced(t, 'C1')).toHaveLength(0);
    t.slack.clearFaults();
    // Before the retry window, a live instance's claim is its own: nothing yet.
    t.bed.clock.advance(MINUTE);
    await t.bed.engine.sweep();
    await t.idle();
    expect(announced(t, 'C1')).toHaveLength(0);
    t.bed.clock.advance(5 * MINUTE);
    await t.bed.engine.sweep();
    await t.idle();
    expect(announced(t, 'C1')).toHaveLength(1);
    await t.bed.engine.sweep();
    await t.idle();
    expect(announced(t, 'C1')).toHaveLength(1);
    t.logger.warnings.length = 0;
  });

  it('a double click whose two clicks reach two instances is one vote', async () => {
    t = await startSlackBed('http');
    const ts = await openDebate(t, 'Un clic ou deux ?');
    const logger = new RecordingLogger();
    const http = new HttpRoutes(logger);
    const second = await createSlackAdapter()({
      config: loadConfig({
        SLACK_BOT_TOKEN: t.slack.botToken,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: t.slack.apiUrl,
        DEBAT_LOG_LEVEL: 'warn',
      }),
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
      const button = (await import('./clicks.ts')).findButton(
        t.slack.message('C1', ts)?.blocks,
        (b) => b.action_id === 'debat.vote.pro',
      );
      const at = Date.now();
      const click = (ms: number) =>
        t.slack.payloads.blockAction({
          user: 'U1',
          channel: 'C1',
          messageTs: ts,
          actionId: button.action_id,
          value: button.value,
          blockId: button.block_id,
          at: ms,
        });
      await t.interactive(click(at));
      await other.interactive(click(at + 400));
      await t.idle();
      await second.whenIdle();
      expect(await t.bed.store.tally(1)).toEqual({ pro: 1, con: 0, neutral: 0 });
      // Two deliberate clicks, seconds apart, still toggle the vote off.
      await other.interactive(click(at + 3_000));
      await second.whenIdle();
      expect(await t.bed.store.tally(1)).toEqual({ pro: 0, con: 0, neutral: 0 });
    } finally {
      await http.close();
      await second.stop();
    }
  });
});
