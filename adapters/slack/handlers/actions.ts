// Buttons: the click becomes a core event (the core decides repeated clicks and follow-ups);
// votes, endorsements and ∆ are stored before the ack, the rest after. Private answers go through
// the payload's response_url; the core says when one replaces the clicked message.

import type { ButtonAction, Click, Outcome } from '../../../src/api.ts';
import { ACTION, readDebate, readDelta, readEdit, readEndorse, readPage, readVote } from '../action-ids.ts';
import { formModal } from '../render/form.ts';
import { viaEphemeral, viaResponseUrl } from '../responders.ts';
import type { ClickArgs } from '../router.ts';
import { type SlackRuntime, slackTimeMs, type Who } from '../runtime.ts';

/** The core's action for a button of ours, and whether it is stored before the ack. */
function actionOf(
  actionId: string,
  value: string | undefined,
): { action: ButtonAction; beforeAck: boolean; page?: number } | undefined {
  if (actionId.startsWith(`${ACTION.vote}.`)) {
    const vote = readVote(value);
    return vote && { action: { kind: 'vote', side: vote.side, debate: vote.debate }, beforeAck: true };
  }
  if (actionId === ACTION.delta) {
    const delta = readDelta(value);
    return (
      delta && { action: { kind: 'delta', argument: delta.argument, debate: delta.debate }, beforeAck: true }
    );
  }
  if (actionId === ACTION.endorse) {
    const target = readEndorse(value);
    return (
      target && {
        action: { kind: 'endorse', argument: target.argument, debate: target.debate },
        beforeAck: true,
        page: target.page,
      }
    );
  }
  if (actionId === ACTION.addArgument) {
    const debate = readDebate(value);
    return debate === undefined ? undefined : { action: { kind: 'argumentForm', debate }, beforeAck: false };
  }
  if (actionId === ACTION.edit) {
    const target = readEdit(value);
    return target && { action: { kind: 'editForm', ...target }, beforeAck: false };
  }
  if (actionId === ACTION.arguments || actionId.startsWith(`${ACTION.arguments}.`)) {
    const target = readPage(value);
    return (
      target && { action: { kind: 'arguments', page: target.page, debate: target.debate }, beforeAck: false }
    );
  }
  if (actionId === ACTION.forget) return { action: { kind: 'forgetMe', confirmed: true }, beforeAck: false };
  if (actionId === ACTION.close || actionId === ACTION.reopen) {
    const debate = readDebate(value);
    const kind = actionId === ACTION.close ? 'close' : 'reopen';
    return debate === undefined ? undefined : { action: { kind, debate }, beforeAck: false };
  }
  return undefined;
}

/** A click on one of the bot's buttons (action ids `debat.…`). */
export function actionHandler(rt: SlackRuntime): (args: ClickArgs) => Promise<void> {
  return async ({ action, body, ack }) => {
    const found = actionOf(action.action_id, action.value);
    const channel = body.channel?.id ?? body.container?.channel_id;
    const clickedAt = slackTimeMs(action.action_ts);
    if (!found || !channel) return ack();
    const who: Who = {
      team: body.team?.id ?? body.user.team_id ?? '',
      channel,
      user: body.user.id,
      name: body.user.name ?? body.user.username,
    };
    const click: Click | undefined =
      clickedAt === undefined
        ? undefined
        : {
            message: `${channel}:${body.container?.message_ts ?? body.message?.ts ?? ''}`,
            // A button is its action id and value: the endorse buttons of a list share one action id.
            button: `${action.action_id}:${action.value ?? ''}`,
            at: clickedAt,
            inPrivateMessage: body.container?.is_ephemeral === true,
            listPage: found.page,
          };
    // Clicks on channel and ephemeral messages carry a response_url; others get a plain ephemeral.
    const privately = body.response_url
      ? viaResponseUrl(rt.responses, body.response_url)
      : viaEphemeral(rt.client, channel, body.user.id);
    const delivery = { id: `${body.user.id}:${action.action_ts}`, at: clickedAt };
    const { kind } = found.action;
    // Moderation asks Slack whether the person is an admin: after the ack.
    const rights = kind === 'close' || kind === 'reopen' || kind === 'forgetMe';
    const render = async (outcome: Outcome, inv: Awaited<ReturnType<SlackRuntime['invocation']>>) => {
      if (outcome.next?.kind === 'ignore') return;
      if (outcome.next?.kind === 'form') {
        await rt.client.views.open({
          trigger_id: body.trigger_id,
          view: formModal(outcome.next.form, channel),
        });
        return;
      }
      // The click updates the scoreboard, which shows the vote: no private word for it, as poll
      // bots do (hidden results, errors and the ∆ prompt are still said privately).
      const replies =
        kind === 'vote' ? outcome.replies.filter((reply) => !reply.alsoOnScoreboard) : outcome.replies;
      if (replies.length === 0) return;
      await rt.deliver(
        inv,
        { ...outcome, replies },
        { privately, replaceFirst: outcome.replaceClicked === true },
      );
    };

    if (found.beforeAck) {
      const inv = await rt.invocation(who, delivery);
      const outcome = await rt.engine.receive({ kind: 'button', inv, action: found.action, click });
      await ack();
      rt.tasks.run('action', () => render(outcome, inv));
      return;
    }
    await ack();
    rt.tasks.run('action', async () => {
      const inv = await rt.invocation(who, kind === 'forgetMe' ? delivery : undefined, rights);
      await render(await rt.engine.receive({ kind: 'button', inv, action: found.action, click }), inv);
    });
  };
}
