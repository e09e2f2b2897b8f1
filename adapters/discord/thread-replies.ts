import type { DebateCore, Invocation, Logger } from '../../src/api.ts';
import { messageBody } from './message-body.ts';
import { snowflakeTime } from './people.ts';
import { renderReply } from './render/index.ts';
import { type Rest, routes } from './rest.ts';
import { scoreboardRef } from './scoreboards.ts';

/** A message posted in a thread, as the gateway saw it. */
export interface ThreadMessage {
  id: string;
  guildId: string;
  threadId: string;
  parentId: string;
  author: { id: string; name: string; bot: boolean };
  content: string;
}

export const CONFIRM_EMOJI = '✅';

/**
 * A message in a thread goes to the core, which says whether it is an argument of the thread's
 * debate (confirmed with ✅) or conversation (left alone). Refusals are answered in the thread:
 * a gateway message has no private answer.
 */
export async function handleThreadMessage(
  deps: { engine: DebateCore; rest: Rest; logger: Logger },
  message: ThreadMessage,
): Promise<void> {
  if (message.author.bot) return;
  const scope = { platform: 'discord' as const, workspaceId: message.guildId, channelId: message.parentId };
  const inv: Invocation = {
    ...scope,
    user: { id: message.author.id, name: message.author.name, isAdmin: false },
    deliveryId: `message-${message.id}`,
    deliveredAt: snowflakeTime(message.id),
  };
  const outcome = await deps.engine.receive({
    kind: 'threadReply',
    inv,
    thread: { scoreboardRef: scoreboardRef(message.parentId, message.threadId) },
    text: message.content,
  });
  if (outcome.next?.kind === 'react')
    await deps.rest.put(routes.reaction(message.threadId, message.id, CONFIRM_EMOJI));
  for (const reply of outcome.replies)
    await deps.rest.post(routes.messages(message.threadId), {
      body: {
        ...messageBody(renderReply(reply)),
        allowed_mentions: { parse: [], replied_user: false },
        message_reference: { message_id: message.id, fail_if_not_exists: false },
      },
    });
}
