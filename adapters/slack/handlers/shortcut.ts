// The message shortcut "Ajouter au débat": any message becomes an argument of the channel's
// current debate; a form asks the side and lets the text be trimmed first.

import { formModal } from '../render/form.ts';
import { renderReply } from '../render/reply.ts';
import { viaResponseUrl } from '../responders.ts';
import type { ShortcutArgs } from '../router.ts';
import type { SlackRuntime, Who } from '../runtime.ts';
import { decodeSlackText } from '../slack-text.ts';

/** The message shortcut (callback id ADD_TO_DEBATE_SHORTCUT). */
export function shortcutHandler(rt: SlackRuntime): (args: ShortcutArgs) => Promise<void> {
  return async ({ shortcut, ack }) => {
    await ack();
    rt.tasks.run('shortcut', async () => {
      const who: Who = {
        team: shortcut.team?.id ?? shortcut.user.team_id ?? '',
        channel: shortcut.channel.id,
        user: shortcut.user.id,
        name: shortcut.user.name,
      };
      const inv = await rt.invocation(who, undefined);
      const outcome = await rt.engine.receive({
        kind: 'button',
        inv,
        action: { kind: 'argumentForm', text: decodeSlackText(shortcut.message.text ?? '') },
      });
      if (outcome.next?.kind === 'form') {
        await rt.client.views.open({
          trigger_id: shortcut.trigger_id,
          view: formModal(outcome.next.form, who.channel),
        });
        return;
      }
      const say = viaResponseUrl(rt.responses, shortcut.response_url);
      for (const reply of outcome.replies) await say(renderReply(reply));
    });
  };
}
