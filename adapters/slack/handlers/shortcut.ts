// The message shortcut "Ajouter au débat": any message becomes an argument of the channel's
// current debate; a form asks the side and lets the text be trimmed first.

import { type Translate, translator } from '../../../src/i18n/translate.ts';
import { argumentModal } from '../render/argument-modal.ts';
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
      const language = (await rt.engine.languages(inv)).private;
      const tr: Translate = translator(language);
      const current = await rt.engine.currentDebate(inv);
      if (!current) {
        const reply = {
          visibility: 'private' as const,
          language,
          view: { kind: 'error' as const, error: { code: 'debate.none_open' as const } },
        };
        await viaResponseUrl(rt.responses, shortcut.response_url)(renderReply(reply));
        return;
      }
      await rt.client.views.open({
        trigger_id: shortcut.trigger_id,
        view: argumentModal(
          tr,
          { channel: who.channel, debate: current },
          { text: decodeSlackText(shortcut.message.text ?? '') },
        ),
      });
    });
  };
}
