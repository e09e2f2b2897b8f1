// Buttons: votes, endorsements and ∆ are stored before the ack; lists, forms and moderation after.
// Private answers go through the payload's response_url; a click in an ephemeral list replaces it.

import type { Command } from '../../../src/commands/command.ts';
import { translator } from '../../../src/i18n/translate.ts';
import { DoubleClicks } from '../../shared/double-clicks.ts';
import { ACTION, readDebate, readDelta, readEndorse, readPage, readVote } from '../action-ids.ts';
import { argumentModal } from '../render/argument-modal.ts';
import { viaEphemeral, viaResponseUrl } from '../responders.ts';
import type { ClickArgs } from '../router.ts';
import { type SlackRuntime, slackTimeMs, type Who } from '../runtime.ts';
import { openEditForm } from './edit-form.ts';

type Kind = 'vote' | 'add' | 'list' | 'endorse' | 'delta' | 'moderate' | 'forget' | 'edit';

function kindOf(actionId: string): Kind | undefined {
  if (actionId.startsWith(`${ACTION.vote}.`)) return 'vote';
  if (actionId === ACTION.addArgument) return 'add';
  if (actionId === ACTION.arguments || actionId.startsWith(`${ACTION.arguments}.`)) return 'list';
  if (actionId === ACTION.endorse) return 'endorse';
  if (actionId === ACTION.delta) return 'delta';
  if (actionId === ACTION.close || actionId === ACTION.reopen) return 'moderate';
  if (actionId === ACTION.forget) return 'forget';
  if (actionId === ACTION.edit) return 'edit';
  return undefined;
}

/** A click on one of the bot's buttons (action ids `debat.…`). */
export function actionHandler(rt: SlackRuntime): (args: ClickArgs) => Promise<void> {
  const doubleClicks = new DoubleClicks();
  return async ({ action, body, ack }) => {
    const kind = kindOf(action.action_id);
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (!kind || !channel) return ack();
    // A double click is one click: not a vote cast then withdrawn, not a list opened twice.
    const message = `${channel}:${body.container?.message_ts ?? body.message?.ts ?? ''}`;
    // A button is its action id and value: the endorse buttons of a list share one action id.
    const button = `${action.action_id}:${action.value ?? ''}`;
    const clickedAt = slackTimeMs(action.action_ts);
    if (clickedAt !== undefined && doubleClicks.isRepeat(body.user.id, message, button, clickedAt))
      return ack();
    const who: Who = {
      team: body.team?.id ?? body.user.team_id ?? '',
      channel,
      user: body.user.id,
      name: body.user.name ?? body.user.username,
    };
    const delivery = { id: `${body.user.id}:${action.action_ts}`, at: clickedAt };
    // Clicks on channel and ephemeral messages carry a response_url; others get a plain ephemeral.
    const privately = body.response_url
      ? viaResponseUrl(rt.responses, body.response_url)
      : viaEphemeral(rt.client, channel, body.user.id);
    const inEphemeral = body.container?.is_ephemeral === true;

    if (kind === 'vote' || kind === 'delta') {
      const command: Command | undefined =
        kind === 'vote' ? voteCommand(action.value) : deltaCommand(action.value);
      if (!command) return ack();
      const inv = await rt.invocation(who, delivery);
      const outcome = await rt.engine.execute(inv, command);
      await ack();
      // The click updates the scoreboard, which shows the vote: no private word for it, as poll
      // bots do (hidden results, errors and the ∆ prompt are still said privately).
      const replies = outcome.replies.filter((reply) => !reply.alsoOnScoreboard);
      if (replies.length === 0) return;
      // The ∆ answer replaces the prompt it was chosen from.
      rt.tasks.run('action', () =>
        rt.deliver(
          inv,
          { ...outcome, replies },
          { privately, replaceFirst: kind === 'delta' && inEphemeral },
        ),
      );
      return;
    }

    if (kind === 'endorse') {
      const target = readEndorse(action.value);
      if (!target) return ack();
      const inv = await rt.invocation(who, delivery);
      const outcome = await rt.engine.execute(inv, {
        kind: 'endorse',
        argument: target.argument,
        debate: target.debate,
      });
      await ack();
      rt.tasks.run('endorse', async () => {
        const failed = outcome.replies.some((reply) => reply.view.kind === 'error');
        if (failed || !inEphemeral) return rt.deliver(inv, outcome, { privately });
        // In the list: show the page again with the new endorsement state, in place.
        const page = await rt.engine.execute(inv, {
          kind: 'arguments',
          page: target.page,
          debate: target.debate,
        });
        await rt.deliver(inv, page, { privately, replaceFirst: true });
      });
      return;
    }

    await ack();
    rt.tasks.run('action', async () => {
      if (kind === 'add') {
        const debate = readDebate(action.value);
        if (debate === undefined) return;
        const inv = await rt.invocation(who, undefined);
        const language = (await rt.engine.languages(inv)).private;
        await rt.client.views.open({
          trigger_id: body.trigger_id,
          view: argumentModal(translator(language), { channel, debate }),
        });
        return;
      }
      if (kind === 'edit') return openEditForm(rt, who, body.trigger_id, action.value, privately);
      if (kind === 'list') {
        const target = readPage(action.value);
        if (!target) return;
        const inv = await rt.invocation(who, undefined);
        const outcome = await rt.engine.execute(inv, {
          kind: 'arguments',
          page: target.page,
          debate: target.debate,
        });
        await rt.deliver(inv, outcome, { privately, replaceFirst: inEphemeral });
        return;
      }
      if (kind === 'forget') {
        // The confirmation replaces the question it answers.
        const inv = await rt.invocation(who, delivery, true);
        const outcome = await rt.engine.execute(inv, { kind: 'forgetMe', confirmed: true });
        await rt.deliver(inv, outcome, { privately, replaceFirst: inEphemeral });
        return;
      }
      const debate = readDebate(action.value);
      if (debate === undefined) return;
      const inv = await rt.invocation(who, undefined, true);
      const command: Command =
        action.action_id === ACTION.close ? { kind: 'close', debate } : { kind: 'reopen', debate };
      await rt.deliver(inv, await rt.engine.execute(inv, command), { privately });
    });
  };
}

function voteCommand(value: string | undefined): Command | undefined {
  const vote = readVote(value);
  return vote && { kind: 'vote', side: vote.side, debate: vote.debate };
}

function deltaCommand(value: string | undefined): Command | undefined {
  const delta = readDelta(value);
  return delta && { kind: 'delta', argument: delta.argument, debate: delta.debate };
}
