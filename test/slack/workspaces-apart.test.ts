// Workspaces kept apart: one app installed by two workspaces, and beta forges what it can (button
// values, a channel and a user of alpha, the form's private_metadata, an unknown team, the same
// user id in both). Nothing of alpha is changed, counted or shown to beta.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, voteValue } from '../../adapters/slack/action-ids.ts';
import type { Grant } from '../fakes/slack/index.ts';
import type { SlackPayloads } from '../fakes/slack/payloads.ts';
import { buttonsIn, lastModal } from './clicks.ts';
import { type ManyBed, METRICS_TOKEN, scoreboardIn, startManyBed } from './many-harness.ts';

const SECRET_TOPIC = 'Fusion secrète avec Gamma ?';
const SECRET_ARGUMENT = 'Le conseil a déjà signé';

let t: ManyBed;
let alpha: Grant;
let beta: Grant;
let a: SlackPayloads;
let b: SlackPayloads;

const say = (payloads: SlackPayloads, user: string, channel: string, text: string) =>
  t.instances[0]!.client.command(payloads.slashCommand({ user, channel, text }));
const alphaDebate = () => t.instances[0]!.store.findDebate({ platform: 'slack', workspaceId: 'TALPHA' }, 1);
const betaDebate = () => t.instances[0]!.store.findDebate({ platform: 'slack', workspaceId: 'TBETA' }, 1);

/** Everything beta's people were sent: calls with beta's token, response_url answers to them, files. */
function seenByBeta(): string {
  const calls = t.slack.calls().filter((c) => c.installation === 'TBETA');
  const answers = t.slack.responses((r) => r.user?.startsWith('UB') === true || r.channel === 'CBETA');
  const files = ['UB1', 'UB2'].flatMap((user) =>
    t.slack.directFiles(user).map((f) => f.bytes.toString('utf8')),
  );
  return JSON.stringify([calls.map((c) => c.args), answers.map((r) => r.body), files]);
}

beforeAll(async () => {
  t = await startManyBed();
  alpha = await t.install({ teamId: 'TALPHA' });
  beta = await t.install({ teamId: 'TBETA' });
  a = t.as(alpha);
  b = t.as(beta);
  // Opening asks Slack who may open first: wait for it before arguing.
  await say(a, 'UA1', 'CALPHA', `lancer ${SECRET_TOPIC}`);
  await t.idle();
  await say(a, 'UA1', 'CALPHA', `pour ${SECRET_ARGUMENT}`);
  await say(a, 'USAME', 'CALPHA', 'voter pour');
  await say(b, 'UB1', 'CBETA', 'lancer Plus de plantes au bureau ?');
  await t.idle();
});

afterAll(async () => {
  await t?.close();
});

describe('workspaces kept apart', () => {
  it('ignores a button value and a channel of alpha clicked from beta', async () => {
    const board = scoreboardIn(t.slack, 'CALPHA');
    const con = buttonsIn(board.blocks).find((x) => x.action_id === `${ACTION.vote}.con`)!;
    const forged = b.blockAction({
      user: 'UB2',
      channel: 'CALPHA',
      messageTs: board.ts,
      actionId: con.action_id,
      value: con.value,
      blockId: con.block_id,
    });
    // The clicker even claims to be a member of alpha.
    (forged.user as Record<string, unknown>).team_id = 'TALPHA';
    expect((await t.instances[0]!.client.interactive(forged)).status).toBe(200);
    // The same value in beta's own channel is a vote on beta's debate number 1.
    const own = b.blockAction({
      user: 'UB2',
      channel: 'CBETA',
      messageTs: scoreboardIn(t.slack, 'CBETA').ts,
      actionId: `${ACTION.vote}.con`,
      value: voteValue(1, 'con'),
    });
    expect((await t.instances[0]!.client.interactive(own)).status).toBe(200);
    await t.idle();
    const store = t.instances[0]!.store;
    expect(await store.tally((await alphaDebate())!.id)).toMatchObject({ pro: 1, con: 0, neutral: 0 });
    expect(await store.tally((await betaDebate())!.id)).toMatchObject({ pro: 0, con: 1, neutral: 0 });
    // Alpha's scoreboard was never edited with beta's token.
    expect(
      t.slack.calls('chat.update').filter((c) => c.args.channel === 'CALPHA' && c.installation !== 'TALPHA'),
    ).toEqual([]);
  });

  it('ignores a form whose private_metadata names alpha’s channel and debate', async () => {
    const add = buttonsIn(scoreboardIn(t.slack, 'CBETA').blocks).find(
      (x) => x.action_id === ACTION.addArgument,
    )!;
    await t.instances[0]!.client.interactive(
      b.blockAction({
        user: 'UB1',
        channel: 'CBETA',
        messageTs: scoreboardIn(t.slack, 'CBETA').ts,
        ...{ actionId: add.action_id, value: add.value },
      }),
    );
    await t.idle();
    const modal = lastModal(t.slack);
    const forged = { ...modal, private_metadata: JSON.stringify({ c: 'CALPHA', d: 1 }) };
    const answer = await t.instances[0]!.client.interactive(
      b.viewSubmission({ user: 'UB1', view: forged, answers: { side: 'con', text: 'Argument glissé' } }),
    );
    expect(answer.status).toBe(200);
    await t.idle();
    const store = t.instances[0]!.store;
    const texts = async (id: number) =>
      [...(await store.argumentsOfSide(id, 'pro', 10)), ...(await store.argumentsOfSide(id, 'con', 10))].map(
        (x) => x.text,
      );
    expect(await texts((await alphaDebate())!.id)).toEqual([SECRET_ARGUMENT]);
    expect(await texts((await betaDebate())!.id)).toEqual([]);
    // The form says why, in beta's own words: there is no such debate in that channel for beta.
    expect(answer.json?.response_action).toBe('errors');
  });

  it('shows beta nothing of alpha: commands in alpha’s channel, its App Home, exports, the week’s summary', async () => {
    for (const text of ['liste', 'voir 1', 'arguments 1', 'bilan', 'exporter csv', 'voter pour 1'])
      expect((await say(b, 'UB1', 'CALPHA', text)).status).toBe(200);
    for (const text of ['liste', 'bilan', 'exporter csv']) await say(b, 'UB2', 'CBETA', text);
    // The same user id in both workspaces opens beta's App Home.
    await t.instances[0]!.client.event(b.appHomeOpened({ user: 'USAME' }));
    await t.idle();
    const home = t.slack.calls('views.publish').filter((c) => c.installation === 'TBETA');
    expect(home).toHaveLength(1);
    expect(t.slack.directFiles('UB2').map((f) => f.filename)).toEqual(['debat-1.csv']);
    const seen = seenByBeta();
    expect(seen).toContain('Plus de plantes au bureau');
    expect(seen).not.toContain(SECRET_TOPIC);
    expect(seen).not.toContain(SECRET_ARGUMENT);
    expect(await t.instances[0]!.store.tally((await alphaDebate())!.id)).toMatchObject({ pro: 1, con: 0 });
  });

  it('Slack Connect: a guest of another organisation takes part in the host’s debate', async () => {
    // Alpha hosts the shared channel; the guest's organisation never installed the app.
    const board = scoreboardIn(t.slack, 'CALPHA');
    const pro = buttonsIn(board.blocks).find((x) => x.action_id === `${ACTION.vote}.pro`)!;
    const click = a.blockAction({
      user: 'UGUEST',
      channel: 'CALPHA',
      messageTs: board.ts,
      actionId: pro.action_id,
      value: pro.value,
      blockId: pro.block_id,
    });
    (click.user as Record<string, unknown>).team_id = 'TGUESTORG';
    expect((await t.instances[0]!.client.interactive(click)).status).toBe(200);
    await t.idle();
    const store = t.instances[0]!.store;
    expect(await store.tally((await alphaDebate())!.id)).toMatchObject({ pro: 2, con: 0 });
    expect(await store.findDebate({ platform: 'slack', workspaceId: 'TGUESTORG' }, 1)).toBeUndefined();
    // Undo, so the other cases count as before.
    await t.instances[0]!.client.interactive(
      a.blockAction({
        user: 'UGUEST',
        channel: 'CALPHA',
        messageTs: board.ts,
        actionId: pro.action_id,
        value: pro.value,
        blockId: pro.block_id,
        at: Date.now() + 5000,
      }),
    );
    await t.idle();
    expect(await store.tally((await alphaDebate())!.id)).toMatchObject({ pro: 1, con: 0 });
  });

  it('names no workspace, channel or topic in the metrics', async () => {
    const text = await (
      await fetch(`${t.instances[0]!.base}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      })
    ).text();
    expect(text).toContain('platform="slack"');
    for (const secret of ['TALPHA', 'TBETA', 'CALPHA', 'CBETA', SECRET_TOPIC])
      expect(text).not.toContain(secret);
  });

  it('acts on nothing for a team that never installed the app', async () => {
    const before = t.slack.calls().length;
    const stranger = t.as({ ...alpha, target: { teamId: 'TNOBODY' } }, 'TNOBODY');
    expect((await say(stranger, 'UX', 'CALPHA', 'voter contre 1')).status).toBe(200);
    expect((await say(stranger, 'UX', 'CX', 'lancer Qui suis-je ?')).status).toBe(200);
    await t.idle();
    expect(t.slack.calls().slice(before)).toEqual([]);
    expect(
      await t.instances[0]!.store.findDebate({ platform: 'slack', workspaceId: 'TNOBODY' }, 1),
    ).toBeUndefined();
    expect(await t.instances[0]!.store.tally((await alphaDebate())!.id)).toMatchObject({ pro: 1, con: 0 });
    // Refused as a warning, not an error: nothing went wrong.
    for (const instance of t.instances) expect(instance.logger.errors).toEqual([]);
  });
});
