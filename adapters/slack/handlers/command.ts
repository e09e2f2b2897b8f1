// `/debat …`: parsed, validated and stored before the ack; the first private answer rides in the
// ack itself, public posts and scoreboard updates follow it. A command that needs rights (the core
// says which) is acked first, then run once Slack has said whether the person is an admin.

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
    const inv = await rt.invocation(who, { id: command.trigger_id });
    const outcome = await rt.engine.receive({ kind: 'line', inv, text, rightsUnknown: true });
    if (outcome.next?.kind === 'rights') {
      // Acked first: asking Slack whether the person is an admin may not fit in the ack's 3 s.
      await ack();
      rt.tasks.run('command', async () => {
        const known = await rt.invocation(who, { id: command.trigger_id }, true);
        await rt.deliver(known, await rt.engine.receive({ kind: 'line', inv: known, text }), { privately });
      });
      return;
    }
    const [first, rest] = takeFirstPrivate(outcome);
    await ack(first ? { response_type: 'ephemeral', ...renderReply(first) } : undefined);
    rt.tasks.run('command', () => rt.deliver(inv, rest, { privately }));
    rt.warm(who);
  };
}
