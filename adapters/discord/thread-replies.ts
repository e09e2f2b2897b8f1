import { parseText } from '../../src/commands/parse.ts';
import { readThreadReply } from '../../src/commands/thread-reply.ts';
import type { Invocation } from '../../src/domain/types.ts';
import type { DebateCore } from '../../src/engine/core.ts';
import type { Logger } from '../../src/engine/logger.ts';
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
 * A reply in a debate's thread that starts with a side (the grammar of src/commands/thread-reply.ts)
 * becomes an argument, confirmed with ✅. Anything else is left alone. The thread is a debate's
 * when its id is the debate's scoreboard message (threads are opened from it).
 */
export async function handleThreadMessage(
  deps: { engine: DebateCore; rest: Rest; logger: Logger },
  message: ThreadMessage,
): Promise<void> {
  if (message.author.bot) return;
  const argument = readThreadReply(message.content);
  if (!argument) return;
  const scope = { platform: 'discord' as const, workspaceId: message.guildId, channelId: message.parentId };
  const debate = await deps.engine.debateAtScoreboard(
    scope,
    scoreboardRef(message.parentId, message.threadId),
  );
  if (debate === undefined) return;
  const inv: Invocation = {
    ...scope,
    user: { id: message.author.id, name: message.author.name, isAdmin: false },
    deliveryId: `message-${message.id}`,
    deliveredAt: snowflakeTime(message.id),
  };
  const text = parseText('argument', argument.text);
  const outcome = text.ok
    ? await deps.engine.execute(inv, { kind: 'argue', side: argument.side, text: text.value, debate })
    : undefined;
  const first = outcome?.replies[0];
  if (first?.view.kind === 'argumentAdded') {
    await deps.rest.put(routes.reaction(message.threadId, message.id, CONFIRM_EMOJI));
    return;
  }
  if (first?.view.kind === 'notice') return; // already taken into account
  const languages = await deps.engine.languages(inv);
  const error = text.ok
    ? first
    : {
        visibility: 'private' as const,
        language: languages.public,
        view: { kind: 'error' as const, error: text.error },
      };
  if (!error) return;
  await deps.rest.post(routes.messages(message.threadId), {
    body: {
      ...messageBody(renderReply({ ...error, language: languages.public })),
      allowed_mentions: { parse: [], replied_user: false },
      message_reference: { message_id: message.id, fail_if_not_exists: false },
    },
  });
}
