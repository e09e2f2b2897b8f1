// `/debat …`: parsed, validated and stored before the ack; the first private answer rides in the
// ack itself, public posts and scoreboard updates follow it. Commands that need rights (close,
// reopen, withdraw, settings; opening where only admins open) are acked first: Slack is asked
// whether the person is an admin.

import { needsRights } from '../../../src/api.ts';
import { renderReply } from '../render/reply.ts';
import { viaResponseUrl } from '../responders.ts';
import type { CommandArgs } from '../router.ts';
import { type SlackRuntime, takeFirstPrivate, type Who } from '../runtime.ts';
import { decodeSlackText } from '../slack-text.ts';

/** Any slash command: the manifest says /debat, a workspace may rename it. */
export function commandHandler(rt: SlackRuntime): (args: CommandArgs) => Promise<void> {
  return async ({ command, ack }) => {
    const who: Who = {
      team: command.team_id,
      channel: command.channel_id,
      user: command.user_id,
      name: command.user_name,
    };
    const privately = viaResponseUrl(rt.responses, command.response_url);
    // Slack sends &, < and > as entities; the core gets what was typed.
    const text = decodeSlackText(command.text);
    const rights = needsRights(text);
    // Opening too, in a channel that keeps it to its admins (`config lancer admins`).
    const rightsFirst =
      rights === 'always' ||
      (rights === 'toOpen' &&
        (
          await rt.engine.channelSettings({
            platform: 'slack',
            workspaceId: who.team,
            channelId: who.channel,
          })
        ).openers === 'admins');
    if (rightsFirst) {
      await ack();
      rt.tasks.run('command', async () => {
        const inv = await rt.invocation(who, { id: command.trigger_id }, true);
        await rt.deliver(inv, await rt.engine.receive({ kind: 'line', inv, text }), { privately });
      });
      return;
    }
    const inv = await rt.invocation(who, { id: command.trigger_id });
    const outcome = await rt.engine.receive({ kind: 'line', inv, text });
    const [first, rest] = takeFirstPrivate(outcome);
    await ack(first ? { response_type: 'ephemeral', ...renderReply(first) } : undefined);
    rt.tasks.run('command', () => rt.deliver(inv, rest, { privately }));
    rt.warm(who);
  };
}
